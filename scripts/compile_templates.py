"""Compile the report templates into the modules shipped beside them
(finops_gate/report/templates/compiled/, see finops_gate/report/loader.py).

Run it after editing a template in finops_gate/report/templates/ or changing the locked jinja2;
tests/report/test_loader.py fails until the shipped modules are current.

Usage: python scripts/compile_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from finops_gate.report import render
from finops_gate.report.loader import COMPILED, compile_all


def main() -> int:
    for path in compile_all(render._env(), COMPILED):
        print(path.relative_to(COMPILED.parent.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
