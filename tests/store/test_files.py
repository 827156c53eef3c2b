"""Bad session files get a clear message, never a traceback, and are never changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from focusgroup.domain.errors import SessionFileError
from focusgroup.store import SessionStore
from focusgroup.store.backups import list_backups, restore, take_backup
from focusgroup.store.schema import SCHEMA_VERSION, migrations
from tests.builders import tiny_protocol


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _session(tmp_path: Path) -> Path:
    store = SessionStore.create(tmp_path / "m.db", tiny_protocol(), title="T")
    store.add_card("Welder")
    store.close()
    return tmp_path / "m.db"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not an SQLite database"),
        (b"title,card\nAnn,Welder\n", "not an SQLite database"),
        (bytes(range(256)) * 40, "not an SQLite database"),
    ],
)
def test_files_that_are_not_sessions(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(SessionFileError, match=message):
        SessionStore.open(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_not_a_session(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(SessionFileError, match="not a focusgroup session"):
        SessionStore.open(path)
    assert _digest(path) == before


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="No session file"):
        SessionStore.open(tmp_path / "nope.db")


def test_truncated_session_file(tmp_path: Path) -> None:
    path = _session(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = _digest(path)
    with pytest.raises(SessionFileError, match="damaged"):
        store = SessionStore.open(path)
        store.cards()
    assert _digest(path) == before


def test_corrupted_pages(tmp_path: Path) -> None:
    path = _session(tmp_path)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 97):  # scribble over everything after page 1
        data[offset] = (data[offset] + 101) % 256
    path.write_bytes(bytes(data))
    with pytest.raises(SessionFileError, match="damaged"):
        SessionStore.open(path)


def test_a_file_from_a_newer_version_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = _session(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(path)
    with pytest.raises(SessionFileError, match="newer focusgroup"):
        SessionStore.open(path)
    assert _digest(path) == before


def test_migrations_are_recorded_and_applying_again_is_a_no_op(tmp_path: Path) -> None:
    path = _session(tmp_path)
    store = SessionStore.open(path)
    applied = [m.name for m in migrations.applied(store.db)]
    assert applied == [
        "m001_initial",
        "m002_protocol_json",
        "m003_participant_title",
        "m004_import_batches",
        "m005_room_results",
        "m006_pathways",
        "m007_live_meeting",
        "m008_programs",
    ]
    migrations.apply(store.db)
    assert [m.name for m in migrations.applied(store.db)] == applied
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_schema_version_counts_the_migrations() -> None:
    """file_format.SCHEMA_VERSION is kept by hand (so opening needs no sqlite-utils import)."""
    assert SCHEMA_VERSION == len(migrations._migrations)


def test_an_older_file_is_migrated_forward(tmp_path: Path) -> None:
    """A file at user_version 0 (before versioning was written) opens and is brought up."""
    path = _session(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    store = SessionStore.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [c.text for c in store.cards()] == ["Welder"]
    store.close()


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = _session(tmp_path)
    before = _digest(path)
    with pytest.raises(SessionFileError, match="already exists"):
        SessionStore.create(path, tiny_protocol(), title="Again")
    assert _digest(path) == before


def test_backup_and_restore_after_the_live_file_is_destroyed(tmp_path: Path) -> None:
    path = _session(tmp_path)
    store = SessionStore.open(path)
    take_backup(store)
    store.add_card("Machinist")
    newest = take_backup(store)
    store.close()
    assert list_backups(path)[0] == newest

    path.write_bytes(b"garbage")  # someone's sync tool mangled it mid-meeting
    used, moved = restore(path)
    assert used == newest
    assert moved is not None and moved.read_bytes() == b"garbage"
    with SessionStore.open(path) as back:
        assert sorted(c.text for c in back.cards()) == ["Machinist", "Welder"]
        assert back.can_undo() == "Add card Machinist"

    path.unlink()  # deleted outright
    restore(path)
    assert SessionStore.open(path).cards()


def test_backups_are_taken_only_when_due_and_work_was_done(tmp_path: Path) -> None:
    from focusgroup.store.backups import backup_if_due

    path = _session(tmp_path)
    with SessionStore.open(path) as store:
        first = backup_if_due(store)  # none yet: take one at open
        assert first is not None
        assert backup_if_due(store) is None  # too soon
        assert backup_if_due(store, every=0) is None  # due, but nothing changed since
        store.add_card("Machinist")
        assert backup_if_due(store, every=0) is not None
        assert len(list_backups(path)) == 2


def test_a_deleted_or_replaced_live_file_is_noticed(tmp_path: Path) -> None:
    from focusgroup.store.backups import live_file_replaced

    path = _session(tmp_path)
    with SessionStore.open(path) as store:
        assert not live_file_replaced(store)
        path.unlink()
        assert live_file_replaced(store)


def test_garbled_table_definitions_are_refused_clearly(tmp_path: Path) -> None:
    # Found by the thorough hypothesis run: SQLite quotes the damaged schema in its error
    # message, and Python then fails to decode the message itself.
    path = _session(tmp_path)
    data = bytearray(path.read_bytes())
    # Every copy: after later migrations (ALTER TABLE cards, new tables) the file may also
    # hold a stale copy of the definition on a free page, before the live one.
    at = data.find(b"CREATE TABLE cards")
    while at != -1:
        data[at + 8 : at + 10] = b"\x80\xff"
        at = data.find(b"CREATE TABLE cards", at + 1)
    path.write_bytes(bytes(data))
    with pytest.raises(SessionFileError, match="damaged"):
        SessionStore.open(path)


def test_a_version_1_file_is_migrated_and_keeps_its_meeting(tmp_path: Path) -> None:
    """A file written before m002 (no protocol cache) opens, gains the cache, loses nothing."""
    from sqlite_utils import Database

    from focusgroup.store.schema import APPLICATION_ID

    path = tmp_path / "v1.db"
    db = Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(db, stop_before="m002_protocol_json")
    protocol = tiny_protocol()
    db.execute(
        "INSERT INTO sessions (id, title, protocol_id, protocol_yaml, created_at) "
        "VALUES (1, 'Old meeting', ?, ?, '2025-01-01')",
        [protocol.id, protocol.source_text],
    )
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()

    with SessionStore.open(path) as store:
        assert store.session().title == "Old meeting"
        assert store.protocol() == protocol
        cached = store.db.execute("SELECT protocol_json FROM sessions").fetchone()[0]
        assert cached  # filled in by the migration
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
