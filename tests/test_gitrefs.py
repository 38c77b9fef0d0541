"""gitrefs.Pending: a git process asked one question, its answer or its failure as one line."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from finops_gate import gitrefs
from finops_gate.errors import UsageError


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "a.txt").write_text("hello\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q",
         "-m", "base"], check=True,
    )  # fmt: skip
    return root


def test_the_answer_is_what_git_prints(repo: Path) -> None:
    expected = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, check=True
    ).stdout
    assert gitrefs.Pending(repo, "rev-parse", "HEAD").result() == expected


def test_git_gets_the_environment_the_process_holds_when_it_is_started(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What os.environ holds at that moment, however it changed during the run (handed over
    as the process keeps it, not converted variable by variable)."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Zoë Gate")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "zoe@example.com")
    ident = gitrefs.Pending(repo, "var", "GIT_AUTHOR_IDENT").result().decode("utf-8")
    assert ident.startswith("Zoë Gate <zoe@example.com> ")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Another")
    ident = gitrefs.Pending(repo, "var", "GIT_AUTHOR_IDENT").result().decode("utf-8")
    assert ident.startswith("Another <zoe@example.com> ")


def test_a_failure_is_one_line_with_gits_last_line(repo: Path) -> None:
    with pytest.raises(
        UsageError, match=r"git rev-parse --verify failed: fatal: Needed a single revision$"
    ):
        gitrefs.Pending(repo, "rev-parse", "--verify", "no-such-ref").result()
    # an exit code listed as not a failure is an answer
    out = gitrefs.Pending(repo, "diff", "--quiet", "HEAD", ok=(0, 1)).result()
    assert out == b""


def test_a_large_input_and_answer_are_exchanged_without_a_deadlock(repo: Path) -> None:
    """More than a pipe holds both ways: the input is written while the answer is read."""
    blob = gitrefs.Pending(repo, "rev-parse", "HEAD:a.txt").result().strip()
    questions = (blob + b"\n") * 3000  # 123 kB in, 168 kB out
    out = gitrefs.Pending(repo, "cat-file", "--batch", stdin=questions).result()
    assert out.count(b"hello\n") == 3000


def test_processes_started_side_by_side_each_answer_their_own_question(repo: Path) -> None:
    asked = [gitrefs.Pending(repo, "cat-file", "-p", "HEAD:a.txt") for _ in range(5)]
    asked.append(gitrefs.Pending(repo, "rev-parse", "--show-toplevel"))
    *texts, top = gitrefs.results(*asked)
    assert texts == [b"hello\n"] * 5 and Path(top.decode().strip()) == repo.resolve()


def test_a_process_over_its_time_is_killed_and_named(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gitrefs, "TIMEOUT", 0.5)
    start = time.monotonic()
    with pytest.raises(UsageError, match=r"git -c alias\.hang=!sleep 3 # took over 0\.5 s"):
        gitrefs.Pending(repo, "-c", "alias.hang=!sleep 3 #", "hang").result()
    assert time.monotonic() - start < 2.5


def test_without_git_on_the_path_the_run_says_what_to_do(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(UsageError, match="git is not installed; use --base DIR --head DIR"):
        gitrefs.Pending(repo, "rev-parse", "HEAD")


def _git(*args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "protocol.file.allow=always",
         *args], check=True, capture_output=True,
    )  # fmt: skip


def test_an_unknown_base_ref_says_to_fetch_it(repo: Path) -> None:
    with pytest.raises(UsageError, match=r"no commit named 'nope' in this clone; fetch it"):
        gitrefs.resolve(repo, "nope")


def test_a_shallow_clone_without_the_base_says_to_fetch_deeper(repo: Path, tmp_path: Path) -> None:
    """What a CI checkout of depth 1 meets: the base ref and the merge-base are not in it."""
    _git("-C", str(repo), "checkout", "-q", "-b", "feature")
    (repo / "a.txt").write_text("changed\n", encoding="utf-8")
    _git("-C", str(repo), "commit", "-qam", "feature")
    _git("-C", str(repo), "checkout", "-q", "main")
    (repo / "b.txt").write_text("main moved on\n", encoding="utf-8")
    _git("-C", str(repo), "add", "b.txt")
    _git("-C", str(repo), "commit", "-qm", "main")
    clone = tmp_path / "clone"
    _git("clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
         f"file://{repo}", str(clone))  # fmt: skip
    with pytest.raises(UsageError, match=r"'HEAD~1' in this clone; the clone is shallow"):
        gitrefs.resolve(clone, "HEAD~1")
    with pytest.raises(
        UsageError, match=r"HEAD and origin/HEAD have no common commit in this clone; the clone"
    ):
        gitrefs.default_base(clone)
