"""A large import is written in parts: the other seat gets the lock in between, one undo
takes it all back (issue 12). Speed is measured by `python -m bench`, not here."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from focusgroup.importing import PART_ROWS, import_cards
from focusgroup.store import SessionStore
from tests.imports.conftest import fresh_session, run

ROWS = PART_ROWS * 2 + 500


def _cards_csv(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "organization", "card", "category", "level"])
        for i in range(rows):
            category = ("", "Production", "Office", f"New {i % 7}")[i % 4]
            level = ("", "entry", "mid", "advanced")[i % 4] if category else ""
            writer.writerow([f"Person {i % 150}", f"Org {i % 150}", f"Job {i}", category, level])
    return path


def test_the_other_seat_can_write_between_parts(template: Path, tmp_path: Path) -> None:
    session = fresh_session(template, tmp_path)
    csv_file = _cards_csv(tmp_path / "big.csv", ROWS)
    other = SessionStore.open(session, actor="facilitator")
    # No waiting at all: if the importer held the lock, this write would fail at once.
    other.conn.execute("PRAGMA busy_timeout = 0")
    written_between: list[int] = []

    def between_parts(done: int, total: int) -> None:
        assert total == ROWS
        if done < total:
            written_between.append(other.add_card(f"Live card after {done} rows"))

    with SessionStore.open(session, actor="cli") as store:
        report = import_cards(store, csv_file, progress=between_parts)
        assert report.cards == ROWS and report.parts == 3
        assert len(written_between) == 2
        texts = {c.text for c in store.cards()}
        assert {f"Job {i}" for i in range(ROWS)} <= texts
        # Each part is a logged action of at most PART_ROWS cards, all of one batch.
        parts = [e for e in store.events_since(0) if e.action.startswith("Import")]
        assert [e.action for e in parts] == [
            f"Import {ROWS} cards from big.csv (part {n} of 3)" for n in (1, 2, 3)
        ]
        assert len({e.batch for e in parts}) == 1 and parts[0].batch
        assert all(sum(c.table == "cards" for c in e.changes) <= PART_ROWS for e in parts)

        # One undo takes back every part, and only this seat's: the live cards stay.
        undone = store.undo()
        assert undone is not None and undone.action.startswith(f"Import {ROWS} cards")
        assert sorted(c.text for c in store.cards()) == sorted(
            f"Live card after {n} rows" for n in (PART_ROWS, 2 * PART_ROWS)
        )
        assert len(store.participants()) == 0
        assert store.can_undo() is None
        # One redo brings all of it back.
        store.redo()
        assert len(store.cards()) == ROWS + 2
        assert len(store.participants()) == 150
        store.undo()
        assert len(store.cards()) == 2
    other.close()
    conn = sqlite3.connect(session)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_the_cli_reports_progress_on_a_large_import(template: Path, tmp_path: Path) -> None:
    session = fresh_session(template, tmp_path)
    csv_file = _cards_csv(tmp_path / "big.csv", ROWS)
    result = run("import-cards", str(session), str(csv_file))
    assert result.exit_code == 0, result.output
    assert f"1,000 of {ROWS:,} rows written" in result.output
    assert f"Imported {ROWS} cards; added 150 participants and 7 categories." in result.output
