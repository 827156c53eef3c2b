"""Issue 13: the start screen's Sector list and Categories field pick the wall's categories."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from focusgroup import paths
from focusgroup.domain.sectors import find_sector
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app


@pytest.mark.parametrize(
    ("sector", "typed", "expected"),
    [
        ("it", "", list(find_sector("it").category_names)),
        ("hospitality", "Kitchen, Front desk", ["Kitchen", "Front desk"]),
        ("", "none", []),
    ],
)
async def test_start_screen_sector_and_categories(sector: str, typed: str, expected) -> None:
    app = make_app(None, "facilitator", today=lambda: "2025-03-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#new-title", Input).value = "Spring convening"
        if sector:
            screen.query_one("#new-sector", Select).value = sector
        field = screen.query_one("#new-categories", Input)
        field.value = typed
        field.focus()
        await pilot.press("enter")  # Enter in the form starts the session
        await pilot.pause()
        assert type(app.screen).__name__ == "WallScreen"
    (path,) = paths.sessions_dir().glob("*.db")
    with SessionStore.open(path) as store:
        assert [c.name for c in store.categories()] == expected
        assert store.session().sector == sector
