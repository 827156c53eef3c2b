"""Two seats on one file, two real apps running at once: each sees the other within a second."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import TextArea

from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.screens.note_taker import NoteTakerScreen
from focusgroup.tui.widgets.note_log import NoteLog
from focusgroup.tui.widgets.note_wall import NoteWall
from tests.notetaker.builders import Meeting

WITHIN = 1.0


async def within_a_second(pilot: Pilot, seen: Callable[[], bool]) -> float:
    start = time.monotonic()
    while not seen():
        assert time.monotonic() - start < WITHIN, "the other seat did not see it in time"
        await pilot.pause(0.02)
    return time.monotonic() - start


async def test_facilitator_and_note_taker_see_each_others_card_note_and_tag(meeting: Meeting):
    fac_store = SessionStore.open(meeting.path, actor="facilitator")
    note_store = SessionStore.open(meeting.path, actor="note-taker")
    fac_app, note_app = make_app(fac_store, "facilitator"), make_app(note_store, "note-taker")
    fac_heard: list[SessionChanged] = []

    def hook(message: object) -> None:
        if isinstance(message, SessionChanged):
            fac_heard.append(message)

    try:
        async with (
            fac_app.run_test(size=(160, 48), message_hook=hook) as fac,
            note_app.run_test(size=(140, 44)) as note,
        ):
            screen = note_app.screen
            assert isinstance(screen, NoteTakerScreen)
            wall = screen.query_one(NoteWall)
            wall.highlight(("card", meeting.machinist))
            await note.press("escape", "n")
            half_typed = "Employers said the machinist role is chang"
            note_app.focused.text = half_typed

            # 1. The facilitator adds a card: it appears on the note-taker's wall.
            card_id = fac_app.perform(
                fac_store.add_card,
                "Maintenance technician",
                meeting.bo,
                category_id=meeting.production,
                level="mid",
            )
            await within_a_second(note, lambda: ("card", card_id) in wall._by_key)
            # ...without losing the note-taker's half-typed note or where the cursor was.
            assert screen.query_one("#nt-note-text", TextArea).text == half_typed
            assert wall.target.card_id == meeting.machinist

            # 2. The note-taker tags a competency on the machinist card: the wall shows it.
            await note.press("escape", "c")
            note_app.focused.value = "Reads GD&T drawings"
            await note.press("enter", "s", "6", "g", "enter")
            board_tiles = fac_app.screen.query_one("#board").tiles
            await within_a_second(
                fac,
                lambda: "Reads GD&T drawings" in board_tiles[meeting.machinist].view.competencies,
            )

            # 3. The note-taker saves the note: the facilitator's app hears of it.
            await note.press("escape", "n", "ctrl+s")
            await within_a_second(fac, lambda: any(m.touches("notes") for m in fac_heard))
            assert [n.text for n in fac_store.notes()] == [half_typed]

            # 4. And a note from the facilitator shows in the note-taker's log.
            note_id = fac_app.perform(fac_store.add_note, "Room agrees: recap is accurate")
            log = screen.query_one(NoteLog)
            await within_a_second(note, lambda: f"note:{note_id}" in log.rows)

            # Undo is per seat: the facilitator's Ctrl+Z takes back its note, not the tag.
            await fac.press("ctrl+z")
            await within_a_second(note, lambda: f"note:{note_id}" not in log.rows)
            assert [c.text for c in note_store.competencies()] == ["Reads GD&T drawings"]
    finally:
        fac_store.close()
        note_store.close()
