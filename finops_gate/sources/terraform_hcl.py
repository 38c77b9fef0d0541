"""Terraform ``.tf`` code -> Resource, without running Terraform (one side of a tree diff).

What HCL tells before any plan: literal arguments, variable defaults and ``*.tfvars`` values,
simple locals, literal ``count`` and ``for_each``, provider regions and ``default_tags``, local
modules. Everything that needs Terraform itself (data sources, functions, remote modules) stays
*unknown*: a cost that depends on it is reported unpriced with the attribute named, never guessed.
A plan (``--plan``) is always more precise; this source makes a PR priceable without one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.model import Resource
from finops_gate.sources.tree import Tree, glob_match

_UNKNOWN = object()
_META = {"__is_block__", "__start_line__", "__end_line__", "__comments__", "__inline_comments__"}
_REF = re.compile(r"^\$\{((?:var|local|each|count)(?:\.[A-Za-z0-9_-]+|\[\d+\])+)\}$")
_CONVERT = re.compile(r"^\$\{(toset|tolist|tomap)\((.*)\)\}$", re.S)
_INTERP = re.compile(r"\$\{([^{}]*)\}")
_REGION_ARG = {"aws": "region", "google": "region", "azurerm": "location"}


def load(tree: Tree, settings: Settings) -> list[Resource]:
    """Every managed resource of the root modules in ``tree``."""
    by_dir = _tf_files(tree, settings)
    modules = {d: _parse_dir(tree, d, files) for d, files in by_dir.items()}
    children = {_join(d, src) for d, m in modules.items() for src in m.local_sources()}
    out: list[Resource] = []
    for d in sorted(modules):
        if d in children and not _configured(settings):
            continue
        ctx = _Context(variables=modules[d].variable_values(tree, d))
        out.extend(_instantiate(modules, d, ctx, prefix="", providers={}, project=d or "."))
    return out


def _configured(settings: Settings) -> bool:
    return bool(settings.section("sources", "terraform").get("dirs"))


def _tf_files(tree: Tree, settings: Settings) -> dict[str, list[str]]:
    dirs = settings.section("sources", "terraform").get("dirs") or []
    out: dict[str, list[str]] = {}
    for rel in tree.files():
        if not rel.endswith(".tf"):
            continue
        parent = str(PurePosixPath(rel).parent)
        parent = "" if parent == "." else parent
        if dirs and not any(parent == d.strip("/") or glob_match(parent, d) for d in dirs):
            continue
        out.setdefault(parent, []).append(rel)
    return out


def _join(base: str, source: str) -> str:
    parts: list[str] = [p for p in base.split("/") if p]
    for piece in source.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


@dataclass
class _Module:
    resources: list[tuple[str, str, dict[str, Any], str, int | None]] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    providers: list[dict[str, Any]] = field(default_factory=list)
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)

    def local_sources(self) -> Iterator[str]:
        for call in self.calls.values():
            source = _literal(call.get("source"))
            if isinstance(source, str) and source.startswith(("./", "../")):
                yield source

    def variable_values(self, tree: Tree, directory: str) -> dict[str, Any]:
        values = {
            name: _literal_tree(v.get("default", _UNKNOWN)) for name, v in self.variables.items()
        }
        tfvars = sorted(
            rel
            for rel in tree.files()
            if str(PurePosixPath(rel).parent) in (directory or ".", directory)
            and (
                rel.endswith("/terraform.tfvars")
                or rel == "terraform.tfvars"
                or rel.endswith(".auto.tfvars")
            )
        )
        for rel in tfvars:
            for name, value in _parse(tree, rel).items():
                if name not in _META and name != "__text__":
                    values[name] = _literal_tree(value)
        return values


def _parse(tree: Tree, rel: str) -> dict[str, Any]:
    import hcl2

    text = tree.read_text(rel)
    try:
        doc: dict[str, Any] = hcl2.loads(text)
        doc["__text__"] = text
        return doc
    except Exception as exc:
        line = getattr(exc, "line", None)
        where = f":{line}" if isinstance(line, int) else ""
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{rel}{where}: not valid HCL ({first[:120]}); fix the syntax") from None


def _block_lines(text: str) -> dict[tuple[str, str], int]:
    """(type, name) -> line of each ``resource "type" "name"`` block (the parser keeps none)."""
    lines: dict[tuple[str, str], int] = {}
    for m in re.finditer(r'(?m)^[ \t]*resource\s+"([^"]+)"\s+"([^"]+)"', text):
        lines.setdefault((m.group(1), m.group(2)), text.count("\n", 0, m.start()) + 1)
    return lines


def _parse_dir(tree: Tree, directory: str, files: list[str]) -> _Module:
    module = _Module()
    for rel in sorted(files):
        doc = _parse(tree, rel)
        lines = _block_lines(doc.pop("__text__"))
        for block in doc.get("variable", []):
            for name, body in block.items():
                module.variables[_unquote(name)] = body
        for block in doc.get("locals", []):
            module.locals.update({k: v for k, v in block.items() if k not in _META})
        for block in doc.get("provider", []):
            for name, body in block.items():
                module.providers.append({"name": _unquote(name), **body})
        for block in doc.get("module", []):
            for name, body in block.items():
                module.calls[_unquote(name)] = body
        for block in doc.get("resource", []):
            for kind, named in block.items():
                for name, body in named.items():
                    key = (_unquote(kind), _unquote(name))
                    module.resources.append((*key, body, rel, lines.get(key)))
    return module


@dataclass
class _Context:
    variables: dict[str, Any]
    local_defs: dict[str, Any] = field(default_factory=dict)
    each: dict[str, Any] | None = None
    count_index: int | None = None

    def lookup(self, ref: str) -> Any:
        parts = re.findall(r"[A-Za-z0-9_-]+|\[\d+\]", ref)
        head, rest = parts[0], parts[1:]
        if head == "var" and rest:
            value = self.variables.get(rest[0], _UNKNOWN)
        elif head == "local" and rest:
            raw = self.local_defs.get(rest[0], _UNKNOWN)
            value = _UNKNOWN if raw is _UNKNOWN else self.eval(raw)
        elif head == "each" and self.each is not None and rest:
            value = self.each.get(rest[0], _UNKNOWN)
        elif head == "count" and rest == ["index"] and self.count_index is not None:
            return self.count_index
        else:
            return _UNKNOWN
        for part in rest[1:]:
            if value is _UNKNOWN:
                return _UNKNOWN
            if part.startswith("[") and isinstance(value, list):
                i = int(part[1:-1])
                value = value[i] if i < len(value) else _UNKNOWN
            elif isinstance(value, dict):
                value = value.get(part, _UNKNOWN)
            else:
                return _UNKNOWN
        return value

    def eval(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._string(value)
        if isinstance(value, list):
            return [self.eval(v) for v in value]
        if isinstance(value, dict):
            return {_unquote(k): self.eval(v) for k, v in value.items() if k not in _META}
        return value

    def _string(self, text: str) -> Any:
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            inner = text[1:-1]
            if "${" not in inner:
                return _unescape(inner)
            out: list[str] = []
            pos = 0
            for part in _INTERP.finditer(inner):
                value = self.lookup(part.group(1).strip())
                if value is _UNKNOWN or isinstance(value, dict | list):
                    return _UNKNOWN
                out.append(_unescape(inner[pos : part.start()]) + _scalar(value))
                pos = part.end()
            return "".join(out) + _unescape(inner[pos:])
        m = _REF.match(text)
        if m:
            return self.lookup(m.group(1))
        m = _CONVERT.match(text)
        if m:  # toset([...]) / tolist(var.x): a conversion of something literal
            inner = m.group(2).strip()
            ref = _REF.match("${" + inner + "}")
            if ref:
                return self.lookup(ref.group(1))
            try:
                return json.loads(inner)
            except ValueError:
                return _UNKNOWN
        return _UNKNOWN  # a function call, data source, resource reference...


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _unescape(text: str) -> str:
    try:
        return str(json.loads(f'"{text}"'))
    except ValueError:
        return text


def _unquote(name: str) -> str:
    return name[1:-1] if len(name) >= 2 and name[0] == name[-1] == '"' else name


def _literal(value: Any) -> Any:
    return _Context(variables={}).eval(value) if value is not None else None


def _literal_tree(value: Any) -> Any:
    return _UNKNOWN if value is _UNKNOWN else _Context(variables={}).eval(value)


def _known(value: Any, prefix: str, unknown: set[str]) -> Any:
    """Drop unknown leaves, recording their dotted paths."""
    if value is _UNKNOWN:
        unknown.add(prefix)
        return None
    if isinstance(value, dict):
        return {k: _known(v, f"{prefix}.{k}" if prefix else k, unknown) for k, v in value.items()}
    if isinstance(value, list):
        return [_known(v, f"{prefix}.{i}", unknown) for i, v in enumerate(value)]
    return value


def _instances(body: Mapping[str, Any], ctx: _Context) -> list[tuple[str, _Context]] | None:
    """Index suffix and context per instance; ``None`` when count/for_each is not known."""
    if "count" in body:
        count = ctx.eval(body["count"])
        if not isinstance(count, int) or isinstance(count, bool):
            return None
        return [
            (f"[{i}]", _Context(ctx.variables, ctx.local_defs, ctx.each, i)) for i in range(count)
        ]
    if "for_each" in body:
        items = ctx.eval(body["for_each"])
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            pairs: list[tuple[str, Any]] = [(i, i) for i in sorted(set(items))]
        elif isinstance(items, dict):
            pairs = sorted(items.items())
        else:
            return None
        return [
            (f"[{json.dumps(k)}]", _Context(ctx.variables, ctx.local_defs, {"key": k, "value": v}))
            for k, v in pairs
        ]
    return [("", ctx)]


def _provider_settings(
    module: _Module, ctx: _Context, inherited: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Provider reference ("aws", "aws.west") -> {"region": ..., "default_tags": {...}}."""
    out = dict(inherited)
    for block in module.providers:
        alias = ctx.eval(block.get("alias")) if "alias" in block else None
        ref = block["name"] + (f".{alias}" if isinstance(alias, str) else "")
        arg = _REGION_ARG.get(block["name"], "region")
        region = ctx.eval(block[arg]) if arg in block else _UNKNOWN
        tags: Any = {}
        for dt in block.get("default_tags", []) or []:
            value = ctx.eval(dt.get("tags", {}))
            tags = _UNKNOWN if value is _UNKNOWN or tags is _UNKNOWN else {**tags, **value}
        out[ref] = {"region": region, "default_tags": tags}
    return out


def _instantiate(
    modules: dict[str, _Module],
    directory: str,
    ctx: _Context,
    *,
    prefix: str,
    providers: dict[str, dict[str, Any]],
    project: str,
    depth: int = 0,
) -> list[Resource]:
    module = modules.get(directory)
    if module is None or depth > 20:
        return []
    ctx = _Context(ctx.variables, module.locals)
    provs = _provider_settings(module, ctx, providers)
    out: list[Resource] = []
    for kind, name, body, rel, line in module.resources:
        provider_type = kind.split("_", 1)[0]
        instances = _instances(body, ctx)
        if instances is None:
            out.append(
                Resource(
                    address=f"{prefix}{kind}.{name}",
                    source="terraform",
                    kind=kind,
                    provider=provider_type,
                    region=None,
                    attributes={},
                    unknown=frozenset({"count" if "count" in body else "for_each"}),
                    file=rel,
                    line=line,
                    project=project,
                )
            )
            continue
        ref = ctx.eval(body["provider"]) if "provider" in body else provider_type
        raw_ref = body.get("provider", "")
        if isinstance(raw_ref, str) and raw_ref.startswith("${"):
            ref = raw_ref[2:-1]
        prov = provs.get(ref if isinstance(ref, str) else provider_type, {})
        for suffix, ictx in instances:
            unknown: set[str] = set()
            values = _known(
                {
                    k: ictx.eval(v)
                    for k, v in body.items()
                    if k not in _META
                    and k not in ("count", "for_each", "provider", "lifecycle", "depends_on")
                },
                "",
                unknown,
            )
            region = values.get("region") if isinstance(values.get("region"), str) else None
            if region is None and "region" not in unknown:
                candidate = prov.get("region", _UNKNOWN)
                region = candidate if isinstance(candidate, str) else None
            tags, unknown_tags = _tags(values, unknown, prov.get("default_tags", {}))
            out.append(
                Resource(
                    address=f"{prefix}{kind}.{name}{suffix}",
                    source="terraform",
                    kind=kind,
                    provider=provider_type,
                    region=region,
                    attributes=values,
                    unknown=frozenset(unknown),
                    tags=tags,
                    unknown_tags=unknown_tags,
                    file=rel,
                    line=line,
                    project=project,
                )
            )
    for call_name, call in sorted(module.calls.items()):
        source = ctx.eval(call.get("source"))
        if not isinstance(source, str) or not source.startswith(("./", "../")):
            continue  # registry and git modules need terraform init: use a plan for those
        child = _join(directory, source)
        child_module = modules.get(child)
        if child_module is None:
            continue
        instances = _instances(call, ctx) or []
        for suffix, ictx in instances:
            inputs = {
                k: ictx.eval(v)
                for k, v in call.items()
                if k not in _META
                and k not in ("source", "version", "count", "for_each", "providers", "depends_on")
            }
            defaults = {
                n: _literal_tree(v.get("default", _UNKNOWN))
                for n, v in child_module.variables.items()
            }
            child_ctx = _Context({**defaults, **inputs})
            out.extend(
                _instantiate(
                    modules,
                    child,
                    child_ctx,
                    prefix=f"{prefix}module.{call_name}{suffix}.",
                    providers=provs,
                    project=project,
                    depth=depth + 1,
                )
            )
    return out


def _tags(
    values: Mapping[str, Any], unknown: set[str], defaults: Any
) -> tuple[dict[str, str] | None, frozenset[str]]:
    attr = "labels" if "labels" in values and "tags" not in values else "tags"
    own = values.get(attr)
    pending = {p.split(".", 1)[1] for p in unknown if p.startswith(attr + ".")}
    if attr in unknown or defaults is _UNKNOWN:
        pending.add("*")
    merged = {**(defaults if isinstance(defaults, dict) else {})}
    if isinstance(own, dict):
        merged.update({str(k): str(v) for k, v in own.items() if v is not None})
    return {str(k): str(v) for k, v in merged.items()}, frozenset(pending)
