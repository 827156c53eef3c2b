"""Helpers to drive and read the wall: the clock tests move by hand, what the board shows."""

from __future__ import annotations

import io

from rich.console import Console
from textual.pilot import Pilot

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp


class ManualClock:
    """A clock tests move by hand: `clock.now += 61`."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def board(app: FocusGroupApp):
    from focusgroup.tui.widgets.wall_board import WallBoard

    return app.screen.query_one(WallBoard)


def screen_text(app: FocusGroupApp) -> str:
    """What the terminal shows now, as text: the screen as the compositor last painted it.

    Unlike reading the wall's model, this catches a line a widget forgot to repaint.
    """
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def shown(app: FocusGroupApp, card_id: int) -> str:
    """The card's lines as painted on the wall (wrapped to its column, edge mark first)."""
    return "\n".join(board(app).card_lines(card_id))


def painted(app: FocusGroupApp, card_id: int) -> str:
    """The card's text as painted, its wrapped lines joined again (edge mark dropped, runs of
    spaces squashed): what a reader sees, whatever the column width."""
    lines = board(app).card_lines(card_id)
    return " ".join(" ".join(line[1:] for line in lines).split())


async def type_card(pilot: Pilot, who: str, text: str) -> None:
    """Fill the quick-entry bar (setting values is ~3x faster than pressing each key)."""
    from textual.widgets import Input

    app = pilot.app
    who_input = app.screen.query_one("#qe-who", Input)
    text_input = app.screen.query_one("#qe-text", Input)
    if who:
        who_input.value = who
        who_input.focus()
        await pilot.press("enter")
    text_input.value = text
    text_input.focus()
    await pilot.press("enter")
    await pilot.pause()


def unsorted_ids(store: SessionStore) -> list[int]:
    return [c.id for c in store.wall().unsorted]
