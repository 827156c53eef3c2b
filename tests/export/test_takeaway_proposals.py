"""The app's proposed takeaways (page 1 when the facilitator wrote none), checked against the
session file read with plain SQL: each is a true sentence about what the file records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from focusgroup.export.exporter import export_session
from focusgroup.store.session_store import SessionStore
from tests.export.room_session import build_room


def what_we_heard(md: Path) -> list[str]:
    section = md.read_text("utf-8").split("## What we heard", 1)[1].split("\n## ", 1)[0]
    return [line[2:] for line in section.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("listed", [1, 3])
def test_the_shortlist_takeaway_counts_in_good_english(tmp_path: Path, listed: int) -> None:
    room = build_room(tmp_path / "r.db", shortlist=False, takeaways=False)
    with SessionStore.open(room) as store:
        for card in store.cards()[:listed]:
            store.toggle_shortlist(card.id)
    with sqlite3.connect(room) as conn:
        names = [t for (t,) in conn.execute("SELECT text FROM cards WHERE shortlist > 0 ORDER BY shortlist")]  # fmt: skip
    assert len(names) == listed
    (md,) = export_session(room, tmp_path / "o", ["md"])
    listed_as = names[0] if listed == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    noun = "occupation" if listed == 1 else "occupations"
    assert f"The room agreed on {listed} critical {noun}: {listed_as}." in what_we_heard(md)


def test_entry_level_gaps_named_for_a_category_are_proposed_too(tmp_path: Path) -> None:
    """A gap the note-taker tied to a category is a gap the room named: it is not dropped."""
    room = build_room(tmp_path / "r.db", shortlist=False, takeaways=False)
    with SessionStore.open(room) as store:
        quality = next(c.id for c in store.categories() if c.name == "Quality")
        store.add_competency("Uses a micrometer", category_id=quality, lacking=True)
    with sqlite3.connect(room) as conn:
        lacking = [t for (t,) in conn.execute("SELECT text FROM competencies WHERE lacking = 1 ORDER BY id")]  # fmt: skip
    assert len(lacking) == 2  # one on an occupation, one on a category
    (md,) = export_session(room, tmp_path / "o", ["md"])
    (line,) = [t for t in what_we_heard(md) if "lacking in entry-level candidates" in t]
    for text in lacking:
        assert text in line, (text, line)
