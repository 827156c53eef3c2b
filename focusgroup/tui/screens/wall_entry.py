"""The wall's quick-entry bar: who wrote the card, then its text; new employers on the fly."""

from __future__ import annotations

from textual import on

from focusgroup.domain.model import Participant
from focusgroup.tui.screens.wall_base import WallBase
from focusgroup.tui.widgets.quick_entry import QuickEntry, split_new_participant
from focusgroup.tui.widgets.wall_board import WallKeys


class WallEntry(WallBase):
    """Cards typed in the bar at the bottom: added to Unsorted, credited to an employer."""

    def action_focus_entry(self) -> None:
        entry = self.entry
        # Synchronous: keys typed right after "a" must land in the bar, not on the wall.
        self.set_focus(entry.text_input if entry.chosen else entry.who_input)

    @on(QuickEntry.Left)
    def entry_left(self) -> None:
        self.set_focus(self.query_one(WallKeys))

    @on(QuickEntry.ParticipantSubmitted)
    def add_participant_from_bar(self, message: QuickEntry.ParticipantSubmitted) -> None:
        person = self._new_participant(message.who)
        if person is not None:
            self.entry.choose(person)

    def _new_participant(self, who: str) -> Participant | None:
        name, org = split_new_participant(who)
        store = self.app.store
        new_id = self.app.perform(store.add_participant, name, org)
        if new_id is None:
            return None
        person = store.participant(new_id)
        self.notify(f"Added {person.label} to the participants.", markup=False, timeout=3)
        self.refresh_people()
        return person

    @on(QuickEntry.CardSubmitted)
    def add_card_from_bar(self, message: QuickEntry.CardSubmitted) -> None:
        store = self.app.store
        entry = self.entry
        if not message.text.strip():
            self.notify("A card can't be empty: type what the employer wrote.", severity="warning")
            return
        person: Participant | None = None
        if message.participant_id is not None:
            person = store.participant(message.participant_id)
        elif message.who:
            # The bar settles who wrote it before submitting; never invent a participant here.
            self.set_focus(entry.who_input)
            return
        card_id = self.app.perform(store.add_card, message.text, person.id if person else None)
        if card_id is None:
            return  # the toast said why; the text stays in the bar
        entry.card_added()
        self.call_after_refresh(self.board.select_card, card_id)
