"""Markup in every user text, on every screen and dialog (issue 21, ENGINEERING.md §6).

Before: a participant `Bo [/] Chen` with an address made `M` (the e-mail screen) raise
MarkupError and end the app; `Dana [red]Whitfield` lost its `[red]`. Every place user text
meets Textual (DataTable cells, notifications, status lines, titles) must show it as text.
The walk below opens each screen and dialog over a meeting where every name, card,
category and note looks like markup, and reads what the terminal shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from tests.tui.builders import board, screen_text

MARKUP = ("Bo [/] Chen", "Dana [red]Whitfield", "[@click=app.quit]x", "[$accent]y", "Hello [B]x")
TITLE = "Spring [b]meeting[/b] [/]"


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def markup_meeting(path: Path) -> tuple[SessionStore, list[int]]:
    store = SessionStore.create(
        path,
        find_protocol("critical-occupations"),
        title=TITLE,
        actor="facilitator",
        facilitator="Dana [red]Whitfield",
        sector="[$accent]y",
        region="Hello [B]x",
        with_categories=False,
    )
    cards = []
    for i, text in enumerate(MARKUP):
        person = store.add_participant(text, f"Org {text}", email=f"p{i}@example.org")
        category = store.add_category(f"C{i} {text}")
        cards.append(store.add_card(f"Card {text}", person, category_id=category, level="entry"))
        store.add_competency(f"Skill {text}", card_id=cards[-1], ksa="skill")
        store.add_note(f"Note {text}", card_ids=[cards[-1]], topic="why-critical")
        store.add_note(f"Quote {text}", kind="quote", participant_id=person)
        store.add_commitment(f"Offer {text}", participant_id=person, owner=text)
    store.add_card("Card [bold]plain", category_id=store.categories()[0].id, level="mid")
    return store, cards


def flat(app: FocusGroupApp) -> str:
    return " ".join(screen_text(app).split())


def assert_shown(app: FocusGroupApp, *texts: str, where: str) -> None:
    assert app.is_running, f"the app ended on {where}"
    shown = flat(app)
    for text in texts:
        assert text in shown, f"{text!r} not shown literally on {where}"


async def open_screen(pilot, key: str, where: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    await pilot.pause()
    assert pilot.app.is_running, f"{key} ended the app ({where})"


async def close(pilot) -> None:
    await pilot.press("escape")
    await pilot.pause()


async def test_every_facilitator_screen_and_dialog_shows_markup_as_text(tmp_path: Path) -> None:
    store, cards = markup_meeting(tmp_path / "m.db")
    app = make_app(store, "facilitator", today=lambda: "2025-03-14")
    try:
        async with app.run_test(size=(240, 70)) as pilot:
            await pilot.pause()
            assert_shown(app, *(f"Card {t}" for t in MARKUP), where="the wall")
            assert_shown(app, *(f"C{i} {t}" for i, t in enumerate(MARKUP)), where="the wall")
            assert app.sub_title == TITLE

            board(app).select_card(cards[0])
            await open_screen(pilot, "enter", "card dialog")
            assert_shown(app, "Card Bo [/] Chen", "Bo [/] Chen", where="the card dialog")
            await close(pilot)

            await open_screen(pilot, "p", "participants")
            assert_shown(app, *MARKUP, *(f"Org {t}" for t in MARKUP), where="participants")
            await open_screen(pilot, "enter", "edit participant")
            assert_shown(app, "Bo [/] Chen", where="the participant dialog")
            await close(pilot)
            await close(pilot)

            for key, where in (("h", "show of hands"), ("c", "new category")):
                board(app).select_card(cards[0])
                await open_screen(pilot, key, where)
                await close(pilot)

            await open_screen(pilot, "v", "projector")
            assert_shown(app, *(f"Card {t}" for t in MARKUP), where="the projector")
            await close(pilot)

            await open_screen(pilot, "M", "e-mail")
            assert_shown(app, *MARKUP, where="the e-mail screen")
            await close(pilot)

            await open_screen(pilot, "E", "export")
            await close(pilot)

            for key, where in (("f1", "help"), ("f6", "agenda"), ("j", "join")):
                await open_screen(pilot, key, where)
                await close(pilot)

            board(app).select_card(cards[1])
            await open_screen(pilot, "e", "edit dialog")
            assert_shown(app, "Card Dana [red]Whitfield", where="the edit dialog")
            await close(pilot)
            await open_screen(pilot, "r", "rename category")
            assert_shown(app, "C1 Dana [red]Whitfield", where="the rename dialog")
            await close(pilot)
            await open_screen(pilot, "w", "crosswalk")
            assert_shown(app, "Card Dana [red]Whitfield", where="the crosswalk dialog")
            await close(pilot)

            # Notifications: delete and undo name the card in the toast.
            board(app).select_card(cards[2])
            await open_screen(pilot, "x", "delete")
            await open_screen(pilot, "ctrl+z", "undo")
            toasts = [str(n.message) for n in app._notifications]
            assert any("Card [@click=app.quit]x" in t for t in toasts), toasts
            assert_shown(app, "Card [@click=app.quit]x", where="the wall after undo")
            assert len(store.cards()) == len(MARKUP) + 1  # nothing clicked "app.quit"
    finally:
        store.close()


async def test_the_note_takers_seat_shows_markup_as_text(tmp_path: Path) -> None:
    store, _ = markup_meeting(tmp_path / "m.db")
    store.close()
    seat = SessionStore.open(tmp_path / "m.db", actor="note-taker")
    app = make_app(seat, "note-taker", today=lambda: "2025-03-14")
    try:
        async with app.run_test(size=(240, 70)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert_shown(app, "Card Bo [/] Chen", TITLE, where="the note-taker's wall")
            await open_screen(pilot, "escape", "to the wall")
            await open_screen(pilot, "l", "the log")
            from focusgroup.tui.widgets.note_log import NoteLog

            log = app.screen.query_one(NoteLog)
            cells = {
                str(log.get_cell_at((row, column)))
                for row in range(log.row_count)
                for column in range(len(log.columns))
            }
            for text in MARKUP:
                assert f"Note {text}" in cells and f"Quote {text}" in cells, text
            for key, form in (("c", "competency"), ("n", "note"), ("q", "quote"), ("o", "offer")):
                await open_screen(pilot, "escape", "to the wall")
                await open_screen(pilot, key, f"the {form} form")
    finally:
        seat.close()


async def test_the_start_screen_lists_a_markup_title_as_text(tmp_path: Path, isolated_home) -> None:
    store, _ = markup_meeting(isolated_home / "sessions" / "spring.db")
    store.close()
    app = make_app(None, "facilitator")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert_shown(app, TITLE, where="the start screen")
