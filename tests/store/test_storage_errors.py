"""Failures of the database itself leave the store as the app's own `StorageError`.

Everything above the store catches `FocusGroupError` and shows one line; none of it imports
sqlite3 (import-linter holds tui/, export/ and mail/ to that).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.domain.errors import FocusGroupError, StorageError
from focusgroup.store import SessionStore
from focusgroup.store.backups import take_backup
from tests.builders import tiny_protocol


def test_a_write_on_a_broken_connection_is_a_storage_error(store: SessionStore) -> None:
    store.conn.close()  # what a vanished disk or a closed file looks like to the store
    with pytest.raises(StorageError) as raised:
        store.add_card("Welder")
    assert isinstance(raised.value.__cause__, sqlite3.Error)
    assert isinstance(raised.value, FocusGroupError)


def test_reads_and_backups_translate_too(store: SessionStore) -> None:
    store.conn.close()
    for read in (store.cards, store.data_version, store.last_event_id, store.participants):
        with pytest.raises(StorageError):
            read()
    with pytest.raises(StorageError):
        take_backup(store)


def test_a_table_gone_missing_is_one_error_line_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "meeting.db"
    with SessionStore.create(path, tiny_protocol(), title="Damaged by hand") as store:
        store.add_card("Welder")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE events")  # another tool "tidied" the file: it still opens
    conn.commit()
    conn.close()
    result = CliRunner().invoke(main, ["history", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "events" in result.output
    assert "Traceback" not in result.output
