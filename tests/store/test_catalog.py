"""Listing a folder of sessions reads every file without changing or upgrading any of them.

The start screen and `focusgroup list` share this lister (store/catalog.py); the start screen
used to open each file read-write, which migrated older files just by showing them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from focusgroup.store import SessionStore
from focusgroup.store.catalog import scan_sessions
from focusgroup.store.file_format import SCHEMA_VERSION
from tests.builders import tiny_protocol


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _settled(path: Path) -> None:
    """Fold the WAL into the file, so the file alone holds the session."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_an_older_file_is_listed_but_not_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SessionStore.create(path, tiny_protocol(), title="Older meeting") as store:
        lead = store.add_card("Machinist")
        store.merge_cards(lead, [store.add_card("CNC operator")])
        store.add_participant("Ann Lee", "Acme")
    _settled(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # as an older focusgroup left it
    conn.close()
    before = _digest(path)

    [entry] = scan_sessions(tmp_path)

    assert (entry.title, entry.participants, entry.cards, entry.stacks) == (
        "Older meeting",
        1,
        2,
        1,
    )
    assert entry.error == ""
    assert _digest(path) == before
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1


def test_a_file_that_cannot_be_opened_is_listed_with_the_reason_opening_gives(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.db").write_bytes(b"just some text, not a database")
    [entry] = scan_sessions(tmp_path)
    assert entry.error.startswith(f"{tmp_path / 'notes.db'} is not a focusgroup session file")
    assert (tmp_path / "notes.db").read_bytes() == b"just some text, not a database"
