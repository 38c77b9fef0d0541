"""Free lists as data: YAML files of ``group: {why, types}`` naming resource types that cost
nothing by themselves. One file per cloud beside its mappers, and one provider-neutral file for
Terraform's utility providers (``data/free_utility.yml``)."""

from __future__ import annotations

from pathlib import Path

import yaml

UTILITY = Path(__file__).parent / "data" / "free_utility.yml"


def read(path: Path) -> dict[str, str]:
    """Resource type -> why it is free, from one free-list file."""
    # libyaml's loader when PyYAML has it: these files are read on every run (start-up)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {kind: group["why"] for group in data.values() for kind in group["types"]}
