"""Backups during a meeting: consistent while the other seat writes, and a way back after the
live file is deleted or corrupted (`focusgroup restore FILE`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from focusgroup.domain.errors import SessionFileError
from focusgroup.store import SessionStore
from focusgroup.store.backups import list_backups, take_backup
from tests.builders import tiny_protocol
from tests.reliability import invariants

ROOT = Path(__file__).resolve().parents[2]


def _writer(path: Path, out: Path) -> subprocess.Popen:
    """The other seat, writing flat out until killed."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.seat_child",
            str(path),
            "note",
            "7",
            "0",
            str(out),
        ],
        cwd=ROOT,
    )
    while "READY" not in (out.read_text() if out.exists() else ""):
        assert proc.poll() is None
        time.sleep(0.005)
    return proc


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "focusgroup", *args], cwd=ROOT, capture_output=True, text=True
    )


@pytest.mark.slow  # subprocesses
def test_backups_taken_while_the_other_seat_writes_are_consistent(tmp_path: Path) -> None:
    path = tmp_path / "meeting.db"
    SessionStore.create(path, tiny_protocol(), title="Backups").close()
    proc = _writer(path, tmp_path / "note.txt")
    try:
        with SessionStore.open(path, actor="facilitator") as store:
            taken = []
            for i in range(8):
                store.add_card(f"Facilitator card {i}")
                taken.append(take_backup(store))
                time.sleep(0.03)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    sizes = []
    for backup in taken:
        assert invariants.integrity(backup) == "ok"
        invariants.log_matches_rows(backup)  # a snapshot of whole actions, never half of one
        with SessionStore.open(backup, actor="check") as copy:
            sizes.append(copy.last_event_id())
            assert copy.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0], "backups did not follow the writes"
    assert not list(tmp_path.glob(".backups/**/*-wal")), "a backup needs its WAL beside it"


@pytest.mark.slow  # subprocesses
def test_live_file_deleted_during_the_meeting_is_restored(tmp_path: Path) -> None:
    path = tmp_path / "meeting.db"
    with SessionStore.create(path, tiny_protocol(), title="Deleted") as store:
        kept = [store.add_card(f"Card {i}") for i in range(5)]
        take_backup(store, "open")
    for name in ("meeting.db", "meeting.db-wal", "meeting.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)

    with pytest.raises(SessionFileError, match="No session file"):
        SessionStore.open(path)
    done = _cli("restore", str(path))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    with SessionStore.open(path) as store:  # the same seat ("cli") that added the cards
        assert [c.id for c in store.cards()] == kept
        assert store.can_undo()  # the undo history comes back with the file


@pytest.mark.slow  # subprocesses
def test_live_file_corrupted_during_the_meeting_is_restored(tmp_path: Path) -> None:
    path = tmp_path / "meeting.db"
    with SessionStore.create(path, tiny_protocol(), title="Corrupted") as store:
        kept = [store.add_card(f"Card {i}") for i in range(50)]
        take_backup(store)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = os.urandom(4096 * 2)  # garbage over the schema and first pages
    path.write_bytes(bytes(data))

    opened = _cli("history", str(path))
    assert opened.returncode != 0 and "Traceback" not in opened.stderr
    assert f"focusgroup restore {path}" in opened.stderr + opened.stdout  # says what to do

    done = _cli("restore", str(path))
    assert done.returncode == 0, done.stderr
    with SessionStore.open(path) as store:
        assert [c.id for c in store.cards()] == kept
    replaced = list(tmp_path.glob("meeting.replaced-*.db"))
    assert len(replaced) == 1 and replaced[0].read_bytes() == bytes(data), "damaged copy kept"
    assert len(list_backups(path)) == 1


def test_a_deleted_live_file_is_noticed_by_the_open_store(tmp_path: Path) -> None:
    """If the file is deleted while a seat has it open, SQLite keeps writing to the deleted
    inode: every later action "succeeds" and is lost. The check below is what the app must
    do (each poll) to warn the facilitator to restore instead of typing into the void."""
    path = tmp_path / "meeting.db"
    with SessionStore.create(path, tiny_protocol(), title="Gone") as store:
        store.add_card("Before")
        inode = os.fstat(_db_fd(path)).st_ino if _db_fd(path) is not None else None
        path.unlink()
        store.add_card("After: written to a deleted file")  # no error from SQLite
        assert not path.exists()
        assert inode is not None
        assert not _still_live(path, inode)


def _db_fd(path: Path) -> int | None:
    """The file descriptor this process holds on `path` (Linux /proc), if any."""
    for fd in Path("/proc/self/fd").iterdir():
        try:
            if os.readlink(fd) == str(path):
                return int(fd.name)
        except OSError:
            continue
    return None


def _still_live(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except FileNotFoundError:
        return False
