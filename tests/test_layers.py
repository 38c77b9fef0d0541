"""The house reads top to bottom in pipeline order: no import runs back up (docs/STYLE: cli ->
app -> publish -> report -> policies -> estimate | sources -> catalogs / config / usage ->
model / errors). Imports inside functions (lazy ones) count too."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "finops_gate"

# floor of every top-level module or package of finops_gate: an import may go to its own floor
# or a lower one, never higher (FORBIDDEN adds the pairs a floor keeps apart). A new module must
# be placed here explicitly.
FLOORS = {
    "cli": 10,
    "app": 9,
    "gate": 9,  # which config is the gate: part of the use cases
    "scaffold": 9,  # the init use case
    "publish": 8,
    "report": 7,
    "policies": 6,
    "estimate": 5,
    "sources": 5,
    "changes": 5,
    "catalogs": 3,
    "config": 3,
    "config_schema": 3,  # the config's JSON Schema, checked without importing jsonschema
    "usage": 3,
    "ci": 3,
    "gitrefs": 3,
    "currency": 3,
    "money": 3,
    "outfile": 3,
    "yaml_strict": 3,
    "extras": 3,
    "model": 1,
    "frozen": 1,  # @frozen: the dataclass decorator the model and every stage use
    "startup": 1,  # the collector paused while the command line is imported (cli's first)
    "errors": 1,
    "": 1,  # finops_gate/__init__.py (the version)
}

# (importer prefix, imported prefix): forbidden even where the floors would allow it
FORBIDDEN = [
    ("finops_gate.sources", "finops_gate.estimate"),
    ("finops_gate.estimate", "finops_gate.sources"),
    # sources decide by shape; only the pricing stage reads price catalogs (model names too)
    ("finops_gate.sources", "finops_gate.catalogs"),
    ("finops_gate.config", "finops_gate.estimate"),
    ("finops_gate.policies", "finops_gate.report"),
    ("finops_gate.publish", "finops_gate.policies"),
]

# known edges that other work removes; each names who removes it. Remove entries as main
# fixes them (the test fails on an entry that no longer occurs, so the list only shrinks).
ALLOWED: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split("."))
    base = PACKAGE.parent / rel
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@functools.cache
def _package() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (_module_name(path), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    )


def _sources(extra: dict[str, str] | None = None) -> Iterator[tuple[str, ast.Module]]:
    planted = {name: ast.parse(text) for name, text in (extra or {}).items()}
    yield from ((n, t) for n, t in _package() if n not in planted)
    yield from planted.items()


def imports(extra: dict[str, str] | None = None) -> Iterator[tuple[str, str, int]]:
    """(importer, imported module, line) for every import of finops_gate and of click."""
    for importer, tree in _sources(extra):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield importer, alias.name, node.lineno
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [f"{node.module}.{a.name}" for a in node.names]
                submodules = [n for n in names if _is_module(n)]
                for target in submodules or [node.module]:
                    yield importer, target, node.lineno
            elif isinstance(node, ast.ImportFrom) and node.level:
                yield importer, f"<relative import level {node.level}>", node.lineno


def _floor(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


def _problems(extra: dict[str, str] | None = None) -> list[str]:
    found = []
    for importer, target, line in imports(extra):
        where = f"{importer}:{line} imports {target}"
        if target.startswith("<relative"):
            found.append(f"{where}: use absolute imports")
            continue
        if target.split(".")[0] == "click" and importer != "finops_gate.cli":
            found.append(f"{where}: only cli.py imports click")
        if not target.startswith("finops_gate") or (importer, target) in ALLOWED:
            continue
        a, b = _floor(importer), _floor(target)
        for floor in (a, b):
            if floor not in FLOORS:
                found.append(f"{where}: place {floor!r} in FLOORS of tests/test_layers.py")
        if a == b or a not in FLOORS or b not in FLOORS:
            continue
        if FLOORS[b] > FLOORS[a]:
            found.append(f"{where}: runs back up ({a} is floor {FLOORS[a]}, {b} {FLOORS[b]})")
        for src, dst in FORBIDDEN:
            if importer.startswith(src) and target.startswith(dst):
                found.append(f"{where}: {src} must not import {dst}")
    return found


def test_no_import_runs_back_up_the_pipeline() -> None:
    assert _problems() == []


def test_the_allow_list_only_holds_edges_that_still_exist() -> None:
    present = {(importer, target) for importer, target, _ in imports()}
    assert present >= ALLOWED


# extras.require imports optional third-party clients (PyGithub, python-gitlab) by name to name
# the pip extra when one is missing; never a finops_gate module
BY_NAME_OK = {"extras.py"}


def test_no_module_is_imported_by_name() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in BY_NAME_OK:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "import_module":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.Name) and node.id == "__import__":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(
    ("importer", "source", "expected"),
    [
        ("policies.planted", "from finops_gate.app import check", "runs back up"),
        ("estimate.planted", "from finops_gate.sources.tree import Tree", "must not import"),
        ("config", "from finops_gate.estimate import usage", "must not import"),
        ("policies.planted", "import click", "only cli.py imports click"),
        ("policies.planted", "from finops_gate.report.json import money", "must not import"),
        ("publish.planted", "from finops_gate.policies import settings", "must not import"),
        ("usage", "from . import model", "use absolute imports"),
    ],
)
def test_the_checker_catches_a_forbidden_import(importer: str, source: str, expected: str) -> None:
    """The checker itself fails on a planted back-edge."""
    problems = _problems({f"finops_gate.{importer}": source})
    assert any(expected in p for p in problems), problems


# Where the clock may be read: the CLI (today's date, passed down as a value) and the
# publishers (rate-limit waits, comment staleness). Everywhere else a date is an input.
CLOCK_OK = ("finops_gate.cli", "finops_gate.publish")
_CLOCK_CALLS = {"today", "now", "utcnow", "time", "monotonic", "perf_counter", "localtime"}
# a stopwatch, never a date: how long a git process may run (it is killed past its time)
TIMER_OK = {("finops_gate.gitrefs", "monotonic")}


def _clock_reads(extra: dict[str, str] | None = None) -> list[str]:
    found = []
    for name, tree in _sources(extra):
        if name.startswith(CLOCK_OK):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _CLOCK_CALLS
                and isinstance(node.func.value, ast.Name | ast.Attribute)
                and (getattr(node.func.value, "id", None) or getattr(node.func.value, "attr", ""))
                in {"date", "datetime", "time"}
                and (name, node.func.attr) not in TIMER_OK
            ):
                found.append(f"{name}:{node.lineno} reads the clock")
    return found


def test_the_core_never_reads_the_clock() -> None:
    """The price date, exemption expiry and catalog versions are inputs (--as-of or today from
    the CLI), so a report is reproducible from its inputs."""
    assert _clock_reads() == []


@pytest.mark.parametrize(
    "source",
    [
        "import datetime\nday = datetime.date.today()",
        "from datetime import date\nday = date.today()",
        "from datetime import datetime\nnow = datetime.now()",
        "import time\nstamp = time.time()",
    ],
)
def test_the_clock_checker_catches_a_planted_read(source: str) -> None:
    assert _clock_reads({"finops_gate.estimate.planted": source}) != []
