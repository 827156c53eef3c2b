"""The wall's meeting actions added for issue 13: edit a card's text and author, the
employer's own reason, the shifting-needs mark, removing empty categories, and keeping the
step timer in the session so it survives closing and reopening.

A mixin for `WallScreen` (its bindings are declared there, so the footer and palette list them).
"""

from __future__ import annotations

import time
from typing import Any

from focusgroup.domain.model import SHIFTS
from focusgroup.tui.screens.wall_base import WallBase

SHIFT_CYCLE = ("", *SHIFTS)
"""`d` steps a card through: no mark, disappearing, transforming, and back."""


class WallMeeting(WallBase):
    """Card and timer actions that need more than one store call or a dialog."""

    step_index: int
    wall_time: Any = staticmethod(time.time)
    """Epoch seconds for the stored timer (the meeting's clock goes on while the app is shut)."""

    # -- cards --------------------------------------------------------------------------------

    def action_edit_card(self) -> None:
        from focusgroup.tui.screens.edit_card import EditCardDialog

        card_id = self.selected_card()
        if card_id is None:
            return
        store = self.app.store
        card = self.app.perform(store.card, card_id)
        if card is None:
            return
        author = None
        if card.participant_id is not None:
            author = next((p for p in store.participants() if p.id == card.participant_id), None)

        def submit(text: str, who: int | None) -> bool:
            return self.perform_ok(store.edit_card, card_id, text, who)

        self.app.push_screen(EditCardDialog(card.text, author, store.participants(), submit))

    def action_own_reason(self) -> None:
        card_id = self.selected_card()
        if card_id is None:
            return
        store = self.app.store
        reasons = store.protocol().reasons

        def submit(text: str) -> bool:
            if not text.strip():
                self.notify("Type the employer's reason in their words.", severity="warning")
                return False
            stored = self.app.perform(store.add_reason_text, card_id, text, strict=False)
            if stored is None:
                return False
            known = next((r for r in reasons if r.key == stored), None)
            if known is not None:
                self.notify(
                    f"That is reason {known.hotkey}: {known.label}.", markup=False, timeout=4
                )
            return True

        self.prompt(
            "Why is it critical, in the employer's words?",
            "",
            submit,
            placeholder="e.g. safety depends on them",
        )

    def action_cycle_shift(self) -> None:
        card_id = self.selected_card()
        if card_id is None:
            return
        store = self.app.store
        card = self.app.perform(store.card, card_id)
        if card is None:
            return
        following = SHIFT_CYCLE[(SHIFT_CYCLE.index(card.shift) + 1) % len(SHIFT_CYCLE)]
        if self.perform_ok(store.set_shift, card_id, following):
            said = SHIFTS[following].lower() if following else "no longer marked as shifting"
            self.notify(f"{card.text[:40]}: {said}.", markup=False, timeout=2)

    def action_remove_empty_categories(self) -> None:
        store = self.app.store
        removed = self.app.perform(store.remove_empty_categories)
        if removed:
            noun = "category" if removed == 1 else "categories"
            self.notify(f"Removed {removed} empty {noun}. Ctrl+Z brings them back.", timeout=4)
        elif removed == 0:
            self.notify("Every category has cards; nothing to remove.", timeout=3)

    # -- the step timer, kept in the session ----------------------------------------------------

    def start_step_timer(self, minutes: float) -> None:
        """Resume this step's stored timer, or start it afresh (and store that)."""
        state = self.app.store.timer_state()
        if state is not None and state.step == self.step_index:
            self.timer.restore(state, self.wall_time())
            return
        self.timer.restart(minutes)
        self.save_timer("Start step timer")

    def save_timer(self, description: str) -> None:
        state = self.timer.state(self.step_index, self.wall_time())
        self.app.perform(self.app.store.save_timer, state, description)
