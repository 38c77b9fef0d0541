"""Rewrite pricing/SHA256SUMS: one "<sha256>  <path>" line per catalog file, sorted.

Usage:  python scripts/update_digests.py

Every ``pricing/**/*.json`` except the JSON Schemas under ``pricing/schema/`` is listed, with its
path relative to ``pricing/`` (POSIX separators). Run it after adding a catalog file; a released
file is never edited, so a digest that changes for an existing file is a review red flag.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PRICING = Path(__file__).resolve().parent.parent / "pricing"


def digest_lines(root: Path) -> list[str]:
    lines = []
    for path in sorted(root.rglob("*.json")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("schema/"):
            continue
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}")
    return sorted(lines, key=lambda line: line.split("  ", 1)[1])


def main() -> int:
    text = "\n".join(digest_lines(PRICING)) + "\n"
    target = PRICING / "SHA256SUMS"
    tmp = target.with_name("SHA256SUMS.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    print(f"wrote {target.relative_to(PRICING.parent)} ({text.count(chr(10))} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
