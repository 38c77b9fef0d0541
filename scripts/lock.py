"""Write the dependency locks in ``requirements/`` from ``pyproject.toml``.

    python scripts/lock.py              # re-resolve, keeping the pins that still fit pyproject
    python scripts/lock.py --upgrade    # move every pin to the newest release pyproject allows

The locks are pip-tools (``pip-compile --generate-hashes``) output, installed with plain
``python -m pip install --require-hashes -r requirements/<name>.txt``:

- ``runtime.txt``: what ``finops-gate check`` needs, plus the build backend (hatchling) so the
  package itself installs with ``--no-build-isolation`` and nothing is fetched unhashed;
- ``publish.txt``: runtime + the ``publish`` extra: what the GitHub Action and the GitLab job
  install;
- ``dev.txt``: the ``dev`` extra: tests, lint, type checks (what ``.ci/run`` installs).

pip-tools runs in a throwaway venv with a pinned version, against PyPI only (local wheel
mirrors and pip config are ignored), so the same command gives the same lock on any machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_TOOLS = "pip-tools==7.6.2"
BUILD_BACKEND = ["hatchling>=1.21", "editables>=0.5"]  # editables: hatchling's `-e .`
LOCKS = {
    "runtime.txt": [],
    "publish.txt": ["publish"],
    "dev.txt": ["dev"],
}


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no local mirrors, find-links or constraints
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["CUSTOM_COMPILE_COMMAND"] = "python scripts/lock.py"
    return env


def _tidy(lock: Path, build_in: str) -> None:
    """The ``dev`` extra names ``finops-gate[test]``: pip-tools then lists the project itself,
    unhashed, which ``--require-hashes`` would refuse; the project is installed on its own with
    ``--no-deps``. The temporary build-backend file is named by its path; keep the lock stable."""
    kept: list[str] = []
    skipping = False
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith("# WARNING: pip install will require") or line.startswith(
            "# Consider using a hashable URL"
        ):
            continue
        if line.startswith("finops-gate"):
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line.replace(build_in, "build-backend"))
    lock.write_text("\n".join(kept) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="move pins to the newest allowed")
    args = parser.parse_args(argv)
    env = _clean_env()
    with tempfile.TemporaryDirectory(prefix="finops-gate-lock-") as tmp:
        venv.create(tmp, with_pip=True)
        python = str(Path(tmp) / ("Scripts" if os.name == "nt" else "bin") / "python")
        subprocess.run([python, "-m", "pip", "install", "--quiet", PIP_TOOLS], env=env, check=True)
        build = Path(tmp) / "build-backend.in"
        build.write_text("\n".join(BUILD_BACKEND) + "\n", encoding="utf-8")
        for name, extras in LOCKS.items():
            out = ROOT / "requirements" / name
            cmd = [
                python,
                "-m",
                "piptools",
                "compile",
                "--quiet",
                "--generate-hashes",
                "--allow-unsafe",
                "--strip-extras",
                "--no-emit-index-url",
                "--no-emit-find-links",
                "--output-file",
                str(out),
            ]
            cmd += [f"--extra={e}" for e in extras]
            if args.upgrade:
                cmd.append("--upgrade")
            cmd += ["pyproject.toml", str(build)]
            subprocess.run(cmd, cwd=ROOT, env=env, check=True)
            _tidy(out, str(build))
            print(f"wrote requirements/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
