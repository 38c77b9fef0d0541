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
