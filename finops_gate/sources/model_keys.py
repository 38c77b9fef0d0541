"""Where model settings are in parsed config: the key names, and the walk that finds them.

A key names a model when, normalised to snake case, it is one of ``EXACT_KEYS`` or ends with one
of ``SUFFIXES`` (``defaultModel``, ``OPENAI_MODEL``, ``azure_deployment``...). The walk yields
each such key with a string value as a ``Candidate``, with the block it sits in (for the output
cap and provider keys next to it); LiteLLM's ``model_list`` entries yield ``litellm_params.model``
and never the ``model_name`` alias; docker-compose ``environment`` lists count as KEY=VALUE.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from finops_gate.sources.model_files import KeyPath

EXACT_KEYS = frozenset(
    {"model", "model_name", "model_id", "modelid", "default_model", "llm", "deployment",
     "deployment_name", "deployment_id", "azure_deployment", "engine_model"}
)  # fmt: skip
SUFFIXES = (
    "_model", "_model_name", "_model_id", "_deployment", "_deployment_name",
    "_model_pref",  # AnythingLLM: OPEN_MODEL_PREF, EMBEDDING_MODEL_PREF
    "_llm",  # crewAI: manager_llm, function_calling_llm
)  # fmt: skip
# Keys whose value is a list of models (a comma-separated string in an env file, or a list):
# LibreChat's ``OPENAI_MODELS`` (its first entry is the default the UI selects) and LobeChat's
# ``OPENAI_MODEL_LIST`` (``-all,+gpt-4o,+gpt-4o-mini=GPT mini``: every enabled entry is offered).
LIST_SUFFIXES: dict[str, str] = {"_model_list": "each", "_models": "first"}
CAP_KEYS = ("max_completion_tokens", "max_output_tokens", "max_tokens", "max_new_tokens")
PROVIDER_KEYS = ("custom_llm_provider", "llm_provider", "provider", "api_type", "vendor")
LLM_SIBLINGS = frozenset(
    {"temperature", "top_p", "api_key", "api_base", "base_url", "api_version", "system_prompt",
     "stream", "litellm_params", "frequency_penalty", "presence_penalty", "stop", *CAP_KEYS,
     *PROVIDER_KEYS}
)  # fmt: skip
LLM_KEY_WORDS = re.compile(
    r"llm|openai|anthropic|claude|gemini|azure_openai|bedrock|vertex|chat|completion|embedding"
    r"|gpt|litellm|ai_|_ai\b|assistant"
)
LOOKS_LIKE_MODEL = re.compile(
    r"gpt|(?:^|[/.])o[1-9](?:-|$)|claude|gemini|gemma|palm|bison|llama|mistral|mixtral|codestral"
    r"|ministral|pixtral|command-|titan|nova-|deepseek|qwen|phi-\d|grok|embed|davinci|babbage"
    r"|jamba|sonar|whisper|dall-e|tts-|kimi|glm-|sonnet|haiku|opus|text-"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@functools.lru_cache(maxsize=4096)
def normalize_key(key: str) -> str:
    """``defaultModel`` / ``DEFAULT-MODEL`` / ``default_model`` -> ``default_model``."""
    snake = _CAMEL.sub("_", key)
    return snake.replace("-", "_").replace(".", "_").lower()


@functools.lru_cache(maxsize=4096)
def is_model_key(key: str) -> bool:
    lowered = key.lower()
    if "model" not in lowered and "deploy" not in lowered and "llm" not in lowered:
        return False  # the common case, decided without a regex
    norm = normalize_key(key)
    return norm in EXACT_KEYS or norm.endswith(SUFFIXES)


@functools.lru_cache(maxsize=4096)
def list_rule(key: str) -> str | None:
    """For a key whose value lists models, which entries are priced: ``first`` (the default
    one) or ``each``; None for other keys."""
    lowered = key.lower()
    if "models" not in lowered and "model_list" not in lowered and "model-list" not in lowered:
        return None
    norm = normalize_key(key)
    return next((rule for suffix, rule in LIST_SUFFIXES.items() if norm.endswith(suffix)), None)


def llm_only_key(key: str) -> bool:
    """A key that names a model only by saying "llm" (``llm``, ``manager_llm``): its value
    names a model only when it looks like one (``llm: true`` or ``use_llm: yes`` do not)."""
    norm = normalize_key(key)
    return norm == "llm" or norm.endswith("_llm")


def cap_key_of(key: str) -> str | None:
    norm = normalize_key(key)
    return next((c for c in CAP_KEYS if norm == c or norm.endswith("_" + c)), None)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A config value that may name a model, with the key path and block it is in."""

    path: KeyPath
    value: str
    block: Mapping[str, Any]
    litellm: bool = False
    base_model: str | None = None  # LiteLLM model_info.base_model of the same entry
    env_style: bool = False  # KEY=VALUE: a .env line or a docker-compose environment item
    at: KeyPath | None = None  # where it is written, when that differs from its address
    listed: tuple[str, ...] = ()  # every model of the list this entry comes from
    list_rule: str | None = None  # "first" (the list's default is priced) or "each"
    stream: KeyPath | None = None  # the list whose entries share one stream of requests
    provider: str | None = None  # the provider the shape names ("openai:gpt-4.1")
    explicit: bool = False  # the shape says it is a model, whatever the key
    opaque: bool = False  # an LLM block under a model key that names no model: not understood
    # a model-like value whose key does not name a model but whose place does: an LLM word in
    # the key (``chat: gpt-4o-mini``) or a key above that names models (``models: {fast: ...}``)
    by_place: bool = False


def walk(
    node: Any, path: KeyPath, depth: int, seen: set[int], info_base: str | None = None
) -> Iterator[Candidate]:
    # a YAML alias is the same object again: its settings are found once, where it is defined
    if depth > 64 or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        if _recorded_call(node):
            return  # a call's history entry (DSPy's saved LM history), not a setting
        params = node.get("litellm_params")
        schema = _is_schema(node)
        for key, value in node.items():
            if not isinstance(key, str):
                continue
            if schema and key in _EXAMPLE_KEYS:
                continue  # a schema's example or default documents a value, it sets none
            rule = list_rule(key) if isinstance(value, str | list) else None
            if rule is None and isinstance(value, list) and is_model_key(key):
                rule = "first"  # model: [primary, fallback...]
            if rule is None and key == "default" and path[-1:] == ("models",):
                rule = "first"  # LibreChat: endpoints.custom[].models.default: [...]
            if rule is not None and (
                (isinstance(value, str) and ("," in value or rule == "each"))
                or (isinstance(value, list) and any(isinstance(v, str) for v in value))
            ):
                yield from list_candidates((*path, key), value, node, rule)
                continue
            if key == "name" and isinstance(value, str) and _AIDER_KEYS.intersection(node):
                yield Candidate((*path, key), value, node, explicit=True)  # aider model settings
                continue
            if key in _PROMPTFOO_KEYS and not path and _PROMPTFOO_SIBLINGS.intersection(node):
                yield from promptfoo_candidates((key,), value)
                continue
            if isinstance(value, str) and is_model_key(key):
                norm = normalize_key(key)
                if label_beside_id(key, node):
                    continue  # the label of the block's model_id
                if "litellm_params" in node and norm == "model_name":
                    continue  # LiteLLM's public alias; the priced model is litellm_params.model
                    # (an entry whose litellm_params is still empty, a template, names none)
                if norm == "base_model" and _other_model_key(node, key):
                    continue  # the price override of the block's model, not a second model
                in_litellm = path[-1:] == ("litellm_params",)
                stream = _litellm_stream(path) if in_litellm else None
                yield Candidate((*path, key), value, node, in_litellm, info_base, stream=stream)
            elif isinstance(value, str) and _model_place(key, path) and looks_like_model(value):
                yield Candidate((*path, key), value, node, by_place=True)
            elif isinstance(value, dict | list) and value is not params:
                if params is not None and key == "model_info":
                    continue
                if isinstance(value, dict) and is_model_key(key) and id(value) not in seen:
                    yield from _model_block((*path, key), value)
                yield from walk(value, (*path, key), depth + 1, seen)
        if isinstance(params, dict):
            info = node.get("model_info")
            base = info.get("base_model") if isinstance(info, dict) else None
            base = base if isinstance(base, str) else None
            yield from walk(params, (*path, "litellm_params"), depth + 1, seen, base)
    elif isinstance(node, list):
        env = _env_items(node)
        for i, item in enumerate(node):
            if isinstance(item, dict | list):
                yield from walk(item, (*path, i), depth + 1, seen)
            elif env and isinstance(item, str):
                key = item.partition("=")[0].strip()
                # a bare ``- LLM_MODEL`` forwards the variable set elsewhere (the .env file
                # compose reads, or the host), where its own setting is found: not one here
                if key in env and is_model_key(key):
                    yield Candidate((*path, key), env[key], env, env_style=True, at=(*path, i))


def _model_place(key: str, path: KeyPath) -> bool:
    """A key that says LLM (``chat``, ``embedding``, ``summarizer``...: ``LLM_KEY_WORDS``) or
    sits in a mapping whose key names models (``models:``, ``llm:``, ``default_model:``); not
    an LLM block's other settings (``provider: ollama``, ``base_url``, ``api_key``)."""
    norm_key = normalize_key(key)
    if norm_key in LLM_SIBLINGS or any(w in norm_key for w in _NOT_MODEL_WORDS):
        return False
    if LLM_KEY_WORDS.search(norm_key):
        return True
    parent = path[-1] if path else None
    if not isinstance(parent, str):
        return False
    norm = normalize_key(parent)
    return is_model_key(parent) or norm.endswith(("models", "llms")) or norm in ("llm", "ai")


_NOT_MODEL_WORDS = ("provider", "url", "host", "endpoint", "path", "key", "token", "version")

_ENV_ITEM = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


_NAME_KEYS = ("name", "id")


_ANSWER_KEYS = ("response", "outputs", "completion", "choices")
_WHEN_KEYS = ("timestamp", "uuid", "created", "latency", "cost")


def _recorded_call(node: Mapping[str, Any]) -> bool:
    """A record of one call an application made (``{"model": ..., "response_model": ...}``, or
    a model with the answer it got and when), as LM histories and traces save them."""
    if "model" not in node:
        return False
    if isinstance(node.get("response_model"), str):
        return True
    return any(k in node for k in _ANSWER_KEYS) and any(k in node for k in _WHEN_KEYS)


def _model_block(path: KeyPath, block: Mapping[str, Any]) -> Iterator[Candidate]:
    """A model key whose value is a mapping: ``model: {name: gpt-4o, temperature: 0}`` names
    its model by ``name`` / ``id``; an LLM block that names none (``llm: {provider: openai}``)
    is a setting not understood, reported as such rather than dropped."""
    if any(isinstance(k, str) and is_model_key(k) for k in block):
        return  # the walk finds the inner model key
    for key in _NAME_KEYS:
        value = block.get(key)
        if isinstance(value, str) and value.strip():
            yield Candidate((*path, key), value, block, explicit=looks_like_model(value))
            return
    nested = any(isinstance(v, dict | list) for v in block.values())
    if not nested and any(isinstance(k, str) and normalize_key(k) in LLM_SIBLINGS for k in block):
        yield Candidate(path, "", block, opaque=True)


def _env_items(node: list[Any]) -> dict[str, str]:
    """docker-compose ``environment: [OPENAI_MODEL=gpt-4o, ...]`` as a mapping."""
    out: dict[str, str] = {}
    for item in node:
        m = _ENV_ITEM.match(item) if isinstance(item, str) else None
        if m is not None:
            out[m.group(1)] = m.group(2).strip().strip("\"'")
    return out


def _other_model_key(node: Mapping[str, Any], key: str) -> bool:
    return any(isinstance(k, str) and k != key and is_model_key(k) for k in node)


def env_candidates(doc: Mapping[str, Any]) -> Iterator[Candidate]:
    for key, value in doc.items():
        if not isinstance(value, str):
            continue
        rule = list_rule(key)
        if rule is not None:
            yield from list_candidates((key,), value, doc, rule, env_style=True)
        elif is_model_key(key):
            yield Candidate((key,), value, doc, env_style=True)
        elif _model_place(key, ()) and looks_like_model(value):
            yield Candidate((key,), value, doc, env_style=True, by_place=True)  # OPENAI_CHAT=


MAX_LIST = 256  # entries of one list read as models: bounded, whatever a file holds


def list_entries(value: str | list[Any]) -> tuple[str, ...]:
    """The models a list names, in order: ``a,b`` or ``[a, b]``; LobeChat's ``-all``, hidden
    (``-name``) entries and display names (``+name=Label<128000:vision>``) are read as such."""
    items = value.split(",", MAX_LIST) if isinstance(value, str) else value[:MAX_LIST]
    out: list[str] = []
    for item in items[:MAX_LIST]:
        if not isinstance(item, str):
            continue
        entry = item.strip().lstrip("+").split("=", 1)[0].split("<", 1)[0].strip()
        if entry and not item.strip().startswith("-") and entry.lower() != "all":
            out.append(entry)
    return tuple(dict.fromkeys(out))


def list_candidates(
    path: KeyPath,
    value: str | list[Any],
    block: Mapping[str, Any],
    rule: str,
    *,
    env_style: bool = False,
    at: KeyPath | None = None,
) -> Iterator[Candidate]:
    """A list of models: one site for its default (``first``), or one per entry sharing one
    stream of requests (``each``, addressed by position)."""
    entries = list_entries(value)
    if not entries:
        return
    # a list is of models when one of its entries looks like one (else each must resolve)
    models = any(looks_like_model(e) for e in entries)
    if rule == "first":
        yield Candidate(path, entries[0], block, env_style=env_style, at=at, listed=entries,
                        list_rule=rule, explicit=models)  # fmt: skip
        return
    for i, entry in enumerate(entries):
        yield Candidate((*path, i), entry, block, env_style=env_style, at=at or path,
                        listed=entries, list_rule=rule, stream=path, explicit=models)  # fmt: skip


def _litellm_stream(path: KeyPath) -> KeyPath | None:
    """LiteLLM's ``model_list``: every deployment is on the menu of one proxy, one stream."""
    for end in range(len(path), 0, -1):
        if path[end - 1] == "model_list":
            return path[:end]
    return None


# promptfoo: ``providers: [openai:gpt-4.1, {id: "anthropic:messages:claude-..."}]``
_PROMPTFOO_KEYS = frozenset({"providers", "targets"})
_PROMPTFOO_SIBLINGS = frozenset(
    {"prompts", "tests", "defaultTest", "scenarios", "evaluateOptions", "redteam", "outputPath"}
)
_PROMPTFOO_KINDS = frozenset(
    {"chat", "completion", "messages", "responses", "embedding", "embeddings", "converse",
     "assistant", "realtime", "moderation", "text", "invoke"}
)  # fmt: skip
_NOT_MODEL_PROVIDERS = frozenset(
    {"file", "python", "exec", "http", "https", "webhook", "echo", "sequence", "js", "golang",
     "ruby", "simulated-user", "manual-input", "script", "package", "browser", "websocket", "mcp"}
)  # fmt: skip


def promptfoo_candidates(path: KeyPath, value: Any) -> Iterator[Candidate]:
    items = [value] if isinstance(value, str | dict) else value if isinstance(value, list) else []
    for i, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else item
        if not isinstance(ident, str):
            continue
        provider, sep, rest = ident.strip().partition(":")
        if not sep or not rest or provider.lower() in _NOT_MODEL_PROVIDERS:
            continue
        kind, sep, model = rest.partition(":")
        if not sep or kind.lower() not in _PROMPTFOO_KINDS:
            model = rest  # "openai:gpt-4.1", "bedrock:us.anthropic.claude-...-v1:0"
        block = item if isinstance(item, dict) else {}
        where = (*path, i) if isinstance(value, list) else path
        yield Candidate(where, model, block, provider=provider.lower(), explicit=True)


# an OpenAPI / JSON-Schema fragment: its example and default values are documentation
_SCHEMA_KEYS = frozenset({"properties", "$ref", "$schema", "allOf", "oneOf", "anyOf", "schema",
                          "requestBody", "responses", "parameters"})  # fmt: skip
_SCHEMA_TYPES = frozenset({"string", "object", "array", "number", "integer", "boolean", "null"})


def _is_schema(node: Mapping[str, Any]) -> bool:
    kind = node.get("type")
    return bool(_SCHEMA_KEYS.intersection(node)) or (
        isinstance(kind, str) and kind in _SCHEMA_TYPES
    )


_EXAMPLE_KEYS = frozenset({"example", "examples", "default", "enum", "const", "x-example"})
# aider's .aider.model.settings.yml: a top-level list of ``- name: <model>`` with its settings
_AIDER_KEYS = frozenset(
    {"edit_format", "weak_model_name", "editor_model_name", "editor_edit_format", "use_repo_map",
     "examples_as_sys_msg", "reminder", "lazy", "cache_control", "caches_by_default",
     "use_system_prompt", "use_temperature", "streaming", "accepts_settings"}
)  # fmt: skip


# words of a table's name that make it hold something about models other than which model to use
_NOT_MODEL_TABLE = frozenset(
    {"display", "label", "labels", "title", "titles", "description", "descriptions", "price",
     "prices", "pricing", "cost", "costs", "limit", "limits", "context", "window", "icon",
     "icons", "logo", "logos", "color", "colors", "url", "urls", "docs", "link", "links"}
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def names_models(name: str) -> bool:
    """Whether a table's (dict's, object's) own name says it maps something to models:
    ``DEFAULT_MODELS``, ``PROVIDER_TO_DEFAULT_MODEL_NAME``, ``modelByTier``, ``LLMS``; not
    ``MODEL_DISPLAY_NAMES`` or ``MODEL_PRICES``, whose values are about models, not models."""
    words = normalize_key(name).split("_")
    if not any(w in ("model", "models", "llm", "llms") for w in words):
        return False
    return not any(w in _NOT_MODEL_TABLE for w in words)


def label_beside_id(key: str, keys: Iterator[Any] | list[Any] | Mapping[str, Any]) -> bool:
    """Whether ``key`` is a ``model_name`` beside a ``model_id`` in the same block: the id is
    the model, the name its label (``{modelId: "llama3-8b-8192", modelName: "LLaMA3-8b-chat"}``)."""
    if normalize_key(key) != "model_name":
        return False
    return any(isinstance(k, str) and normalize_key(k) == "model_id" for k in keys)


def looks_like_model(value: str) -> bool:
    return LOOKS_LIKE_MODEL.search(value.lower()) is not None


# --- self-hosted models: served by the team's own GPUs or pods, no per-token price -------------

SELF_HOSTED_PROVIDERS = frozenset(
    {"ollama", "ollama_chat", "vllm", "hosted_vllm", "lm_studio", "lmstudio", "llamafile",
     "localai", "local_ai", "llamacpp", "llama_cpp", "tgi", "text-generation-inference",
     "xinference", "openllm", "triton", "sglang", "huggingface_local", "local", "koboldcpp",
     "oobabooga", "textgen", "gpt4all", "mlx", "llama-cpp"}
)  # fmt: skip
_ENDPOINT_KEYS = frozenset(
    {"api_base", "base_url", "host", "endpoint", "api_url", "base_path", "openai_api_base",
     "openai_base_url", "openai_api_host", "ollama_host", "ollama_base_url", "ollama_url",
     "llm_base_url", "llm_host", "llm_endpoint", "llm_api_base", "inference_url", "model_url",
     "server_url", "api_host", "vllm_url", "vllm_base_url"}
)  # fmt: skip
_LOCAL_HOST = re.compile(
    r"^(?:https?://)?(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal"
    r"|ollama|vllm|[\w.-]+\.svc(?:\.cluster\.local)?|[\w.-]+\.internal)(?::\d+)?(?:/|$)"
    r"|:11434\b",
    re.IGNORECASE,
)
# vLLM / TGI engine arguments next to the model: the block configures a server, not an API call
_ENGINE_KEYS = frozenset(
    {"tensor_parallel_size", "pipeline_parallel_size", "gpu_memory_utilization", "max_model_len",
     "served_model_name", "max_num_seqs", "num_shard", "max_batch_prefill_tokens"}
)  # fmt: skip


def self_hosted(cand: Candidate, value: str) -> str | None:
    """Why the setting names a self-hosted model (``ollama``, ``vllm``, ``a local endpoint``),
    or None: the provider prefix or key, a provider key or parent key, an endpoint on a local
    or in-cluster host, or server engine arguments beside it."""
    prefixed = hosted_prefix(value)
    if prefixed is not None:
        return prefixed
    if cand.provider is not None and _hosted(cand.provider):
        return cand.provider
    if cand.env_style:
        first = str(cand.path[-1]).lower()
        for name in sorted(SELF_HOSTED_PROVIDERS, key=len, reverse=True):
            if first.startswith(name.replace("-", "_") + "_"):
                return name
    for key in ("provider", "custom_llm_provider", "llm_provider", "api_type", "type", "backend"):
        given = cand.block.get(key)
        if isinstance(given, str) and _hosted(given):
            return given.strip().lower()
    for part in reversed(cand.path[:-1]):
        if isinstance(part, str) and _hosted(part):
            return part.lower()
    for key, given in cand.block.items():
        norm = normalize_key(key) if isinstance(key, str) else ""
        if isinstance(given, str) and norm in _ENDPOINT_KEYS and _LOCAL_HOST.search(given):
            return "a local endpoint"
    if _ENGINE_KEYS.intersection(k for k in cand.block if isinstance(k, str)):
        return "a model server"
    return None


def hosted_prefix(value: str) -> str | None:
    """The self-hosted server a model name's prefix routes it to: ``ollama/llama3``,
    LiteLLM's ``ollama_chat/llama3.2`` and ``hosted_vllm/...``, LangChain's ``ollama:llama3``."""
    for mark in ("/", ":"):
        prefix, sep, _ = value.partition(mark)
        if sep and _hosted(prefix):
            return prefix.strip().lower()
    return None


def hosted_name(name: str) -> str | None:
    """The self-hosted server a variable's name says (``OLLAMA_MODEL``, ``vllm_model_name``);
    not ``LOCAL_MODEL``, which may name any model."""
    norm = normalize_key(name)
    for server in sorted(SELF_HOSTED_PROVIDERS - {"local"}, key=len, reverse=True):
        if norm.startswith(server.replace("-", "_") + "_"):
            return server
    return None


def local_endpoint(key: str, value: str) -> bool:
    """Whether ``key=value`` points a client at a server on this machine or in the cluster
    (``api_base="http://localhost:11434"``, ``base_url="http://vllm.ml.svc:8000/v1"``)."""
    return normalize_key(key) in _ENDPOINT_KEYS and _LOCAL_HOST.search(value) is not None


def _hosted(name: str) -> bool:
    return name.strip().lower() in SELF_HOSTED_PROVIDERS
