"""Drift check: does the suite still pass with the newest releases pyproject allows?

    python scripts/drift.py            # throwaway venv, newest allowed versions, whole suite
    python scripts/drift.py -- -x -q   # arguments after -- go to pytest

The lock (requirements/*.txt) holds CI and users back from an upstream release until a
maintainer has seen it pass here; then ``python scripts/lock.py --upgrade`` moves the pins.
Prints every package whose newest allowed version differs from its pin, then pytest's result;
exits with pytest's exit code. Needs the package index (PyPI); nothing is left behind.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    text = (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8")
    return {_norm(m.group(1)): m.group(2) for m in map(PIN.match, text.splitlines()) if m}


def main(argv: list[str]) -> int:
    pytest_args = argv[argv.index("--") + 1 :] if "--" in argv else []
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # PyPI's newest, not a local mirror's
    with tempfile.TemporaryDirectory(prefix="finops-gate-drift-") as tmp:
        venv.create(tmp, with_pip=True)
        python = str(Path(tmp) / ("Scripts" if os.name == "nt" else "bin") / "python")
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--upgrade", "-e", ".[dev]"], cwd=ROOT, env=env, check=True)
        listing = subprocess.run(
            [python, "-m", "pip", "list", "--format", "json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        newest = {_norm(p["name"]): p["version"] for p in json.loads(listing)}
        pins = locked()
        moved = sorted(
            (name, pins[name], newest[name])
            for name in pins.keys() & newest.keys()
            if pins[name] != newest[name]
        )
        if moved:
            print("newer than the lock:")
            for name, old, new in moved:
                print(f"  {name}: {old} -> {new}")
        else:
            print("the lock holds the newest allowed version of every package")
        result = subprocess.run([python, "-m", "pytest", *pytest_args], cwd=ROOT, env=env)
        verdict = "passes" if result.returncode == 0 else "FAILS"
        print(f"drift check: the suite {verdict} with the newest allowed versions")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
