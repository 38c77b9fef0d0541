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
SUFFIXES = ("_model", "_model_name", "_model_id", "_deployment", "_deployment_name")
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
    if "model" not in lowered and "deploy" not in lowered and lowered not in EXACT_KEYS:
        return False  # the common case, decided without a regex
    norm = normalize_key(key)
    return norm in EXACT_KEYS or norm.endswith(SUFFIXES)


def cap_key_of(key: str) -> str | None:
    norm = normalize_key(key)
    return next((c for c in CAP_KEYS if norm == c or norm.endswith("_" + c)), None)


@dataclass(frozen=True, slots=True)
class Candidate:
    path: KeyPath
    value: str
    block: Mapping[str, Any]
    litellm: bool = False
    base_model: str | None = None  # LiteLLM model_info.base_model of the same entry
    env_style: bool = False  # KEY=VALUE: a .env line or a docker-compose environment item
    at: KeyPath | None = None  # where it is written, when that differs from its address


def walk(
    node: Any, path: KeyPath, depth: int, seen: set[int], info_base: str | None = None
) -> Iterator[Candidate]:
    # a YAML alias is the same object again: its settings are found once, where it is defined
    if depth > 64 or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        params = node.get("litellm_params")
        for key, value in node.items():
            if not isinstance(key, str):
                continue
            if isinstance(value, str) and is_model_key(key):
                norm = normalize_key(key)
                if params is not None and norm == "model_name":
                    continue  # LiteLLM's public alias; the priced model is litellm_params.model
                if norm == "base_model" and _other_model_key(node, key):
                    continue  # the price override of the block's model, not a second model
                in_litellm = path[-1:] == ("litellm_params",)
                yield Candidate((*path, key), value, node, in_litellm, info_base)
            elif isinstance(value, dict | list) and value is not params:
                if params is not None and key == "model_info":
                    continue
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
                if is_model_key(key):
                    yield Candidate((*path, key), env[key], env, env_style=True, at=(*path, i))


_ENV_ITEM = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


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
        if is_model_key(key) and isinstance(value, str):
            yield Candidate((key,), value, doc, env_style=True)


def looks_like_model(value: str) -> bool:
    return LOOKS_LIKE_MODEL.search(value.lower()) is not None
