"""The wall's widgets keep Textual's own methods and properties working (regressions of issue 20).

`WallScreen._scroll_to` once overrode Textual's private method of that name with another
signature, so any `screen.scroll_to(...)` raised TypeError; `WallColumn.layout` shadowed
`Widget.layout`, the layout Textual reads for every widget.
"""

from __future__ import annotations

from textual.layout import Layout

from focusgroup.tui.app import FocusGroupApp
from focusgroup.tui.screens.wall import WallScreen
from focusgroup.tui.widgets.wall_column import WallColumn


async def test_scrolling_the_wall_screen_uses_textuals_scroll_to(wall_app: FocusGroupApp) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        screen = wall_app.screen
        assert isinstance(screen, WallScreen)
        screen.scroll_to(y=0, animate=False)  # raised TypeError before the fix
        screen.scroll_home(animate=False)
        await pilot.pause()
        assert screen.scroll_offset.y == 0


async def test_a_wall_column_keeps_widget_layout(wall_app: FocusGroupApp) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        columns = list(wall_app.screen.query(WallColumn))
        assert columns
        for column in columns:
            assert isinstance(column.layout, Layout)
