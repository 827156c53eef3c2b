"""Issue 13: the wall's columns share the board's width (pure rules, then the real wall)."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.sample import builtin_protocol
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.clock import fixed_clock
from focusgroup.tui.widgets.wall_rows import (
    MIN_COLUMN,
    NARROW_COLUMN,
    TRAY_COLUMN,
    share_widths,
)
from tests.tui.builders import board, screen_text

TEN = [
    "Software development",
    "Infrastructure & networks",
    "IT support",
    "Cybersecurity",
    "Data & analytics",
    "Project management",
    "Quality assurance",
    "Sales engineering",
    "Technical writing",
    "Operations",
]


def test_an_even_split_when_it_is_wide_enough() -> None:
    assert share_widths(140, [3, 2, 0, 4]) == [35, 35, 35, 35]
    assert share_widths(500, [1, 1]) == [48, 48]  # never wider than the maximum


def test_the_tray_with_cards_gets_room_first() -> None:
    widths = share_widths(82, [3, 2, 2, 2, 2, 2, 2])  # 120x40 beside the agenda
    assert sum(widths) == 82 and widths[0] == TRAY_COLUMN and min(widths) >= MIN_COLUMN


def test_empty_columns_go_narrow_so_the_others_fit() -> None:
    counts = [0, 0, 0, 0, 0, 0, 0, 2, 3, 1, 4]  # empty tray, six empty categories, four full
    widths = share_widths(122, counts)
    assert sum(widths) == 122
    assert all(w == NARROW_COLUMN for w, c in zip(widths, counts, strict=True) if c == 0)
    assert all(w >= MIN_COLUMN for w, c in zip(widths, counts, strict=True) if c)


def test_eleven_full_columns_still_fit_160_with_the_agenda() -> None:
    widths = share_widths(122, [5] * 11)
    assert sum(widths) <= 122 and min(widths) >= MIN_COLUMN
    assert widths[0] == max(widths)  # the tray, where new cards land, is the widest


def test_too_many_columns_scroll_at_the_minimums() -> None:
    assert share_widths(80, [1] * 11) == [MIN_COLUMN] * 11  # 121 > 80: the board scrolls


def ten_category_wall(path: Path, *, filled: int = 10) -> SessionStore:
    """A wall with ten categories (the first `filled` have cards) and a few unsorted cards."""
    from focusgroup.domain.sectors import seeds

    store = SessionStore.create(
        path,
        builtin_protocol(),
        title="IT convening",
        actor="facilitator",
        categories=seeds(TEN),
        sector="it",
    )
    ana = store.add_participant("Ana Ruiz", "Ruiz Systems")
    for i, category in enumerate(store.categories()[:filled]):
        store.add_card(f"Role {i + 1}", ana, category_id=category.id, level="entry")
    store.add_card("Help desk analyst", ana)
    return store


@pytest.mark.parametrize("filled", [4, 10])
async def test_ten_categories_all_visible_at_160x50_with_the_agenda(
    tmp_path: Path, filled: int
) -> None:
    store = ten_category_wall(tmp_path / "it.db", filled=filled)
    app = make_app(store, "facilitator", clock=fixed_clock())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one("#agenda")
        assert agenda.display and agenda.region.width > 0
        b = board(app)
        for key, column in b.columns.items():
            region = column.region
            assert region.width > 0 and region.right <= agenda.region.x, (key, region)
        text = screen_text(app)
        assert text.count("ENTRY") == 10  # every category's level headers are on screen
        for column in b.columns.values():
            if column.key is None:
                continue
            # The whole name is on screen, wrapped inside its header card if long.
            header = "".join(strip.text for strip in column.header_strips())
            assert "".join(column.column.name.split()) in "".join(header.split())
    store.close()


async def test_the_selected_card_stays_on_screen_after_a_resize(tmp_path: Path) -> None:
    store = ten_category_wall(tmp_path / "it.db")
    app = make_app(store, "facilitator", clock=fixed_clock())
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        b = board(app)
        last = store.categories()[-1]
        target = next(c.id for c in store.cards() if c.category_id == last.id)
        b.select_card(target)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        column = b.columns[last.id]
        assert column.region.width > 0
        assert b.region.contains_region(column.region.intersection(b.region))
        assert column.region.x < b.region.right and column.region.right > b.region.x
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)])
async def test_the_footer_always_shows_quit_undo_and_help(tmp_path: Path, size) -> None:
    store = ten_category_wall(tmp_path / "it.db")
    app = make_app(store, "facilitator", clock=fixed_clock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = app.screen.query_one("KeyFooter")
        line = str(footer.render()) if hasattr(footer, "render") else ""
        text = screen_text(app).splitlines()[-1]
        for word in ("Quit", "Undo", "Help"):
            assert word in text, (size, text, line)
    store.close()


async def test_level_titles_stay_in_sight_when_a_column_scrolls(tmp_path: Path) -> None:
    store = ten_category_wall(tmp_path / "it.db", filled=1)
    first = store.categories()[0].id
    ana = store.participants()[0].id
    for i in range(25):
        store.add_card(f"Entry role {i}", ana, category_id=first, level="entry")
    app = make_app(store, "facilitator", clock=fixed_clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = board(app).columns[first]
        target = board(app).column_cards(first)[-1]
        board(app).select_card(target)
        await pilot.pause()
        assert column.scroll_offset.y > 0
        first_lane_line = column.render_line(column.top).text
        assert "ENTRY" in first_lane_line  # pinned, though its own row scrolled away
    store.close()
