"""Optional dependencies: an import that names the pip extra to install when it is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from finops_gate.errors import UsageError


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or fail as a usage error (exit 2) that says what to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(
            f"{purpose} needs the '{extra}' extra, which is not installed; install it with "
            f"`python -m pip install 'finops-gate[{extra}]'` (or from requirements/{extra}.txt)"
        ) from None
