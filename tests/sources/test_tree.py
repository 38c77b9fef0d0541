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


def test_the_heads_listing_holds_the_bases_path_strings(tmp_path: Path) -> None:
    """A whole-tree check lists every file of both sides: the paths both list are one string
    each (the base's), not one per side; a path only one side lists is its own."""
    from finops_gate.sources.tree import configured

    for side, extra in (("base", "gone.tf"), ("head", "new.tf")):
        for rel in ("infra/a/main.tf", "infra/b/main.tf", "k8s/web.yaml", extra):
            (tmp_path / side / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / rel).write_text("x\n")
    base = configured(Tree(tmp_path / "base"), {})
    head = configured(Tree(tmp_path / "head"), {}, paths_of=base)
    listed = head.files()  # the head first: it lists the base to share its strings
    assert listed == ["infra/a/main.tf", "infra/b/main.tf", "k8s/web.yaml", "new.tf"]
    theirs = {id(rel) for rel in base.files()}
    assert [id(rel) in theirs for rel in listed] == [True, True, True, False]
    assert base.files() == ["gone.tf", "infra/a/main.tf", "infra/b/main.tf", "k8s/web.yaml"]
    assert head == Tree(tmp_path / "head")  # the pairing is no part of what the tree is
