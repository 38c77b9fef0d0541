"""--out writes what the user asked: atomically for regular files, never replacing a device."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate import outfile
from finops_gate.cli import main
from finops_gate.errors import UsageError
from tests.conftest import EXAMPLES

PLAN = EXAMPLES / "terraform-plan" / "plan.json"


def _check(out: str) -> int:
    result = CliRunner().invoke(
        main, ["check", "--plan", str(PLAN), "--format", "json", "--out", out]
    )
    return result.exit_code


def test_out_dev_null_keeps_dev_null_a_character_device() -> None:
    assert _check("/dev/null") in (0, 1)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_out_to_a_fifo_writes_into_the_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    outfile.write(fifo, '{"ok": true}\n')
    reader.join(timeout=30)
    assert got == [b'{"ok": true}\n'] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_out_through_a_symlink_replaces_the_file_it_names_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    outfile.write(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_new_report_file_gets_the_usual_permissions_not_the_temp_files(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        outfile.write(out, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_planted_temp_name_cannot_redirect_the_write(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    for name in (".report.json.tmp", ".report.json.finops-gate-init.tmp"):
        (tmp_path / name).symlink_to(victim)
    outfile.write(tmp_path / "report.json", "report")
    assert victim.read_text() == "keep" and (tmp_path / "report.json").read_text() == "report"


@pytest.mark.parametrize("case", ["directory", "missing parent"])
def test_out_that_cannot_be_a_file_is_exit_2_naming_it(tmp_path: Path, case: str) -> None:
    out = tmp_path if case == "directory" else tmp_path / "nope" / "r.json"
    result = CliRunner().invoke(main, ["check", "--plan", str(PLAN), "--out", str(out)])
    assert result.exit_code == 2 and str(out) in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "nope").exists()


def test_a_failed_write_leaves_the_old_report_untouched(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("old")

    def boom(handle: object) -> None:
        raise RuntimeError("mid-write")

    with pytest.raises(RuntimeError):
        outfile.write(out, boom)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_a_directory_named_as_out_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        outfile.write(tmp_path, "x")


def test_a_temp_name_taken_by_a_planted_link_is_skipped_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever guesses the next temporary name and plants a link there redirects nothing: the
    name is created exclusively, so a taken one is skipped for a fresh one."""
    victim = tmp_path / "victim"
    victim.write_text("keep")
    draws = iter([b"\x01" * 6, b"\x01" * 6, b"\x02" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws)[:n])
    (tmp_path / f".report.json.{'01' * 6}.tmp").symlink_to(victim)
    outfile.write(tmp_path / "report.json", "report")
    assert victim.read_text() == "keep" and (tmp_path / "report.json").read_text() == "report"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".report.json.{'01' * 6}.tmp",
        "report.json",
        "victim",
    ]


def test_no_free_temp_name_is_exit_2_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "urandom", lambda n: b"\x07" * n)
    (tmp_path / f".report.json.{'07' * 6}.tmp").write_text("someone else's")
    with pytest.raises(UsageError, match=r"report\.json: cannot write in"):
        outfile.write(tmp_path / "report.json", "report")
    assert not (tmp_path / "report.json").exists()
