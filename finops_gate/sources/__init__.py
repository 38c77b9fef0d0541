"""Files -> Resource, one module per domain.

``TREE_SOURCES`` lists the loaders that read one side (base or head) of a tree; Terraform plan
files are read by ``terraform_plan.load_plan``, since a plan is already a diff.
"""

from __future__ import annotations

from collections.abc import Callable

from finops_gate.config import Settings
from finops_gate.model import Resource
from finops_gate.sources import kubernetes, models, terraform_hcl
from finops_gate.sources.tree import Tree

TreeSource = Callable[[Tree, Settings], list[Resource]]
PairSource = Callable[[Tree, Tree, Settings], tuple[list[Resource], list[Resource]]]

# "terraform" reads .tf code; it is skipped when plan files are given (a plan is more precise).
TREE_SOURCES: dict[str, TreeSource] = {
    "terraform": terraform_hcl.load,
    "models": models.load,
    "kubernetes": kubernetes.load,
}
# sources that read both sides at once, to parse only what differs between them
PAIR_SOURCES: dict[str, PairSource] = {"models": models.load_pair}


def load_sides(
    name: str, base: Tree, head: Tree, settings: Settings
) -> tuple[list[Resource], list[Resource]]:
    """The resources of source ``name`` on both sides of the change."""
    pair = PAIR_SOURCES.get(name)
    if pair is not None:
        return pair(base, head, settings)
    loader = TREE_SOURCES[name]
    return loader(base, settings), loader(head, settings)
