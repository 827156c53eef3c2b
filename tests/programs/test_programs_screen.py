"""The programs screen, driven by keys through Pilot on the app built as the CLI builds it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from focusgroup.sample import sample_session
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.screens.programs import ProgramDialog, ProgramsScreen
from tests.tui.builders import screen_text


async def _open(pilot: Pilot[None]) -> None:
    await pilot.press("i")  # the wall's key for the inventory
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProgramsScreen)


async def test_add_edit_delete_and_undo_on_the_programs_screen(tmp_path: Path) -> None:
    store = sample_session(tmp_path / "m.db", cards=4)
    app = make_app(store, "facilitator", today=lambda: "2025-03-14")
    app.animation_level = "none"
    async with app.run_test(size=(140, 40)) as pilot:
        await _open(pilot)
        text = screen_text(app)
        assert "0 in the inventory" in text and "a add" in text
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProgramDialog)
        dialog.query_one("#prog-institution", Input).value = "Tri-County [b]CC[/b]"
        dialog.query_one("#prog-program", Input).value = "Welding"
        dialog.query_one("#prog-level", Input).value = "Entry"
        dialog.query_one("#prog-occupations", Input).value = "Welder; Fabricator"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProgramsScreen)
        (program,) = store.programs()
        assert program.institution == "Tri-County [b]CC[/b]"  # exact, never markup
        assert (program.level, program.occupations) == ("entry", ("Welder", "Fabricator"))
        assert "Tri-County [b]CC[/b]" in screen_text(app)
        assert "1 in the inventory" in screen_text(app)

        await pilot.press("enter")  # edit the highlighted row
        await pilot.pause()
        app.screen.query_one("#prog-cost", Input).value = "$3,200"
        app.screen.query_one("#prog-cost", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert store.programs()[0].cost == "$3,200"

        await pilot.press("x")
        await pilot.pause()
        assert store.programs() == []
        assert app.screen.query_one(DataTable).row_count == 0
        await pilot.press("ctrl+z")  # the delete
        await pilot.pause()
        assert store.programs()[0].cost == "$3,200"
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("ctrl+z")  # the edit
        await pilot.pause()
        assert store.programs()[0].cost == ""
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProgramDialog)
        assert app.screen.query_one("#prog-program", Input).value == "Welding"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProgramsScreen)
    store.close()
    with SessionStore.open(tmp_path / "m.db") as again:  # saved at once, on disk
        assert [p.program for p in again.programs()] == ["Welding"]


async def test_a_bad_level_is_a_message_and_keeps_what_was_typed(tmp_path: Path) -> None:
    store = sample_session(tmp_path / "m.db", cards=2)
    app = make_app(store, "facilitator", today=lambda: "2025-03-14")
    async with app.run_test(size=(140, 40)) as pilot:
        await _open(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#prog-institution", Input).value = "Tri-County"
        dialog.query_one("#prog-program", Input).value = "Welding"
        dialog.query_one("#prog-level", Input).value = "expert"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#prog-program", Input).value == "Welding"
        assert store.programs() == []
        assert any("Unknown level 'expert'" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgramsScreen)
        await pilot.press("e")  # the footer's Edit, on an empty table: nothing to edit
        await pilot.pause()
        assert isinstance(app.screen, ProgramsScreen)
        await pilot.press("i")  # i toggles back to the wall
        await pilot.pause()
        assert not isinstance(app.screen, ProgramsScreen)
    store.close()
