"""Write a built unit-price catalog into pricing/ split by region, as ``pricing refresh`` does:
``pricing/<catalog>/<version>.json`` (the index: metadata, the prices that hold everywhere, the
unit of every key, each region's sha256) and ``pricing/<catalog>/<version>/<region>.json``.

A version listed in pricing/RELEASED is never rewritten: a build with new prices needs a new
VERSION. An unreleased version (today's, still being built) is replaced whole, stale parts
removed. Same inputs, same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from finops_gate.catalogs.refresh.output import split


def render(document: Any) -> bytes:
    return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def split_files(doc: dict[str, Any]) -> dict[str, bytes]:
    """Path under pricing/ -> bytes of every file of ``doc`` split by region (index last)."""
    cloud, version = doc["catalog"], doc["version"]
    index, parts = split(doc)
    out = {}
    for region, part in sorted(parts.items()):
        raw = render(part)
        index["parts"][region]["sha256"] = hashlib.sha256(raw).hexdigest()
        out[f"{cloud}/{version}/{region}.json"] = raw
    out[f"{cloud}/{version}.json"] = render(index)
    return out


def on_disk(pricing: Path, cloud: str, version: str) -> dict[str, bytes]:
    """The files of one version as they are in pricing/ (to compare with a rebuild)."""
    found = {}
    index = pricing / cloud / f"{version}.json"
    if index.is_file():
        found[f"{cloud}/{version}.json"] = index.read_bytes()
    for part in sorted((pricing / cloud / version).glob("*.json")):
        found[f"{cloud}/{version}/{part.name}"] = part.read_bytes()
    return found


def write_split(doc: dict[str, Any], pricing: Path) -> list[str]:
    """Write ``doc`` under ``pricing`` split by region; returns the paths written."""
    cloud, version = doc["catalog"], doc["version"]
    released = pricing / "RELEASED"
    if released.is_file() and f"  {cloud}/{version}.json\n" in released.read_text("utf-8"):
        raise SystemExit(
            f"pricing/{cloud}/{version}.json is released (pricing/RELEASED): never rewritten; "
            "set VERSION to a new date for new prices"
        )
    files = split_files(doc)
    (pricing / cloud / version).mkdir(parents=True, exist_ok=True)
    for stale in set(on_disk(pricing, cloud, version)) - set(files):
        (pricing / stale).unlink()
    for rel, raw in files.items():  # the index last: parts are in place before it names them
        path = pricing / rel
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(raw)
        tmp.replace(path)
    return list(files)
