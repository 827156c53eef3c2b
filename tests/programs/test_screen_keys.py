"""Every key the programs screen, its form and the pathway map dialog tell the user to press
does what it says, in the app started as `focusgroup open FILE` starts it.

Each instruction is read off the screen (the title line, the footer, the dialogs' help line),
so a reworded or added instruction with no test of its own fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from focusgroup.store import SessionStore
from focusgroup.tui.launch import session_app
from focusgroup.tui.screens.help import HelpScreen
from focusgroup.tui.screens.map_dialog import MapDialog
from focusgroup.tui.screens.programs import ProgramDialog, ProgramsScreen
from focusgroup.tui.widgets.key_footer import KeyFooter
from tests.pathway.truth import PROGRAM_ROWS, build_gap_meeting
from tests.tui.builders import screen_text
from tests.tui.test_wall_tools import wait_for

KEYS = {"Enter": "enter", "Esc": "escape", "ctrl+z": "ctrl+z", "ctrl+s": "ctrl+s"}
"""How the screens write a key, as Pilot presses it; a single letter is itself."""


def _pilot_key(written: str) -> str:
    return KEYS.get(written, written)


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    return build_gap_meeting(tmp_path / "m", "excel").path


def _title(app) -> str:
    line = next(line for line in screen_text(app).splitlines() if "PROGRAMS" in line)
    return line.strip()


def _instructions(line: str) -> dict[str, str]:
    """'a add · Enter edit · x delete' -> {'add': 'a', 'edit': 'Enter', ...}."""
    pairs = [part.strip().split(" ", 1) for part in line.split("·")]
    return {what: key for key, what in (p for p in pairs if len(p) == 2) if len(key) == 1
            or key in KEYS}  # fmt: skip


async def _open_programs(pilot: Pilot) -> ProgramsScreen:
    await pilot.press("i")  # README: `i` the programs inventory
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProgramsScreen)
    return screen


async def test_the_programs_screens_title_line_does_what_it_says(meeting: Path) -> None:
    app = session_app(meeting)
    store: SessionStore = app.store
    async with app.run_test(size=(160, 50)) as pilot:
        await _open_programs(pilot)
        title = _title(app)
        assert f"{len(PROGRAM_ROWS)} in the inventory" in title
        said = _instructions(title.split("complete ·", 1)[1])
        assert set(said) == {"add", "edit", "delete", "undo", "back"}, said

        await pilot.press(_pilot_key(said["add"]))
        await pilot.pause()
        assert isinstance(app.screen, ProgramDialog) and app.screen.program is None
        await pilot.press("escape")
        await pilot.pause()

        table = app.screen.query_one(DataTable)
        table.move_cursor(row=1)
        second = store.programs()[1]
        await pilot.press(_pilot_key(said["edit"]))
        await pilot.pause()
        assert isinstance(app.screen, ProgramDialog) and app.screen.program == second
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press(_pilot_key(said["delete"]))
        await pilot.pause()
        assert second.id not in {p.id for p in store.programs()}
        assert f"{len(PROGRAM_ROWS) - 1} in the inventory" in _title(app)
        await pilot.press(_pilot_key(said["undo"]))
        await pilot.pause()
        assert second in store.programs()
        assert f"{len(PROGRAM_ROWS)} in the inventory" in _title(app)

        await pilot.press(_pilot_key(said["back"]))
        await pilot.pause()
        assert not isinstance(app.screen, ProgramsScreen)
    store.close()


async def test_every_footer_key_of_the_programs_screen_works(meeting: Path) -> None:
    app = session_app(meeting)
    store: SessionStore = app.store
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await _open_programs(pilot)
        items, _ = screen.query_one(KeyFooter).items()
        footer = {item.description: item.key.split(",")[0] for item in items}
        shown = screen.query_one(KeyFooter).render().plain
        for item in items:  # each is on the line, as the user sees it
            assert f"{item.key_display} {item.description}" in shown, item
        handled = {"Back", "Add program", "Edit", "Delete", "Undo", "Redo", "Help", "Quit"}
        assert set(footer) == handled, footer

        first = store.programs()[0]
        for opens in ("Add program", "Edit"):
            await pilot.press(footer[opens])
            await pilot.pause()
            assert isinstance(app.screen, ProgramDialog)
            assert app.screen.program == (None if opens == "Add program" else first)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press(footer["Delete"])
        await pilot.pause()
        assert first not in store.programs()
        await pilot.press(footer["Undo"])
        await pilot.pause()
        assert first in store.programs()
        await pilot.press(footer["Redo"])
        await pilot.pause()
        assert first not in store.programs()
        await pilot.press(footer["Undo"])
        await pilot.pause()
        await pilot.press(footer["Help"])
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgramsScreen)
        await pilot.press(footer["Back"])
        await pilot.pause()
        assert not isinstance(app.screen, ProgramsScreen)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(footer["Quit"])
        await pilot.pause()
        assert not app.is_running
    store.close()
    with SessionStore.open(meeting) as again:
        assert first in again.programs()  # the undo stood, on disk


async def test_the_program_forms_help_line_does_what_it_says(meeting: Path) -> None:
    """'Enter or ctrl+s saves · Esc cancels'."""
    app = session_app(meeting)
    store: SessionStore = app.store
    async with app.run_test(size=(160, 50)) as pilot:
        await _open_programs(pilot)
        first = store.programs()[0]
        await pilot.press("enter")
        await pilot.pause()
        help_line = " ".join(str(w.render()) for w in app.screen.query(".dialog-help"))
        match = re.match(r"(\w+) or (\S+) saves · (\w+) cancels", help_line)
        assert match, help_line
        enter, ctrl_s, esc = (_pilot_key(k) for k in match.groups())
        for key, cost in ((enter, "$1"), (ctrl_s, "$2")):
            field = app.screen.query_one("#prog-cost", Input)
            field.value = cost
            field.focus()
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ProgramsScreen), key
            assert store.program(first.id).cost == cost
            await pilot.press("enter")
            await pilot.pause()
        app.screen.query_one("#prog-cost", Input).value = "$3"
        await pilot.press(esc)
        await pilot.pause()
        assert isinstance(app.screen, ProgramsScreen)
        assert store.program(first.id).cost == "$2"  # Esc kept nothing
    store.close()


async def test_the_map_dialogs_help_line_does_what_it_says(meeting: Path, tmp_path: Path) -> None:
    """P on the wall (README), then 'ctrl+s write · Esc close'."""
    app = session_app(meeting)
    store: SessionStore = app.store
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MapDialog)
        help_line = " ".join(str(w.render()) for w in dialog.query(".dialog-help"))
        match = re.fullmatch(r"(\S+) write · (\w+) close", help_line.strip())
        assert match, help_line
        write, close = (_pilot_key(k) for k in match.groups())
        dialog.query_one("#map-folder", Input).value = str(tmp_path / "maps")
        await pilot.press(write)
        await wait_for(pilot, lambda: dialog.written is not None, tries=400)
        assert sorted(p.suffix for p in dialog.written or []) == [".json", ".md", ".pdf", ".svg"]
        assert all(p.parent == tmp_path / "maps" for p in dialog.written or [])
        await pilot.press(close)
        await pilot.pause()
        assert not isinstance(app.screen, MapDialog)
    store.close()
