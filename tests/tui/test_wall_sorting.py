"""Sorting, merging and splitting, reasons, hands, categories, undo and redo from the keyboard."""

from __future__ import annotations

from textual.widgets import Input

from focusgroup.domain.wall import Place, place_of
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp
from tests.tui.builders import board, screen_text, shown, unsorted_ids


async def test_moving_a_card_between_categories_levels_and_back_with_undo(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    first_category, second_category = (c.id for c in wall_store.categories()[:2])
    async with wall_app.run_test(size=(120, 40)) as pilot:
        card_id = board(wall_app).selected_card
        assert card_id == unsorted_ids(wall_store)[0]
        await pilot.press("shift+right")
        assert place_of(wall_store.card(card_id)) == Place(first_category, "entry")
        await pilot.press("shift+up", "shift+up")
        assert wall_store.card(card_id).level == "advanced"
        await pilot.press("greater_than_sign")  # '>' works where shift+arrows don't
        assert place_of(wall_store.card(card_id)) == Place(second_category, "advanced")
        await pilot.pause()
        b = board(wall_app)
        assert b.selected_card == card_id and b.place_of[card_id] == (second_category, "advanced")
        # Selected: painted with the thick edge; every other card keeps the thin one.
        assert shown(wall_app, card_id).startswith("█")
        assert all(shown(wall_app, c).startswith("▌") for c in b.tiles if c != card_id)

        await pilot.press("ctrl+z", "ctrl+z")
        assert wall_store.card(card_id).level == "mid"
        assert wall_store.card(card_id).category_id == first_category
        await pilot.press("ctrl+y")
        assert wall_store.card(card_id).level == "advanced"
        await pilot.pause()
        assert b.place_of[card_id] == (first_category, "advanced")


async def test_reorder_within_a_place(wall_app: FocusGroupApp, wall_store: SessionStore) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        first, second = unsorted_ids(wall_store)[:2]
        await pilot.press("right_square_bracket")
        assert unsorted_ids(wall_store)[:2] == [second, first]
        await pilot.pause()
        assert board(wall_app).lane_cards((None, "unsorted"))[:2] == [second, first]


async def test_merge_marked_cards_then_split(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        a, b, c = unsorted_ids(wall_store)[:3]
        await pilot.press("space", "space")  # mark a and b; selection moves down each time
        assert board(wall_app).selected_card == c
        await pilot.press("m")  # stack a and b onto c
        lead = wall_store.card(c)
        assert lead.count == 3 and {m.id for m in lead.members} == {a, b}
        await pilot.pause()
        tiles = board(wall_app).tiles
        assert a not in tiles and b not in tiles
        assert "×3" in shown(wall_app, c)

        await pilot.press("enter")  # open the stack: every employer's wording
        await pilot.pause()
        await pilot.press("down", "x")  # split the highlighted member out
        assert wall_store.card(c).count == 2
        await pilot.press("a")  # split the rest
        assert wall_store.card(c).count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert {a, b, c} <= set(board(wall_app).tiles)


async def test_merge_without_marks_explains(wall_app: FocusGroupApp) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        assert any("Mark cards" in n.message for n in wall_app._notifications)


async def test_reasons_and_show_of_hands(wall_app: FocusGroupApp, wall_store: SessionStore) -> None:
    keys = {r.hotkey: r.key for r in wall_store.protocol().reasons}
    async with wall_app.run_test(size=(120, 40)) as pilot:
        card_id = board(wall_app).selected_card
        before = set(wall_store.card(card_id).reasons)
        await pilot.press("2", "5")
        assert set(wall_store.card(card_id).reasons) == before ^ {keys["2"], keys["5"]}
        await pilot.press("2")
        assert set(wall_store.card(card_id).reasons) == before ^ {keys["5"]}
        await pilot.pause()
        assert ("⑤" in shown(wall_app, card_id)) == (keys["5"] not in before)
        assert "⑤" in shown(wall_app, card_id)

        await pilot.press("h")
        await pilot.pause()
        # Refused, the dialog stays with the text: words, a superscript digit (isdigit lets
        # it through, int() does not), and a figure SQLite cannot hold.
        for typed in ("many", "\u00b2", "99999999999999999999999"):
            wall_app.screen.query_one(Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert wall_app.screen.query_one(Input).value == typed
            assert not wall_store.card(card_id).hands_taken
        wall_app.screen.query_one(Input).value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert wall_store.card(card_id).hands == 9
        assert "9 hands" in shown(wall_app, card_id)
        await pilot.press("h")
        await pilot.pause()
        wall_app.screen.query_one(Input).value = "1"
        await pilot.press("enter")
        await pilot.pause()
        assert "1 hand" in shown(wall_app, card_id) and "1 hands" not in shown(wall_app, card_id)


async def test_categories_add_rename_recolour_move_remove(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        wall_app.screen.query_one(Input).value = "Maintenance [b]&[/] repair"
        await pilot.press("enter")
        await pilot.pause()
        new = wall_store.categories()[-1]
        assert new.name == "Maintenance [b]&[/] repair"
        b = board(wall_app)
        assert b.selected_column == new.id and new.id in b.columns

        await pilot.press("r")
        await pilot.pause()
        wall_app.screen.query_one(Input).value = "Maintenance"
        await pilot.press("enter")
        await pilot.press("k")
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        moved = wall_store.category(new.id)
        assert moved.name == "Maintenance" and moved.colour != new.colour
        assert [c.id for c in wall_store.categories()][-2] == new.id
        assert b.column_order[-2] == new.id

        # Remove a category with cards: they go back to Unsorted, and undo restores them.
        production = wall_store.categories()[0].id
        placed = [c.id for c in wall_store.cards() if c.category_id == production]
        b.select_column(production)
        await pilot.press("X")
        await pilot.pause()
        assert production not in {c.id for c in wall_store.categories()}
        assert set(placed) <= set(unsorted_ids(wall_store))
        assert production not in b.columns
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert production in b.columns
        assert all(wall_store.card(i).category_id == production for i in placed)


async def test_delete_is_undoable_and_edit_keeps_text_on_error(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        card_id = board(wall_app).selected_card
        await pilot.press("x")
        await pilot.pause()
        assert card_id not in board(wall_app).tiles
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert card_id in board(wall_app).tiles
        board(wall_app).select_card(card_id)
        await pilot.press("e")
        await pilot.pause()
        field = wall_app.screen.query_one(Input)
        field.value = " "
        await pilot.press("enter")
        assert field.value == " " and field.is_attached  # refused, still open
        field.value = "Machinist (5-axis)"
        await pilot.press("enter")
        assert wall_store.card(card_id).text == "Machinist (5-axis)"


async def test_lane_counts_on_screen_follow_adds_and_moves(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """Only changed lines are repainted; the lane titles' counts must be among them."""
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        before = len(unsorted_ids(wall_store))
        assert f"NEW CARDS · {before}" in screen_text(wall_app)
        wall_app.perform(wall_store.add_card, "Boilermaker", None)
        await pilot.pause()
        assert f"NEW CARDS · {before + 1}" in screen_text(wall_app)
        b = board(wall_app)
        b.select_card(unsorted_ids(wall_store)[-1])
        await pilot.press("shift+right")  # into the first category's lane
        await pilot.pause()
        text = screen_text(wall_app)
        assert f"NEW CARDS · {before}" in text
        assert "Boilermaker" in text


async def test_clicking_a_category_header_selects_that_column(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        b = board(wall_app)
        second = wall_store.categories()[1]  # on screen at 160 columns
        assert b.selected_column != second.id
        await pilot.click(b.columns[second.id], offset=(3, 0))
        await pilot.pause()
        assert b.selected_column == second.id
        assert b.columns[second.id].current and not b.columns[None].current


async def test_a_click_between_header_and_lanes_selects_nothing_when_scrolled(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """The line under the header is a gap: with the lanes scrolled, the card scrolled just
    out of sight above it must not be picked by a click there."""
    for i in range(40):
        wall_store.add_card(f"Extra card {i}")
    async with wall_app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        b = board(wall_app)
        tray = b.columns[None]
        tray.scroll_to(y=20, animate=False, immediate=True)
        await pilot.pause()
        before = b.selected_card
        await pilot.click(tray, offset=(3, 2))
        await pilot.pause()
        assert b.selected_card == before
        # A lane line showing a card (which line depends on how the column wraps its cards):
        # the click picks the card shown there.
        y = next(y for y in range(3, 12) if tray.card_at(y - 3 + tray.scroll_offset.y))
        await pilot.click(tray, offset=(3, y))
        await pilot.pause()
        shown_there = tray.card_at(y - 3 + tray.scroll_offset.y)
        assert shown_there is not None and b.selected_card == shown_there


async def test_partial_repaints_always_match_a_full_repaint(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """The wall repaints only lines it knows changed. After each kind of action, what the
    terminal shows must equal what a full repaint of every column shows."""
    for i in range(25):
        wall_store.add_card(f"Filler {i}")  # long enough lanes that columns scroll
    keys = [
        "down", "shift+right", "shift+up", "shift+right", "right_square_bracket",
        "shift+down", "down", "space", "m", "ctrl+z", "ctrl+y", "1", "f", "f",
        "shift+left", "shift+left", "ctrl+z", "right", "down", "down", "x", "ctrl+z",
        "f5", "f5", "end",
    ]  # fmt: skip
    async with wall_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            incremental = screen_text(wall_app)
            for column in board(wall_app).columns.values():
                column.refresh()
            await pilot.pause()
            assert screen_text(wall_app) == incremental, f"stale lines after {key!r}"
        # The tray scrolled part-way while cards land in it: its scroll thumb moves.
        await pilot.press("right")
        tray = board(wall_app).columns[None]
        tray.scroll_to(y=12, animate=False, immediate=True)
        await pilot.pause()
        for i in range(6):
            wall_app.perform(wall_store.add_card, f"Late card {i}", None)
            await pilot.pause()
            incremental = screen_text(wall_app)
            tray.refresh()
            await pilot.pause()
            assert screen_text(wall_app) == incremental, f"stale scroll mark after add {i}"
