"""The locks in requirements/ pin, with hashes, every dependency pyproject declares, within its
bounds; CI, the Action and the GitLab job install from them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^ \\]+)")


def parse_lock(name: str) -> dict[str, tuple[Version, int]]:
    """name -> (version, number of hashes); every requirement line must be an exact pin."""
    pins: dict[str, tuple[Version, int]] = {}
    current = ""
    for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.lstrip().startswith("#"):
            continue
        if line.startswith(" "):
            if "--hash=sha256:" in line:
                version, count = pins[current]
                pins[current] = (version, count + 1)
            continue
        match = PIN.match(line)
        assert match, f"requirements/{name}: not an exact pin: {line!r}"
        current = canonicalize_name(match.group(1))
        pins[current] = (Version(match.group(2)), 0)
    return pins


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    optional = project["optional-dependencies"]
    todo = list(extras)
    while todo:
        for raw in optional[todo.pop()]:
            req = Requirement(raw)
            if canonicalize_name(req.name) == "finops-gate":
                todo.extend(req.extras)
            else:
                reqs.append(req)
    return reqs


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("runtime.txt", ()), ("publish.txt", ("publish",)), ("dev.txt", ("dev",))],
)
def test_each_lock_pins_every_declared_dependency_within_its_bounds(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = parse_lock(lock)
    for req in declared(*extras):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is declared but not in requirements/{lock}"
        version, hashes = pins[name]
        assert req.specifier.contains(version, prereleases=True), (lock, req, version)
        assert hashes >= 1
    assert all(hashes >= 1 for _, hashes in pins.values()), "every pin carries a hash"
    assert "hatchling" in pins, "the build backend is locked too (--no-build-isolation)"


def test_the_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(
        line for line in ci.splitlines() if "requirements/dev.txt" in line and "pytest" in line
    )
    assert command.strip() in readme
    assert "--require-hashes" in command
