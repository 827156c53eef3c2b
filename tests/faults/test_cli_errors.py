"""Every CLI failure is one `Error:` line and exit 1, never a traceback (issue 21)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.demo import build_demo
from focusgroup.protocol_files import find_protocol
from tests.faults.conftest import fill_up, mount_tmpfs, remount_read_only


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def session(path: Path) -> Path:
    build_demo(path, find_protocol("critical-occupations")).close()
    return path


def test_new_in_a_read_only_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere: only read-only media stops it
        folder = mount_tmpfs(tmp_path / "ro")
        remount_read_only(folder)
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    line = one_error_line(run("new", str(folder / "spring.db"), "--title", "Spring"))
    assert f"Can't create {folder / 'spring.db'}" in line
    assert "read-only" in line or "permission denied" in line
    assert not list(folder.iterdir())


def test_export_to_read_only_media_says_read_only(tmp_path: Path) -> None:
    """`prepare_out_dir` asked os.access and said "permission denied" for a read-only USB
    stick or share, sending people to check permissions that were fine."""
    db = session(tmp_path / "meeting.db")
    folder = mount_tmpfs(tmp_path / "ro")
    remount_read_only(folder)
    line = one_error_line(run("export", str(db), "--out", str(folder)))
    assert line == f"Error: Can't write to {folder}: Read-only file system."
    assert not list(folder.iterdir())


def test_new_on_a_full_disk(tmp_path: Path) -> None:
    folder = mount_tmpfs(tmp_path / "full", "1m")
    fill_up(folder)
    line = one_error_line(run("new", str(folder / "spring.db"), "--title", "Spring"))
    assert "is full" in line and "damaged" not in line
    assert not (folder / "spring.db").exists()


def test_export_of_a_file_missing_a_table(tmp_path: Path) -> None:
    db = session(tmp_path / "meeting.db")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE commitments")
    conn.close()
    line = one_error_line(run("export", str(db), "--out", str(tmp_path / "out")))
    assert "the commitments table is missing" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_history_of_a_file_missing_a_table(tmp_path: Path) -> None:
    db = session(tmp_path / "meeting.db")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE events")
    conn.close()
    line = one_error_line(run("history", str(db)))
    assert "the events table is missing" in line


def test_an_unexpected_error_is_one_line_and_its_details_are_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault: a bug deep in a command (here in the catalog scan) raises RuntimeError."""
    from focusgroup.store import catalog

    def broken(folder: Path) -> list:
        raise RuntimeError("boom in the scan")

    monkeypatch.setattr(catalog, "scan_sessions", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "sessions").mkdir()
    line = one_error_line(run("list", str(tmp_path / "sessions")))
    assert "RuntimeError: boom in the scan" in line
    log = tmp_path / "focusgroup-errors.log"
    assert str(log) in line
    assert "Traceback" in log.read_text() and "boom in the scan" in log.read_text()


def test_an_sqlite_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from focusgroup.store.session_store import SessionStore

    db = session(tmp_path / "meeting.db")

    def broken(self: SessionStore, event_id: int = 0) -> list:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(SessionStore, "events_since", broken)
    line = one_error_line(run("history", str(db)))
    assert "could not be read or written (disk I/O error)" in line


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, not CliRunner: what a user's terminal shows."""
    db = tmp_path / "junk.db"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    done = subprocess.run(
        [sys.executable, "-m", "focusgroup", "history", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "FOCUSGROUP_HOME": str(tmp_path)},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("Error: ")
