"""Commands that only read never change a session file (issue 21).

Before: `history` and the start screen opened files for writing, which migrated old files,
switched the journal mode and checkpointed the WAL; even SQLite's read-only mode leaves
-wal and -shm files behind. Checked here by the bytes and modification times on disk.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.store import SessionStore
from focusgroup.store.file_format import SCHEMA_VERSION, TABLES
from tests.conftest import tiny_protocol
from tests.faults.conftest import mount_tmpfs, remount_read_only


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the folder: its bytes and modification time (ns)."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def make_session(folder: Path, name: str = "spring.db") -> Path:
    with SessionStore.create(folder / name, tiny_protocol(), title="Spring") as store:
        store.add_card("Welder")
        store.add_card("Machinist")
    return folder / name


def read_everything(folder: Path, db: Path) -> None:
    from focusgroup.store.catalog import scan_sessions  # also what the start screen lists

    runner = CliRunner()
    result = runner.invoke(main, ["history", str(db)])
    assert result.exit_code == 0, result.output
    assert "Add card Machinist" in result.output
    result = runner.invoke(main, ["list", str(folder)])
    assert result.exit_code == 0 and "Spring" in result.output, result.output
    (entry,) = [e for e in scan_sessions(folder) if e.path == db]
    assert entry.cards == 2 and not entry.error


def test_a_closed_file_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    db = make_session(tmp_path)
    before = state(tmp_path)
    assert list(before) == ["spring.db"]
    read_everything(tmp_path, db)
    assert state(tmp_path) == before  # no -wal, no -shm, same bytes and times


def test_an_old_file_is_not_migrated_by_reading_it(tmp_path: Path) -> None:
    db = make_session(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE sessions DROP COLUMN protocol_json")  # as migration 1 left it
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_protocol_json'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = state(tmp_path)
    read_everything(tmp_path, db)
    assert state(tmp_path) == before
    assert SCHEMA_VERSION > 1


def test_a_file_open_in_another_seat_keeps_its_wal_untouched(tmp_path: Path) -> None:
    db = make_session(tmp_path)
    seat = SessionStore.open(db, actor="facilitator")
    try:
        seat.add_card("Electrician")  # committed to the -wal, not yet checkpointed
        before = state(tmp_path)
        assert before["spring.db-wal"][0]  # the WAL holds that card
        result = CliRunner().invoke(main, ["history", str(db)])
        assert "Add card Electrician" in result.output  # read through the WAL
        after = state(tmp_path)
        assert after["spring.db"] == before["spring.db"]
        assert after["spring.db-wal"] == before["spring.db-wal"]  # no checkpoint
    finally:
        seat.close()


def test_reading_and_exporting_from_read_only_media(tmp_path: Path) -> None:
    folder = mount_tmpfs(tmp_path / "cd", "4m")
    db = make_session(folder)
    remount_read_only(folder)
    before = state(folder)
    read_everything(folder, db)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", str(db), "--out", str(out), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "Machinist" in next(out.glob("*.md")).read_text("utf-8")
    assert state(folder) == before


def test_opening_read_only_media_for_the_wall_says_so_plainly(tmp_path: Path) -> None:
    folder = mount_tmpfs(tmp_path / "cd", "4m")
    db = make_session(folder)
    remount_read_only(folder)
    from focusgroup.domain.errors import SessionFileError

    with pytest.raises(SessionFileError) as caught:
        SessionStore.open(db).close()
    message = str(caught.value)
    assert "read-only media" in message and "damaged" not in message and "restore" not in message


def test_the_table_list_matches_the_migrations(tmp_path: Path) -> None:
    db = make_session(tmp_path)
    conn = sqlite3.connect(db)
    found = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith(("sqlite_", "_sqlite"))
    }
    conn.close()
    assert found == set(TABLES)
    assert os.path.exists(db)
