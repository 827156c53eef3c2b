"""The wall's card actions: select, move, mark and merge, split, reasons, hands, edit, delete."""

from __future__ import annotations

from dataclasses import replace

from focusgroup.domain.programs import parse_count
from focusgroup.tui.live import ActionFailed
from focusgroup.tui.screens.wall_base import WallBase


class WallCards(WallBase):
    """Actions on the selected card (or the marked ones); each goes through the store."""

    def action_select(self, columns: int, rows: int) -> None:
        self.board.move_selection(columns, rows)

    def action_step_category(self, direction: int) -> None:
        if (card_id := self.selected_card()) is not None:
            before = self.app.store.last_event_id()
            self.app.perform(self.app.store.step_card_category, card_id, direction)
            if self.app.store.last_event_id() == before:  # a key that does nothing says why
                edge = "leftmost" if direction < 0 else "rightmost"
                self.notify(f"The card is already in the {edge} column.", timeout=2)

    def action_step_level(self, direction: int) -> None:
        if (card_id := self.selected_card()) is not None:
            before = self.app.store.last_event_id()
            self.app.perform(self.app.store.step_card_level, card_id, direction)
            if self.app.store.last_event_id() == before:
                if self.board.place_of.get(card_id, (None,))[0] is None:
                    self.notify(
                        "Unsorted cards have no level yet: shift+→ puts it in a category.",
                        timeout=3,
                    )
                else:
                    edge = "top" if direction > 0 else "bottom"
                    self.notify(f"The card is already at the {edge} level.", timeout=2)

    def action_reorder(self, direction: int) -> None:
        if (card_id := self.selected_card()) is not None:
            self.app.perform(self.app.store.reorder_card, card_id, direction)

    def action_toggle_mark(self) -> None:
        card_id = self.selected_card()
        if card_id is None:
            return
        marked = set(self.options.marked) ^ {card_id}
        self.options = replace(self.options, marked=frozenset(marked))
        view = self.board.tiles[card_id].view
        self.board.show_card(card_id, replace(view, marked=card_id in marked))
        self.board.move_selection(rows=1)

    def action_merge(self) -> None:
        lead = self.selected_card()
        if lead is None:
            return
        others = [c for c in self.options.marked if c != lead]
        if not others:
            self.notify("Mark cards with Space, then press m on the card to stack them on.")
            return
        # Marks are cleared before the change comes back from the store, so the one repaint
        # it triggers shows the stack unmarked (no second rebuild of the wall here).
        marked, self.options = self.options.marked, replace(self.options, marked=frozenset())
        try:
            self.app.perform(self.app.store.merge_cards, lead, sorted(others), strict=True)
        except ActionFailed:
            self.options = replace(self.options, marked=marked)  # nothing merged: keep them
            return
        self.board.select_card(lead)

    def action_open_card(self) -> None:
        from focusgroup.tui.screens.card_dialog import CardDialog

        if (card_id := self.selected_card()) is not None:
            self.app.push_screen(CardDialog(card_id))

    def action_split(self) -> None:
        card_id = self.selected_card()
        if card_id is not None:
            self.app.perform(self.app.store.split_stack, card_id)

    def action_toggle_reason(self, key: str) -> None:
        if (card_id := self.selected_card()) is not None:
            self.app.perform(self.app.store.toggle_reason, card_id, key)

    def action_hands(self) -> None:
        card_id = self.selected_card()
        if card_id is None:
            return
        store = self.app.store

        def submit(value: str) -> bool:
            # parse_count, not isdigit: '²' passes isdigit and then int() refuses it.
            hands = parse_count(value)
            if hands is None:
                self.notify("Type how many hands are up: a whole number.", severity="warning")
                return False
            return self.perform_ok(store.set_hands, card_id, hands)

        current = store.card(card_id).hands
        self.prompt("Show of hands: how many back this card?", str(current or ""), submit)

    def action_shortlist(self) -> None:
        """Put the selected stack on the room's shortlist, or take it off (issue 14)."""
        card_id = self.selected_card()
        if card_id is None:
            return
        try:
            on = self.app.perform(self.app.store.toggle_shortlist, card_id, strict=True)
        except ActionFailed:
            return
        listed = self.app.store.shortlist()
        if on:
            ids = [{m.id for m in c.all_cards} for c in listed]
            place = next((i for i, group in enumerate(ids, 1) if card_id in group), len(listed))
            self.notify(f"On the shortlist as ★{place} of {len(listed)}. R to order it.", timeout=3)
        else:
            self.notify(f"Off the shortlist ({len(listed)} left).", timeout=3)

    def action_delete_card(self) -> None:
        card_id = self.selected_card()
        if card_id is not None and self.perform_ok(self.app.store.delete_card, card_id):
            self.notify("Card deleted. Ctrl+Z brings it back.", timeout=3)
