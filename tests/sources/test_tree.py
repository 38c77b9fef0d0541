"""sources/tree.py: what a tree answers about a path without reading it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from finops_gate.errors import InputError
from finops_gate.sources.tree import Tree


def test_is_file_answers_as_a_path_object_would_without_making_one(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("x = 1\n")
    (root / "src" / "pkg").mkdir()
    (tmp_path / "outside.py").write_text("y = 2\n")
    (root / "src" / "link.py").symlink_to(root / "src" / "app.py")
    (root / "src" / "away.py").symlink_to(tmp_path / "outside.py")
    os.mkfifo(root / "src" / "pipe.py")
    tree = Tree(root)
    for rel in ("src/app.py", "src/link.py", "src/away.py", "src/pkg", "src/pipe.py", "nope.py"):
        assert tree.is_file(rel) == tree.path(rel).is_file(), rel
    assert tree.is_file("src/./app.py") and tree.is_file("src//app.py")
    for rel in ("../outside.py", str(tmp_path / "outside.py"), "src/../../outside.py"):
        with pytest.raises(InputError, match="points outside the tree"):
            tree.path(rel)
        with pytest.raises(InputError, match="points outside the tree"):
            tree.is_file(rel)
