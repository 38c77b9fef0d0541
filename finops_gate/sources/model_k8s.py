"""Model settings in Kubernetes objects: how the setting usually reaches production.

The kubernetes source prices workloads; this module only reads the model settings they carry:

- container ``env`` of every pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
  Job, CronJob; ``containers`` and ``initContainers``): ``{name: OPENAI_MODEL, value: gpt-4o}``
  -> ``<file>#Deployment/<namespace>/<name>.containers.<container>.env.OPENAI_MODEL``;
- ConfigMap ``data`` and Secret ``stringData`` / ``data`` (base64):
  ``<file>#ConfigMap/<namespace>/<name>.data.LLM_MODEL``.

Addresses use the object's identity, not list positions, so reordering containers or env entries
is not a change. ``valueFrom`` references are read where they point (the ConfigMap's own site).
A document is a Kubernetes object only when it really is one (string ``apiVersion`` and
``kind``, a ``metadata.name``); anything else is read as ordinary config.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from finops_gate.sources.model_files import KeyPath
from finops_gate.sources.model_keys import (
    Candidate,
    is_model_key,
    list_candidates,
    list_rule,
    walk,
)

_POD_SPEC: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}


def is_object(doc: Any) -> bool:
    """A Kubernetes object: string apiVersion and kind, and a named metadata block."""
    if not isinstance(doc, dict):
        return False
    meta = doc.get("metadata")
    return (
        isinstance(doc.get("apiVersion"), str)
        and isinstance(doc.get("kind"), str)
        and isinstance(meta, dict)
        and isinstance(meta.get("name"), str)
    )


def candidates(doc: Mapping[str, Any], base: KeyPath) -> Iterator[Candidate]:
    """The model settings of one Kubernetes object."""
    kind = str(doc["kind"])
    meta = doc["metadata"]
    namespace = meta.get("namespace") if isinstance(meta.get("namespace"), str) else "default"
    ident = f"{kind}/{namespace}/{meta['name']}"
    if kind in ("ConfigMap", "Secret"):
        yield from _data(doc, ident, base, secret=kind == "Secret")
        return
    where = _POD_SPEC.get(kind)
    if where is None:
        yield from _custom(doc, ident, base)
        return
    spec: Any = doc
    for key in where:
        spec = spec.get(key) if isinstance(spec, dict) else None
    if not isinstance(spec, dict):
        return
    for group in ("initContainers", "containers"):
        items = spec.get(group)
        for i, container in enumerate(items if isinstance(items, list) else []):
            if isinstance(container, dict):
                at = (*base, *where, group, i)
                yield from _env(container, (ident, group, str(container.get("name", i))), at)


def _custom(doc: Mapping[str, Any], ident: str, base: KeyPath) -> Iterator[Candidate]:
    """Any other object (a custom resource: kagent ``ModelConfig``, KServe, an operator's own
    ``spec.model``): its ``spec`` and ``data`` read like config, addressed by the object."""
    for section in ("spec", "data", "config"):
        node = doc.get(section)
        if isinstance(node, dict):
            for cand in walk(node, (*base, section), 0, set()):
                at = cand.at or cand.path
                path = (ident, *cand.path[len(base) :])
                stream = cand.stream and (ident, *cand.stream[len(base) :])
                yield replace(cand, path=path, at=at, stream=stream or None)


def _env(container: Mapping[str, Any], path: KeyPath, at: KeyPath) -> Iterator[Candidate]:
    env = container.get("env")
    if not isinstance(env, list):
        return
    block = {
        item["name"]: item["value"]
        for item in env
        if isinstance(item, dict)
        and isinstance(item.get("name"), str)
        and isinstance(item.get("value"), str | int)
    }
    for j, item in enumerate(env):
        if not isinstance(item, dict):
            continue
        name, value = item.get("name"), item.get("value")
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        rule = list_rule(name)
        if rule is not None:
            yield from list_candidates((*path, "env", name), value, block, rule, env_style=True,
                                       at=(*at, "env", j))  # fmt: skip
        elif is_model_key(name):
            yield Candidate((*path, "env", name), value, block, env_style=True,
                            at=(*at, "env", j))  # fmt: skip


def _data(
    doc: Mapping[str, Any], ident: str, base: KeyPath, *, secret: bool
) -> Iterator[Candidate]:
    for section in ("data", "stringData"):
        data = doc.get(section)
        if not isinstance(data, dict):
            continue
        encoded = secret and section == "data"
        values = {
            k: (_decode(v) if encoded else v)
            for k, v in data.items()
            if isinstance(k, str) and isinstance(v, str)
        }
        block = {k: v for k, v in values.items() if v is not None}
        for key, value in block.items():
            rule = list_rule(key)
            if rule is not None:
                yield from list_candidates((ident, section, key), value, block, rule,
                                           env_style=True, at=(*base, section, key))  # fmt: skip
            elif is_model_key(key):
                yield Candidate((ident, section, key), value, block, env_style=True,
                                at=(*base, section, key))  # fmt: skip


def _decode(value: str) -> str | None:
    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
