"""What the wall screen's parts share: typed access to the app and the widgets, and helpers.

`WallScreen` is assembled from this base and a mixin per concern (cards, categories, the quick
entry bar, the tools); each reads and writes through these, so none needs the others.
"""

from __future__ import annotations

from typing import Any

from textual import getters
from textual.screen import Screen

from focusgroup.domain.model import Card
from focusgroup.tui.live import ActionFailed
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.wall_view import ViewOptions
from focusgroup.tui.widgets.agenda import AgendaPanel
from focusgroup.tui.widgets.quick_entry import QuickEntry
from focusgroup.tui.widgets.step_timer import StepTimer
from focusgroup.tui.widgets.wall_board import WallBoard


class WallBase(Screen[None]):
    """The wall screen's shared state and helpers (see `WallScreen` for the whole)."""

    app = getters.app(SessionApp)
    board = getters.query_one(WallBoard)
    entry = getters.query_one(QuickEntry)
    timer = getters.query_one(StepTimer)
    agenda = getters.query_one(AgendaPanel)
    options: ViewOptions
    """Marks, folding and projector mode: what the view shows beyond the store's state."""

    def refresh_people(self, cards: list[Card] | None = None) -> None:
        store = self.app.store
        self.entry.set_participants(store.participants())
        if cards is None:
            cards = store.cards()
        titles = [t for card in cards for t in card.wordings]
        self.entry.set_titles(titles)

    # -- helpers --------------------------------------------------------------------------------

    def selected_card(self) -> int | None:
        card_id = self.board.selected_card
        if card_id is None:
            self.notify("Select a card first (arrow keys or click).", timeout=3)
        return card_id

    def selected_category(self) -> int | None:
        key = self.board.selected_column
        if key is None:
            self.notify("Select a category column first (← →).", timeout=3)
        return key

    def prompt(self, title: str, value: str, submit: Any, *, placeholder: str = "") -> None:
        from focusgroup.tui.screens.dialogs import PromptDialog

        self.app.push_screen(PromptDialog(title, value, submit, placeholder=placeholder))

    def perform_ok(self, fn: Any, *args: Any) -> bool:
        """Run one store action through the app; False (the toast said why) if it failed."""
        try:
            self.app.perform(fn, *args, strict=True)
        except ActionFailed:
            return False
        return True
