"""What a check takes for AI-model settings: the models source's candidates, as the pricing
stage admits them (a candidate found by its key alone only when the catalog knows the name)."""

from __future__ import annotations

from finops_gate.config import Settings
from finops_gate.estimate.engine import admit
from finops_gate.model import Resource
from finops_gate.sources import models
from finops_gate.sources.tree import Tree


def load(tree: Tree, settings: Settings) -> list[Resource]:
    return admit(models.load(tree, settings), settings)
