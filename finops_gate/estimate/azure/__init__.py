"""Azure mappers, one small module per resource kind (each names the price page it models).

``REGISTRY`` maps a Terraform resource type to its mapper; ``FREE`` (read from ``free.txt``,
reviewed data) lists the types that cost nothing by themselves. Anything in neither is reported
``unsupported``, never as $0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

REGISTRY: dict[str, Callable[[Resource, Usage], Sequence[CostLine]]] = {}

FREE: frozenset[str] = frozenset()
