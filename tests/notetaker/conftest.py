"""A meeting with the built-in protocol (tiers, topics), two employers and a small wall."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore
from tests.notetaker.builders import Meeting


@pytest.fixture
def meeting(tmp_path: Path) -> Iterator[Meeting]:
    protocol = find_protocol("critical-occupations")
    with SessionStore.create(
        tmp_path / "meeting.db", protocol, title="Manufacturing [b]2026[/]", actor="facilitator"
    ) as store:
        ann = store.add_participant("Ann [/] Lee", "Acme [red]Tools", quote_as="organization")
        bo = store.add_participant("Bo Chen", "Bolt Works", quote_as="named")
        production = store.categories()[0].id
        machinist = store.add_card("CNC machinist", ann, category_id=production, level="entry")
        welder = store.add_card("Welder", bo)
    yield Meeting(tmp_path / "meeting.db", ann, bo, production, machinist, welder)


@pytest.fixture
def note_store(meeting: Meeting) -> Iterator[SessionStore]:
    store = SessionStore.open(meeting.path, actor="note-taker")
    yield store
    store.close()
