"""Rewrite pricing/SHA256SUMS: one "<sha256>  <path>" line per catalog file, sorted, and
pricing/B2SUMS, the same files' BLAKE2b-512 (``b2sum``; a run checks a shipped file against it,
cheaper than sha256, and reports the sha256); with ``--release``, also record files as released
in pricing/RELEASED.

Usage:  python scripts/update_digests.py                   # after adding or rebuilding a version
        python scripts/update_digests.py --release         # freeze every file shipped now
        python scripts/update_digests.py --release azure/2026-12-01 [...]   # freeze these versions

Every ``pricing/**/*.json`` except the JSON Schemas under ``pricing/schema/`` is listed, with its
path relative to ``pricing/`` (POSIX separators); a version split by region lists its index and
every ``<version>/<region>.json`` part. A released file is never edited: this script refuses to
write when a file listed in pricing/RELEASED has another digest (restore it from git history and
put the new prices in a new dated version). RELEASED only grows.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

PRICING = Path(__file__).resolve().parent.parent / "pricing"


def digest_lines(root: Path, algorithm: str = "sha256") -> list[str]:
    """``<digest>  <path>`` of every catalog file under ``root`` (``sha256`` or ``blake2b``)."""
    lines = []
    for path in sorted(root.rglob("*.json")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("schema/"):
            continue
        lines.append(f"{hashlib.new(algorithm, path.read_bytes()).hexdigest()}  {rel}")
    return sorted(lines, key=lambda line: line.split("  ", 1)[1])


def parse(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, rel = line.partition("  ")
            out[rel.strip()] = digest.strip()
    return out


def _write(target: Path, lines: dict[str, str]) -> None:
    text = "".join(f"{d}  {r}\n" for r, d in sorted(lines.items()))
    tmp = target.with_name(f"{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)


def main(argv: list[str]) -> int:
    current = parse("\n".join(digest_lines(PRICING)))
    released_path = PRICING / "RELEASED"
    released = parse(released_path.read_text("utf-8")) if released_path.is_file() else {}
    changed = sorted(r for r, d in released.items() if current.get(r) != d)
    if changed:
        for rel in changed:
            print(
                f"pricing/{rel}: released, but changed or missing; restore it "
                f"(git checkout <release commit> -- pricing/{rel}) and put new prices in a new "
                "dated version",
                file=sys.stderr,
            )
        return 2
    _write(PRICING / "SHA256SUMS", current)
    _write(PRICING / "B2SUMS", parse("\n".join(digest_lines(PRICING, "blake2b"))))
    print(f"wrote pricing/SHA256SUMS and pricing/B2SUMS ({len(current)} files)")
    if argv[:1] == ["--release"]:
        versions = argv[1:]
        unknown = [v for v in versions if f"{v}.json" not in current]
        if unknown:
            print(f"no such catalog version: {', '.join(unknown)}", file=sys.stderr)
            return 2
        chosen = {
            rel: digest
            for rel, digest in current.items()
            if not versions or any(rel == f"{v}.json" or rel.startswith(f"{v}/") for v in versions)
        }
        _write(released_path, {**released, **chosen})
        print(f"wrote pricing/RELEASED ({len({**released, **chosen})} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
