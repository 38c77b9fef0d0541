"""Files -> Resource, one module per domain.

``TREE_SOURCES`` lists the loaders that read one side (base or head) of a tree; Terraform plan
files are read by ``terraform_plan.load_plan``, since a plan is already a diff.

Each reader is imported when its loader first runs, not with this package: a ``--plan`` run
imports ``terraform_plan`` alone and never pays for the YAML, HCL and code readers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from finops_gate.config import Settings
    from finops_gate.model import Resource
    from finops_gate.sources.tree import Tree

TreeSource = Callable[["Tree", "Settings"], "list[Resource]"]


def _terraform(tree: Tree, settings: Settings) -> list[Resource]:
    from finops_gate.sources import terraform_hcl

    return terraform_hcl.load(tree, settings)


def _models(tree: Tree, settings: Settings) -> list[Resource]:
    from finops_gate.sources import models

    return models.load(tree, settings)


def _kubernetes(tree: Tree, settings: Settings) -> list[Resource]:
    from finops_gate.sources import kubernetes

    return kubernetes.load(tree, settings)


PairSource = Callable[["Tree", "Tree", "Settings"], "tuple[list[Resource], list[Resource]]"]


def _models_pair(
    base: Tree, head: Tree, settings: Settings
) -> tuple[list[Resource], list[Resource]]:
    from finops_gate.sources import models

    return models.load_pair(base, head, settings)


def _terraform_pair(
    base: Tree, head: Tree, settings: Settings
) -> tuple[list[Resource], list[Resource]]:
    from finops_gate.sources import terraform_hcl

    return terraform_hcl.load_pair(base, head, settings)


# "terraform" reads .tf code; it is skipped when plan files are given (a plan is more precise).
TREE_SOURCES: dict[str, TreeSource] = {
    "terraform": _terraform,
    "models": _models,
    "kubernetes": _kubernetes,
}
# sources that read both sides at once, to parse only what differs between them (models), or
# to hold only the root modules not evaluated yet (terraform)
PAIR_SOURCES: dict[str, PairSource] = {"models": _models_pair, "terraform": _terraform_pair}


def load_sides(
    name: str, base: Tree, head: Tree, settings: Settings
) -> tuple[list[Resource], list[Resource]]:
    """The resources of source ``name`` on both sides of the change. What the source kept to
    read the head's unchanged files without parsing them again is dropped afterwards."""
    if _reads_nothing(name, base, head, settings):
        return [], []
    pair = PAIR_SOURCES.get(name)
    loader = TREE_SOURCES[name]
    try:
        if pair is not None:
            before, after = pair(base, head, settings)
        else:
            before, after = loader(base, settings), loader(head, settings)
        return before, shared(before, after)
    finally:
        _forget(name)


def shared(base: list[Resource], head: list[Resource]) -> list[Resource]:
    """``head`` with each resource equal to the base's at the same address and project
    replaced by the base's object: an unchanged project is held once, not once per side
    (every file of a large tree is read when a policy needs the whole tree)."""
    by_key = {(r.address, r.project): r for r in base}
    out = []
    for r in head:
        b = by_key.get((r.address, r.project))
        out.append(b if b is not None and b == r else r)
    return out


# HCL: files only the Terraform source reads (tests/sources/test_sources.py holds the others
# to it). A change whose projects hold nothing else costs the other sources nothing, not even
# their import, unless the config points them at paths of their own.
_HCL = (".tf", ".tfvars")


def _reads_nothing(name: str, base: Tree, head: Tree, settings: Settings) -> bool:
    if name == "terraform" or settings.section("sources", name).get("paths"):
        return False
    return all(rel.endswith(_HCL) for tree in (base, head) for rel in tree.files())


def _forget(name: str) -> None:
    if name == "terraform":
        from finops_gate.sources import terraform_hcl

        terraform_hcl.forget()
    elif name == "kubernetes":
        from finops_gate.sources import kubernetes

        kubernetes.forget()
    elif name == "models":
        from finops_gate.sources import models

        models.forget()
