"""Every dialog's help line is shown whole at the sizes the app supports.

Before: the crosswalk dialog (w) and the edit dialog (e) cut their help line at the box's
edge, so "Esc to cancel" / "Esc cancels" never reached the screen at any size.
"""

from __future__ import annotations

import pytest
from textual.widgets import Label

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp
from tests.tui.builders import board, screen_text
from tests.tui.test_wall_tools import wait_for

SIZES = [(80, 24), (120, 40)]
DIALOG_KEYS = ["w", "e", "l", "E", "P", "h", "enter"]
"""Wall keys that open a dialog with a help line on the selected card."""


def _painted(app: FocusGroupApp, label: Label) -> str:
    """The words the terminal shows inside the label's region."""
    rows = screen_text(app).splitlines()
    region = label.region
    cut = [row[region.x : region.right] for row in rows[region.y : region.bottom]]
    return " ".join(" ".join(cut).split())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", DIALOG_KEYS)
async def test_a_dialogs_help_line_is_on_screen_whole(
    wall_app: FocusGroupApp, wall_store: SessionStore, key: str, size: tuple[int, int]
) -> None:
    async with wall_app.run_test(size=size) as pilot:
        await pilot.pause()
        wall = wall_app.screen
        board(wall_app).select_card(wall_store.wall().unsorted[0].id)
        await pilot.press(key)
        await wait_for(pilot, lambda: wall_app.screen is not wall)
        await pilot.pause()
        helps = list(wall_app.screen.query(".dialog-help").results(Label))
        assert helps, f"{key} opened {type(wall_app.screen).__name__} without a help line"
        for label in helps:
            text = " ".join(str(label.render()).split())
            assert _painted(wall_app, label) == text


@pytest.mark.parametrize("key", [*DIALOG_KEYS, "f1", "M", "j", "i"])
async def test_a_dialogs_footer_shows_its_own_keys_not_the_walls(
    wall_app: FocusGroupApp, wall_store: SessionStore, key: str
) -> None:
    """The wall's footer behind a dialog listed keys the dialog ignores ("a Add card")."""
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        wall = wall_app.screen
        assert "Add card" in screen_text(wall_app).splitlines()[-1]
        board(wall_app).select_card(wall_store.wall().unsorted[0].id)
        await pilot.press(key)
        await wait_for(pilot, lambda: wall_app.screen is not wall)
        await pilot.pause()
        footer = screen_text(wall_app).splitlines()[-1]
        assert "Add card" not in footer
        assert "esc" in footer.lower(), footer
