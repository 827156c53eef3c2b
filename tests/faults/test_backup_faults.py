"""Backups and restore under faults (issue 21): what is kept aside is never lost.

Before: restore renamed the live file away from its -wal (the kept copy opened without the
latest work), two restores in one second overwrote the first kept copy, `spring.db` and
`spring.old` shared a backup folder, and read-only media or a full disk were reported as
"damaged ... restore", which swapped in an older backup of a good file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.domain.errors import SessionFileError
from focusgroup.store import SessionStore
from focusgroup.store.backups import list_backups, restore, take_backup
from tests.conftest import tiny_protocol
from tests.faults.conftest import fill_up, mount_tmpfs, remount_read_only

CRASHING_SEAT = """
import os, sys
from focusgroup.store import SessionStore
store = SessionStore.open(sys.argv[1], actor="facilitator")
store.add_card("Written after the backup")
os.kill(os.getpid(), 9)  # the app dies: the card is only in the -wal
"""


def cards_in(path: Path) -> list[str]:
    """Card texts of a file read alone (no -wal beside it is used: it is opened as a copy)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM cards ORDER BY id")]
    finally:
        conn.close()


def meeting(path: Path, *cards: str) -> Path:
    with SessionStore.create(path, tiny_protocol(), title=path.name) as store:
        for card in cards:
            store.add_card(card)
        take_backup(store)
    return path


def test_the_replaced_file_is_kept_whole_with_its_latest_work(tmp_path: Path) -> None:
    db = meeting(tmp_path / "spring.db", "In the backup")
    crash = subprocess.run([sys.executable, "-c", CRASHING_SEAT, str(db)], check=False)
    assert crash.returncode == -9
    assert (tmp_path / "spring.db-wal").stat().st_size > 0  # the latest work is in the WAL

    result = CliRunner().invoke(main, ["restore", str(db)])
    assert result.exit_code == 0, result.output
    (kept,) = tmp_path.glob("spring.replaced-*.db")
    assert f"The file it replaced is kept as {kept}." in result.output
    # The kept copy is consistent by itself: the card that was only in the WAL is in it.
    assert cards_in(kept) == ["In the backup", "Written after the backup"]
    assert not kept.with_name(kept.name + "-wal").exists()
    with SessionStore.open(kept) as store:
        assert [c.text for c in store.cards()] == ["In the backup", "Written after the backup"]
    with SessionStore.open(db) as store:  # the restored file is the backup, without stale WAL
        assert [c.text for c in store.cards()] == ["In the backup"]


def test_two_restores_in_one_second_keep_both_replaced_files(tmp_path: Path) -> None:
    db = meeting(tmp_path / "spring.db", "Backed up")
    with SessionStore.open(db) as store:
        store.add_card("First live version")
    _, first = restore(db)
    with SessionStore.open(db) as store:
        store.add_card("Second live version")
    _, second = restore(db)
    assert first is not None and second is not None and first != second
    assert cards_in(first) == ["Backed up", "First live version"]
    assert cards_in(second) == ["Backed up", "Second live version"]
    assert len(list(tmp_path.glob("spring.replaced-*.db"))) == 2


def test_backups_are_keyed_by_the_whole_file_name(tmp_path: Path) -> None:
    spring = meeting(tmp_path / "spring.db", "Spring card")
    old = meeting(tmp_path / "spring.old", "Old card")
    assert list_backups(spring) != list_backups(old)
    assert len(list_backups(spring)) == len(list_backups(old)) == 1
    old.unlink()
    used, _ = restore(old)
    assert used in list_backups(old)
    assert cards_in(old) == ["Old card"]  # never the other meeting's backup
    assert cards_in(spring) == ["Spring card"]


def test_restore_on_read_only_media_says_so_and_changes_nothing(tmp_path: Path) -> None:
    folder = mount_tmpfs(tmp_path / "usb", "4m")
    db = meeting(folder / "spring.db", "On the stick")
    remount_read_only(folder)
    before = db.read_bytes()
    result = CliRunner().invoke(main, ["restore", str(db)])
    assert result.exit_code == 1
    assert "read-only media" in result.stderr and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_a_full_disk_is_not_called_damage(tmp_path: Path) -> None:
    folder = mount_tmpfs(tmp_path / "full", "1m")
    db = meeting(folder / "spring.db", "Welder")
    fill_up(folder)
    for command in (["open", str(db)], ["backup", str(db)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "is full" in result.stderr, result.stderr
        assert "damaged" not in result.stderr and "restore" not in result.stderr
    with pytest.raises(SessionFileError, match="is full"):
        SessionStore.open(db)
    (folder / "filler").unlink()  # space freed: the same file opens, nothing was lost
    with SessionStore.open(db) as store:
        assert [c.text for c in store.cards()] == ["Welder"]


def test_a_damaged_file_is_called_damaged(tmp_path: Path) -> None:
    db = meeting(tmp_path / "spring.db", *[f"Card {i}" for i in range(40)])
    data = bytearray(db.read_bytes())
    data[4096 : 4096 * 3] = os.urandom(4096 * 2)
    db.write_bytes(bytes(data))
    with pytest.raises(SessionFileError, match="is damaged.*focusgroup restore"):
        SessionStore.open(db)


def test_a_write_on_a_full_disk_says_so_and_keeps_the_session(tmp_path: Path) -> None:
    """Fault: the disk fills up during the meeting; the action fails with a plain reason."""
    from focusgroup.domain.errors import StorageError

    folder = mount_tmpfs(tmp_path / "full", "1m")
    db = meeting(folder / "spring.db", "Welder")
    store = SessionStore.open(db, actor="facilitator")
    try:
        fill_up(folder)
        with pytest.raises(StorageError, match="the disk is full"):
            for i in range(200):  # until the WAL needs a page the disk hasn't got
                store.add_card(f"Card {i} " + "x" * 4000)
        (folder / "filler").unlink()
        store.add_card("After freeing space")
        assert "After freeing space" in [c.text for c in store.cards()]
    finally:
        store.close()
