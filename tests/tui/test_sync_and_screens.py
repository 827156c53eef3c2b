"""Live sync with the other seat, the start screen and the participants screen."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import DataTable, Input

from focusgroup import paths
from focusgroup.domain.wall import place_of
from focusgroup.sample import sample_session
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from focusgroup.tui.screens.start import StartScreen
from focusgroup.tui.screens.wall import WallScreen
from tests.tui.builders import board, unsorted_ids


async def wait_until(pilot, condition, seconds: float = 1.0) -> float:
    start = time.perf_counter()
    while not condition():
        assert time.perf_counter() - start < seconds, "the other seat's change did not show"
        await pilot.pause(0.05)
    return time.perf_counter() - start


async def test_other_seat_changes_show_within_a_second_and_keep_typing(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    other = SessionStore.open(wall_store.path, actor="note-taker")
    try:
        async with wall_app.run_test(size=(120, 40)) as pilot:
            b = board(wall_app)
            b.move_selection(rows=1)
            selected = b.selected_card
            text = wall_app.screen.query_one("#qe-text", Input)
            text.value = "half-typed [b]"

            new_id = other.add_card("Welding inspector", None)
            moved = unsorted_ids(other)[0]
            other.step_card_category(moved, 1)
            await wait_until(pilot, lambda: new_id in b.tiles)
            await wait_until(pilot, lambda: b.place_of.get(moved, (None,))[0] is not None)
            assert b.place_of[moved] == tuple(place_of(other.card(moved)).__dict__.values())
            assert text.value == "half-typed [b]"
            assert b.selected_card == selected

            # The other seat's undo shows too; this seat's undo history is its own.
            other.undo()
            await wait_until(pilot, lambda: b.place_of[moved][0] is None)
            assert wall_app.store.can_undo() is None or "Welding" not in wall_app.store.can_undo()
    finally:
        other.close()


async def test_start_screen_lists_sessions_and_survives_a_broken_file(tmp_path: Path) -> None:
    folder = paths.sessions_dir()
    folder.mkdir(parents=True)
    sample_session(folder / "older.db", cards=6).close()
    (folder / "broken.db").write_bytes(b"not a database at all")
    app = make_app(None, today=lambda: "2025-03-14")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        rows = [str(table.get_row_at(i)[0]) for i in range(2)]
        assert "⚠ can't be opened" in rows
        assert "Advanced manufacturing, Lake County" in rows

        app.screen.query_one("#new-title", Input).value = "Health care [b]2025"
        app.screen.query_one("#new-region", Input).value = "North"
        await pilot.click("#new-start")
        await pilot.pause()
        assert isinstance(app.screen, WallScreen)
        assert app.store.session().title == "Health care [b]2025"
        assert app.store.session().date == "2025-03-14"
        assert app.store.path.parent == folder
        assert [c.name for c in app.store.categories()][:1] == ["Production"]


async def test_participants_screen_adds_and_shows_who_is_missing_cards(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        table = wall_app.screen.query_one(DataTable)
        assert table.row_count == len(wall_store.participants())
        await pilot.press("a")
        await pilot.pause()
        wall_app.screen.query_one("#p-name", Input).value = "Ivy [/]Chen"
        wall_app.screen.query_one("#p-org", Input).value = "Chen & Co"
        wall_app.screen.query_one("#p-email", Input).value = "ivy@example.org"
        await pilot.click("#p-save")
        await pilot.pause()
        ivy = next(p for p in wall_store.participants() if p.name == "Ivy [/]Chen")
        assert ivy.email == "ivy@example.org"
        table = wall_app.screen.query_one(DataTable)
        row = table.get_row(str(ivy.id))
        assert str(row[0]) == "Ivy [/]Chen" and str(row[-1]) == "✗ 0/2"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(wall_app.screen, WallScreen)


async def test_arrow_keys_walk_the_wall(wall_app: FocusGroupApp, wall_store: SessionStore) -> None:
    async with wall_app.run_test(size=(160, 50)) as pilot:
        b = board(wall_app)
        tray = unsorted_ids(wall_store)
        await pilot.press("down")
        assert b.selected_card == tray[1]
        await pilot.press("right")
        assert b.selected_column == wall_store.categories()[0].id
        await pilot.press("left")
        assert b.selected_column is None
