"""One wording for YAML that does not parse, whichever source reads it."""

from __future__ import annotations

from typing import Any

from finops_gate.errors import InputError


def yaml_input_error(rel: str, exc: Any, *, fix: str) -> InputError:
    """``k8s/app.yaml:5: not valid YAML (found ...); fix the manifest`` from a PyYAML error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None)
    if problem is None:
        problem = str(exc) if mark is None else "syntax error"
    problem = " ".join(str(problem).split())  # one line: a reader error's text has breaks
    return InputError(f"{rel}{where}: not valid YAML ({problem[:160]}); {fix}")
