"""AI model settings in application config -> Resource (kind ``llm_model``).

A candidate is a key that names a model (``model``, ``default_model``, ``*_model``, ``model_id``,
``deployment``, ``OPENAI_MODEL``...) with a string value that has the shape of a name. This
source decides by shape alone and never reads the price catalog: each candidate carries its
``evidence``. Strong evidence (the value looks like a model, the key is an LLM key, the block
holds LLM parameters, the file's shape names a model, a self-hosted server) makes it a setting
whatever the catalog says, priced as ``unpriced`` with the reason when the name is unknown,
never as $0 and never dropped. A candidate found by its key alone (``evidence: key``,
``model: User`` in an ORM config) is a setting only if the pricing stage's catalog knows the
name (``estimate.models.is_setting``); a value that is a provider's name (``llm: openai``) is
not a model there either.

Addresses are ``<file>#<dotted.key.path>``. An output cap in the same block (``max_tokens``,
``max_output_tokens``, ``max_completion_tokens``) travels with the setting for the worst case.
Files: ``sources.models.paths`` globs, else every YAML/JSON/TOML/.env file of the tree except
Kubernetes manifests, Terraform plans, lock files and this tool's own config. A file is parsed
only when its bytes mention "model" or "deployment" (or a model family: ``gpt-``, ``claude``...),
which keeps large trees fast.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from finops_gate.config import CONFIG_NAME, Settings
from finops_gate.errors import InputError
from finops_gate.model import BY_KEY, EVIDENCE, Resource
from finops_gate.sources import model_k8s
from finops_gate.sources.model_files import READERS, KeyPath, Parsed, file_format
from finops_gate.sources.model_keys import (
    CAP_KEYS,
    LLM_KEY_WORDS,
    LLM_SIBLINGS,
    PROVIDER_KEYS,
    SUFFIXES,
    Candidate,
    cap_key_of,
    env_candidates,
    is_model_key,
    llm_only_key,
    looks_like_model,
    normalize_key,
    self_hosted,
    walk,
)
from finops_gate.sources.model_locks import lock_file
from finops_gate.sources.tree import Tree

SOURCE = "models"
KIND = "llm_model"

# ${VAR}, $VAR, ${VAR:-default}, ${VAR-default} (shell, compose); ${VAR:default} (Spring,
# privateGPT); os.environ/VAR (LiteLLM). ${VAR:?message} and ${VAR:+alt} have no default.
_REFERENCE = re.compile(
    r"^\$(?:\{(?P<var>[A-Za-z_][A-Za-z0-9_.]*)(?:(?::-|-|:(?![?+]))(?P<default>[^}]*))?"
    r"(?::?[?+][^}]*)?\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))$"
    r"|^os\.environ/(?P<litellm>[A-Za-z_][A-Za-z0-9_]*)$"
)


def _is_template(text: str) -> bool:
    """``{{ ... }}`` within one line, at most 200 characters between, or ``{%``. (Was a regex
    ``{{.*}}``: every ``{{`` of a long line scanned to its end, quadratic in a hostile file.)"""
    if "{%" in text:
        return True
    start = text.find("{{")
    while start >= 0:
        end = text.find("}}", start + 2, start + 204)
        if end >= 0 and "\n" not in text[start:end]:
            return True
        start = text.find("{{", start + 2)
    return False


# a file that does not parse as YAML and holds template syntax: Helm/Jinja ``{{ }}`` ``{% %}``,
# or a Terraform templatefile's ``%{ for }`` directives and ``${ }`` interpolations (cloud-init)
_FILE_TEMPLATE_MARKS = ("{{", "{%", "%{", "${")
_LOCK_FILES = frozenset(
    {"package-lock.json", "composer.lock", "poetry.lock", "pipfile.lock", "cargo.lock",
     "uv.lock", "pdm.lock", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"}
)  # fmt: skip
# TypeScript / JavaScript compiler settings (JSONC): never model settings
_COMPILER_CONFIGS = ("tsconfig", "jsconfig")
_MENTIONS = (b"model", b"deployment", b"llm", b"providers", b"targets")
# a model-like value under a key that does not say model (``chat: gpt-4o-mini``): the families
# whose names a file then holds
_MODEL_MENTIONS = (b"gpt-", b"claude", b"gemini", b"llama", b"mistral", b"sonnet", b"haiku",
                   b"deepseek", b"qwen", b"command-r", b"o1-", b"o3-", b"o4-")  # fmt: skip
# a key can hide behind an escape ("mod\u0065l", "\x6dodel"): such files are always parsed
_ESCAPES = (b"\\u", b"\\x", b"\\U")
# recorded data and test fixtures: API responses and inputs of tests, not what production runs
_FIXTURE_DIRS = frozenset({"fixtures", "__fixtures__", "cassettes", "__snapshots__", "testdata"})
_MEMO: dict[tuple[str, str, bytes], list[Resource]] = {}
_MEMO_SIZE = 20_000


def forget() -> None:
    """Drop the files parsed once for both sides (``sources.load_sides``, once they are read):
    the settings found stay with the changes; their parsed attributes, which a whole tree's
    report no longer holds once priced (``app._as_shown``), are not kept here to the end."""
    _MEMO.clear()
    if "finops_gate.sources.model_code_tree" in sys.modules:
        sys.modules["finops_gate.sources.model_code_tree"].forget()


# what the source-code scan may read (a superset of ``model_code_tree.language``, any case)
_CODE_SUFFIXES = (".py", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")


def _scans_code(*file_lists: list[str]) -> bool:
    """Whether the source-code scan has anything to look at: a source file, or a lock file
    (a bumped client). Without either it finds nothing, and its parsers (a tenth of a second
    to import) are not loaded: a change to manifests or config files does not pay for them."""
    return any(
        rel.lower().endswith(_CODE_SUFFIXES) or lock_file(rel)
        for rels in file_lists
        for rel in rels
    )


def load(tree: Tree, settings: Settings) -> list[Resource]:
    """Every model setting of one side of the change, sorted by address."""
    out, code_files = _config(tree, settings)
    if _scans_code(code_files):
        from finops_gate.sources import model_code_tree

        out.extend(model_code_tree.load(tree, code_files))
    return sorted(out, key=lambda r: r.address)


def load_pair(base: Tree, head: Tree, settings: Settings) -> tuple[list[Resource], list[Resource]]:
    """Both sides of the change; source code is parsed only where the two sides differ."""
    (b_out, b_code), (h_out, h_code) = _config(base, settings), _config(head, settings)
    b_sites: list[Resource] = []
    h_sites: list[Resource] = []
    if _scans_code(b_code, h_code):
        from finops_gate.sources import model_code_tree

        b_sites, h_sites = model_code_tree.load_pair(base, head, b_code, h_code)
    return (
        sorted([*b_out, *b_sites], key=lambda r: r.address),
        sorted([*h_out, *h_sites], key=lambda r: r.address),
    )


def _config(tree: Tree, settings: Settings) -> tuple[list[Resource], list[str]]:
    """The settings of the config files, and the files the source-code scan looks at."""
    patterns = settings.section("sources", "models").get("paths") or []
    files = tree.glob(patterns) if patterns else _auto_files(tree)
    out: list[Resource] = []
    for rel in files:
        fmt = file_format(rel)
        if fmt is None:
            continue
        out.extend(load_file(tree, rel, fmt))
    return out, tree.glob(patterns) if patterns else tree.files()


_EXAMPLE_ENV = (".env.example", ".env.sample", ".env.template")


def _auto_files(tree: Tree) -> list[str]:
    # a documented choice: an example env file documents variables, it sets none in production
    examples = [r for r in tree.files() if r.rsplit("/", 1)[-1].lower().endswith(_EXAMPLE_ENV)]
    if examples:
        tree.skipped.append(
            f"{len(examples)} example env file(s) ({examples[0]}...) not read as model settings"
        )
    files = [
        rel
        for rel in tree.files()
        if file_format(rel) is not None
        and rel != CONFIG_NAME
        and rel.rsplit("/", 1)[-1].lower() not in _LOCK_FILES
        and not rel.rsplit("/", 1)[-1].lower().startswith(_COMPILER_CONFIGS)
    ]
    fixtures = [r for r in files if _FIXTURE_DIRS.intersection(r.lower().split("/")[:-1])]
    if fixtures:
        tree.skipped.append(
            f"{len(fixtures)} file(s) in test fixture folders ({fixtures[0]}...) not read as "
            "model settings (recorded data, not configuration)"
        )
        return [r for r in files if r not in set(fixtures)]
    return files


def load_file(tree: Tree, rel: str, fmt: str) -> list[Resource]:
    """The candidate settings of one file (parsed only when it mentions a model)."""
    try:
        # the tree decides what is readable and records what is not: the check fails closed
        # on an unreadable file that could hide a change
        data = tree.read_bytes(rel)
        text = tree.text_of(rel, data)
    except InputError:
        return []
    lowered = data.lower() if text.isascii() else text.lower().encode("utf-8", "replace")
    escaped = any(e in data for e in _ESCAPES)
    name = rel.rsplit("/", 1)[-1].lower().encode("utf-8", "replace")
    named = any(m in name for m in _MENTIONS)  # the file's own name, not its folders
    if (
        not escaped
        and not named
        and not any(m in lowered for m in _MENTIONS)
        and not any(m in lowered for m in _MODEL_MENTIONS)
    ):
        return []  # neither the name nor the bytes mention a model: nothing to parse
    # base and head mostly hold the same files: the same bytes give the same settings
    memo_key = (rel, fmt, hashlib.blake2b(data, digest_size=16).digest())
    cached = _MEMO.get(memo_key)
    if cached is not None:
        return cached
    if fmt == "yaml" and not escaped and _only_manifests(text) and not _K8S_MODEL_HINT.search(text):
        return []  # Kubernetes objects with no model-named env or data key: nothing to read
    try:
        parsed = READERS[fmt](text, rel)
    except InputError:
        if fmt == "yaml" and any(mark in text for mark in _FILE_TEMPLATE_MARKS):
            why = "a template (Helm, Jinja or a Terraform templatefile), not read as config"
            tree.unreadable_soft(rel, why, data)
            return []
        raise
    found = _shared_streams(list(_resources(parsed, rel, fmt)))
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[memo_key] = found
    return found


def _resources(parsed: Parsed, rel: str, fmt: str) -> Iterator[Resource]:
    for index, doc in enumerate(parsed.docs):
        if _skipped_document(doc, fmt):
            continue
        base: KeyPath = (index,) if len(parsed.docs) > 1 else ()
        if fmt == "env":
            candidates: Iterable[Candidate] = env_candidates(doc)
        elif fmt == "yaml" and model_k8s.is_object(doc):
            candidates = model_k8s.candidates(doc, base)
        else:
            candidates = walk(doc, base, 0, set())
        found = (_resource(cand, rel, parsed) for cand in candidates)
        sites = [r for r in found if r is not None]
        yield from _env_references(sites, doc, rel) if fmt == "env" else sites


def _env_references(sites: list[Resource], doc: Any, rel: str) -> list[Resource]:
    """``OPENAI_MODEL=${LLM_MODEL}`` below ``LLM_MODEL=gpt-4o-mini`` in one .env file: docker
    compose and python-dotenv expand it to the value the file sets, so the setting is that
    model (not unknown), and the two keys share one stream of requests (one application
    setting, counted once a month, not twice). Read in line order, as dotenv does, a chain
    (``C=${B}`` below ``B=${A}``) is the model its first key sets, on that key's stream; a
    reference to a key set below (so also any cycle) is left unknown, as dotenv leaves it."""
    if not isinstance(doc, dict):
        return sites
    by_key = {r.address[len(rel) + 1 :]: r for r in sites}
    out = []
    for r in sorted(sites, key=lambda site: site.line or 0):
        written = doc.get(r.address[len(rel) + 1 :])
        ref = _REFERENCE.match(written.strip()) if isinstance(written, str) else None
        variable: str = (ref.group("var") or ref.group("bare") or "") if ref is not None else ""
        target = by_key.get(variable)
        stream = f"{rel}#{variable}"
        chained = None if target is None else target.attributes.get("stream")
        if target is not r and isinstance(chained, str) and chained.startswith(f"{rel}#"):
            stream = chained  # the key it expands to is itself expanded from one above
        if (
            ref is None
            or (ref.group("default") or "").strip()
            or target is None
            or target is r
            or (target.line or 0) > (r.line or 0)  # expanded from the lines above only
            or not isinstance(target.attributes.get("model"), str)
            or "stream" in r.attributes
            or target.attributes.get("stream", stream) != stream
        ):
            out.append(_unexpanded(r, target, variable, rel) if ref is not None else r)
            continue
        attrs = {**r.attributes, "model": target.attributes["model"], "stream": stream}
        attrs["model_from"] = f"${variable}, as {rel} sets it"
        for key in ("self_hosted", "provider_hints"):
            if key in target.attributes:
                attrs[key] = target.attributes[key]
        expanded = replace(r, attributes=attrs, unknown=frozenset())
        out.append(expanded)
        by_key[variable] = replace(target, attributes={**target.attributes, "stream": stream})
        by_key[r.address[len(rel) + 1 :]] = expanded  # what a key below expands to
    final = {r.address: r for r in out}
    for r in by_key.values():
        if r.address in final and "stream" in r.attributes:
            final[r.address] = r
    return list(final.values())


def _unexpanded(r: Resource, target: Resource | None, variable: str, rel: str) -> Resource:
    """A key referring to one the file sets but dotenv does not expand: one set only below it
    (a cycle is one), or one itself left unknown; the reason says so, not "give a default"."""
    if target is None or target is r or r.attributes.get("model") is not None:
        return r
    if (target.line or 0) > (r.line or 0):
        why = f"${variable} at run time: {rel} sets it only below this line (dotenv expands"
        why += " the lines above only)"
    elif not isinstance(target.attributes.get("model"), str):
        why = f"${variable} at run time: {rel} sets it to a value it does not expand"
    else:
        return r
    return replace(r, attributes={**r.attributes, "model_from": why})


_TOP_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:", re.M)
_MANIFEST_KEYS = frozenset({
    "apiVersion", "kind", "metadata", "spec", "status", "data", "stringData", "binaryData", "type",
    "immutable", "items", "rules", "subjects", "roleRef", "webhooks", "provisioner", "parameters",
    "reclaimPolicy", "volumeBindingMode", "allowVolumeExpansion", "handler", "value",
    "globalDefault", "description", "preemptionPolicy",
})  # fmt: skip


# an env var or data key that names a model, in a manifest: ``- name: OPENAI_MODEL``, ``LLM_MODEL:``
_K8S_MODEL_HINT = re.compile(
    r"(?i)(?:model|llm)[\w.-]*['\"]?[ \t]*:|name:[ \t]*['\"]?[\w.-]*(?:model|deployment|llm)"
)


def _only_manifests(text: str) -> bool:
    """Whether a YAML file holds nothing but Kubernetes objects (its top-level keys say so):
    a cheap look before a full parse, for trees with thousands of manifests."""
    keys = {m.group(1) for m in _TOP_KEY.finditer(text)}
    return "apiVersion" in keys and "kind" in keys and keys <= _MANIFEST_KEYS


def _shared_streams(found: list[Resource]) -> list[Resource]:
    """The sites of one list (a LiteLLM ``model_list``, a list of models) share one stream of
    requests: each says how many share it, so a default is split, not multiplied."""
    sizes: dict[str, int] = {}
    for r in found:
        stream = r.attributes.get("stream")
        if isinstance(stream, str):
            sizes[stream] = sizes.get(stream, 0) + 1
    return [
        replace(r, attributes={**r.attributes, "stream_size": sizes[r.attributes["stream"]]})
        if isinstance(r.attributes.get("stream"), str)
        else r
        for r in found
    ]


_RESPONSE_OBJECTS = frozenset(
    {"chat.completion", "chat.completion.chunk", "text_completion", "response", "embedding",
     "list", "message", "model"}
)  # fmt: skip


def _skipped_document(doc: Any, fmt: str) -> bool:
    """Documents that hold model names but set none: a scalar, a Terraform plan (read by
    the plan source), an OpenAPI/Swagger/AsyncAPI description, a JSON Schema, a recorded API
    response or an HTTP cassette."""
    if isinstance(doc, list):  # aider's .aider.model.settings.yml: a list of model blocks
        return not any(isinstance(item, dict) for item in doc)
    if not isinstance(doc, dict):
        return True
    if _terraform_json(doc):
        return True  # a Terraform plan or state, read by the plan source
    if any(isinstance(doc.get(k), str) for k in ("openapi", "swagger", "asyncapi")):
        return True
    schema = doc.get("$schema")
    if isinstance(schema, str) and "json-schema.org" in schema:
        return True
    if isinstance(doc.get("interactions"), list):  # VCR / vcrpy / Polly cassettes
        return True
    return _api_response(doc)


_PLAN_BODY = ("planned_values", "resource_changes", "prior_state", "configuration", "values")


def _terraform_json(doc: dict[str, Any]) -> bool:
    """``terraform show -json`` output, really: string versions and a plan or state body (two
    top-level keys are not enough to hide a config's model settings)."""
    return (
        isinstance(doc.get("format_version"), str)
        and isinstance(doc.get("terraform_version"), str)
        and any(isinstance(doc.get(k), dict | list) for k in _PLAN_BODY)
    )


def _api_response(doc: dict[str, Any]) -> bool:
    """A response body an LLM API returned (recorded for a test or a doc page)."""
    obj = doc.get("object") if isinstance(doc.get("object"), str) else doc.get("type")
    obj = obj if isinstance(obj, str) else None  # `type: []` must not be looked up in a set
    usage = doc.get("usage")
    tokens = isinstance(usage, dict) and any(
        isinstance(k, str) and k.endswith("tokens") for k in usage
    )
    answered = isinstance(doc.get("choices"), list) or (
        isinstance(doc.get("content"), list) and doc.get("role") == "assistant"
    )
    return (obj in _RESPONSE_OBJECTS and (tokens or answered)) or (tokens and answered)


def _resource(cand: Candidate, rel: str, parsed: Parsed) -> Resource | None:
    key = str(cand.path[-1])
    written = cand.value.strip()
    if cand.opaque:
        return _not_understood(cand, rel, parsed)
    if not written or len(written) > 200:
        return None
    attrs: dict[str, Any] = {"model": written}
    unknown: frozenset[str] = frozenset()
    ref = _REFERENCE.match(written)
    if ref is None and any(c.isspace() for c in written):
        return None  # prose, not a name
    says_model = False
    if ref is not None:
        default = (ref.group("default") or "").strip()
        variable = ref.group("var") or ref.group("bare") or ref.group("litellm")
        says_model = is_model_key(variable) or bool(LLM_KEY_WORDS.search(normalize_key(variable)))
        if default:
            attrs["model"] = default
            attrs["model_from"] = f"default of ${variable}"
        else:
            attrs["model"] = None
            attrs["model_from"] = f"${variable} at run time"
            unknown = frozenset({"model"})
    elif _is_template(written):
        attrs["model"] = None
        attrs["model_from"] = "a template expression"
        unknown = frozenset({"model"})
    hints = _provider_hints(cand)
    if hints:
        attrs["provider_hints"] = hints
    hosted = self_hosted(cand, written)
    if hosted is not None:
        attrs["self_hosted"] = hosted
    if cand.listed:
        attrs["listed"] = list(cand.listed)
        attrs["list_rule"] = cand.list_rule
    if cand.stream is not None:
        attrs["stream"] = f"{rel}#{'.'.join(str(p) for p in cand.stream)}"
    base_model = _base_model(cand)
    if base_model is not None:
        attrs["base_model"] = base_model
    cap_key, cap = _cap(cand)
    if cap is not None and cap_key is not None:
        attrs["max_tokens"] = cap
        attrs["max_tokens_key"] = cap_key
    attrs.update(_tier_and_effort(cand))
    evidence = _evidence(cand, key, base_model or attrs["model"], hosted, says_model)
    if evidence == BY_KEY and base_model is None and attrs["model"] is None:
        return None  # "llm: ${X}" under a key alone: no name for the catalog to know
    attrs[EVIDENCE] = evidence
    return Resource(
        address=f"{rel}#{'.'.join(str(p) for p in cand.path)}",
        source=SOURCE,
        kind=KIND,
        provider="llm",
        attributes=attrs,
        unknown=unknown,
        file=rel,
        line=parsed.line(cand.at or cand.path),
    )


def _not_understood(cand: Candidate, rel: str, parsed: Parsed) -> Resource:
    """A setting kept as unknown: never $0, never dropped, with what was not understood."""
    keys = ", ".join(sorted(str(k) for k in cand.block)[:6])
    return Resource(
        address=f"{rel}#{'.'.join(str(p) for p in cand.path)}",
        source=SOURCE,
        kind=KIND,
        provider="llm",
        attributes={
            "model": None,
            "model_from": f"a mapping ({keys}) that names no model",
            EVIDENCE: "llm block",
        },
        unknown=frozenset({"model"}),
        file=rel,
        line=parsed.line(cand.at or cand.path),
    )


def _evidence(
    cand: Candidate, key: str, value: str | None, hosted: str | None, says_model: bool
) -> str:
    """Why the candidate is a model setting, from its shape alone."""
    if hosted:
        return "self-hosted"
    if cand.by_place:
        # a model-like value where models are set: an LLM key says so; a key under ``models:``
        # (``fast: gpt-4o-mini``) only if the catalog knows the name
        return "llm key" if LLM_KEY_WORDS.search(normalize_key(key)) else BY_KEY
    if says_model:
        return "variable"  # ${OPENAI_MODEL:-...}: the variable's name says model
    if cand.litellm:
        return "litellm"
    if cand.explicit:
        return "shape"  # promptfoo providers, aider's list, a list of model-like names
    if value is not None and looks_like_model(value):
        return "value"
    if llm_only_key(key):
        return "llm key" if value is None else BY_KEY  # "llm: ${LLM}" yes; "use_llm: yes" no
    if LLM_KEY_WORDS.search(normalize_key(key)):
        return "llm key"
    if not cand.env_style and any(
        normalize_key(k) in LLM_SIBLINGS for k in cand.block if isinstance(k, str)
    ):
        return "llm block"
    return BY_KEY


def _provider_hints(cand: Candidate) -> list[str]:
    """Where the config may say which provider serves the model, nearest first; the pricing
    stage takes the first that names a provider it knows."""
    if cand.provider is not None:
        return [cand.provider]
    if cand.env_style:  # AZURE_OPENAI_DEPLOYMENT, ANTHROPIC_MODEL, BEDROCK_MODEL_ID
        return [str(cand.path[-1]).split("_", 1)[0].lower()]
    hints = [
        value.strip().lower()
        for k in PROVIDER_KEYS
        if isinstance(value := cand.block.get(k), str) and value.strip()
    ]
    # a parent key that names a provider: "azure: {deployment: gpt-4o}"
    hints.extend(p.lower() for p in reversed(cand.path[:-1]) if isinstance(p, str))
    return list(dict.fromkeys(h for h in hints if len(h) <= 64))


def _base_model(cand: Candidate) -> str | None:
    """LiteLLM's ``base_model`` (cost tracking for Azure deployments with custom names)."""
    if not cand.litellm:
        return None
    value = cand.block.get("base_model") or cand.base_model
    return value.strip() if isinstance(value, str) and value.strip() else None


def _cap(cand: Candidate) -> tuple[str | None, int | None]:
    """The output-token cap in the same block (or, for .env, with the same key prefix)."""
    if cand.env_style:
        prefix = _env_prefix(str(cand.path[-1]))
        for key, value in cand.block.items():
            found = cap_key_of(key)
            if found and normalize_key(key) in (prefix + found, found):
                number = _int(value)
                if number is not None:
                    return key, number
        return None, None
    blocks = [cand.block, *(v for v in cand.block.values() if isinstance(v, dict))]
    for block in blocks:
        for cap_key in CAP_KEYS:
            for key, value in block.items():
                if isinstance(key, str) and normalize_key(key) == cap_key:
                    number = _int(value)
                    if number is not None:
                        return key, number
    return None, None


_TIER_KEYS = frozenset({"service_tier", "servicetier", "tier_of_service"})
_BATCH_FLAGS = frozenset(
    {"batch", "use_batch", "batch_mode", "use_batch_api", "batch_api", "batch_enabled"}
)
_EFFORT_KEYS = frozenset({"reasoning_effort", "effort", "thinking_level"})
_TRUE = frozenset({"true", "yes", "1", "on"})


def _tier_and_effort(cand: Candidate) -> dict[str, Any]:
    """Settings beside the model that change its price or its token counts: the service tier
    (``service_tier: flex|priority``; a batch flag, a ``completion_window`` or a ``/batches``
    endpoint is the batch API) and the reasoning effort, from the same block, its direct
    sub-blocks (``extra_body``, ``model_kwargs``, ``reasoning: {effort: high}``), or env keys
    with the same prefix."""
    out: dict[str, Any] = {}
    if cand.env_style:
        prefix = _env_prefix(str(cand.path[-1]))
        # OPENAI_SERVICE_TIER beside OPENAI_MODEL, or a bare SERVICE_TIER
        items = [
            (normalize_key(k).removeprefix(prefix) if prefix else normalize_key(k), k, v)
            for k, v in cand.block.items()
            if isinstance(k, str)
        ]
    else:
        blocks = [cand.block, *(v for v in cand.block.values() if isinstance(v, dict))]
        items = [
            (normalize_key(k), k, v) for b in blocks for k, v in b.items() if isinstance(k, str)
        ]
        reasoning = cand.block.get("reasoning")
        if isinstance(reasoning, dict) and isinstance(reasoning.get("effort"), str):
            items.append(("reasoning_effort", "reasoning.effort", reasoning["effort"]))
    for norm, key, value in items:
        text = str(value).strip().lower() if isinstance(value, str | bool | int) else None
        if text is None or not text:
            continue
        if norm in _TIER_KEYS and "service_tier" not in out:
            out["service_tier"], out["service_tier_key"] = text, key
        elif (
            (norm in _BATCH_FLAGS and text in _TRUE)
            or norm == "completion_window"
            or (norm == "endpoint" and "/batches" in text)
        ) and "service_tier" not in out:
            out["service_tier"], out["service_tier_key"] = "batch", key
        elif norm in _EFFORT_KEYS and "reasoning_effort" not in out:
            out["reasoning_effort"] = text
    return out


def _env_prefix(key: str) -> str:
    norm = normalize_key(key)
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if norm.endswith(suffix):
            return norm[: -len(suffix)] + "_"
    return ""


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str):
        text = value.strip()
        # ASCII digits, and not thousands of them: int() refuses "²" (isdigit() takes it) and
        # strings over 4,300 digits
        if text.isascii() and text.isdigit() and len(text) <= 30:
            return int(text) or None
    return None
