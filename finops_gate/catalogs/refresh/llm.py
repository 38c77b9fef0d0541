"""``pricing refresh llm --from FILE``: a new dated model catalog from a model-price file.

The file is a finops-gate model catalog (``pricing/llm/<date>.json`` shape: edited by hand, or
produced by ``scripts/build_llm_catalog.py`` from pydantic/genai-prices). It is validated like
every catalog; the new file is dated today and its sources record the input file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from finops_gate.catalogs import files as f
from finops_gate.errors import RefreshError


def from_file(path: Path, today: date) -> dict[str, Any]:
    try:
        if path.stat().st_size > f.MAX_FILE_BYTES:
            raise RefreshError(f"{path}: larger than 256 MB; not read")
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise RefreshError(f"{path}: no such file; pass --from FILE") from None
    except OSError as exc:
        raise RefreshError(f"{path}: cannot read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise RefreshError(f"{path}: not valid JSON ({exc}); nothing written") from None
    if isinstance(data, list) and data and isinstance(data[0], dict) and "models" in data[0]:
        raise RefreshError(
            f"{path}: pydantic/genai-prices data, not a finops-gate model catalog; build one "
            "with python scripts/build_llm_catalog.py (see its --help), then refresh from it"
        )
    if not isinstance(data, dict) or "providers" not in data:
        raise RefreshError(
            f"{path}: not a model catalog (no providers); give a finops-gate llm catalog file"
        )
    doc = {**data, "catalog": "llm", "version": today.isoformat()}
    doc.pop("$schema", None)
    sources = dict(doc.get("sources") or {})
    sources["refresh-input"] = {
        "title": f"pricing refresh llm --from {path.name}",
        "licence": "as the input file's sources",
        "url": path.name,
        "retrieved": today.isoformat(),
    }
    doc["sources"] = sources
    problems = f.check(doc, "llm", doc["version"])
    if problems:
        raise RefreshError(f"{path}: {problems[0]}; nothing written")
    return doc
