"""The package people install: `python -m build` makes an sdist and a wheel (built from the
sdist); the wheel carries the catalogs and the console script, and runs the example from
outside the checkout; the version is written in one place."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import finops_gate

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_written_in_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "finops_gate/__init__.py"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {finops_gate.__version__}" in changelog


@pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import build, hatchling"], check=False).returncode,
    reason="needs the build frontend and hatchling (requirements/dev.txt)",
)
def test_build_makes_a_wheel_that_runs_the_example_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = dist.glob("*.whl")
    [sdist] = dist.glob("*.tar.gz")
    assert wheel.name.startswith(f"finops_gate-{finops_gate.__version__}-")
    assert sdist.name == f"finops_gate-{finops_gate.__version__}.tar.gz"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "finops-gate = finops_gate.cli:run" in zf.read(entry_points).decode()
    assert "finops_gate/_pricing/SHA256SUMS" in names
    assert any(n.startswith("finops_gate/_pricing/aws/") for n in names)
    assert "finops_gate/schema/report.schema.json" in names
    assert not any(n.startswith("tests/") for n in names)

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import finops_gate; print(finops_gate.__file__)"],
        cwd=outside,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(site))  # the wheel's copy, not this checkout
    example = ROOT / "examples" / "terraform-plan"
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "finops_gate.cli",
            "check",
            str(example),
            "--plan",
            str(example / "plan.json"),
        ],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr
    assert ": pricing/aws/" in check.stdout
