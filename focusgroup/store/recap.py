"""What the room agrees at the recap: the shortlist, the takeaways, when we come back.

The shortlist is a place number on the stack's lead card (0 = not on it), so it moves, merges
and undoes with the card. Takeaways are the facilitator's own sentences for the summary's
first page; the re-engagement date is on the session.
"""

from __future__ import annotations

import datetime as dt

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import SHORTLIST_MAX, TAKEAWAYS_MAX, Card, Takeaway
from focusgroup.store import rows
from focusgroup.store.base import StoreBase, _short, _text, writes
from focusgroup.store.journal import now


class RecapOps(StoreBase):
    # -- the room's shortlist ---------------------------------------------------------------

    def shortlist(self) -> list[Card]:
        """The stacks on the room's shortlist, in their agreed order."""
        listed = [c for c in self.cards() if c.on_shortlist]
        return sorted(listed, key=lambda c: (c.shortlist_place, c.id))

    @writes
    def toggle_shortlist(self, card_id: int) -> bool:
        """Put a stack on the shortlist (at its end) or take it off; returns whether it is on."""
        card = self._top_card(card_id)
        listed = self.shortlist()
        if card.on_shortlist:
            with self.action(f"Take {_short(card.text)} off the shortlist"):
                for member in card.all_cards:
                    if member.shortlist:
                        self.journal.update("cards", member.id, {"shortlist": 0.0})
                # Keep the places 1..n, so "3." in the summary is the third on the list.
                rest = [c for c in listed if c.id != card.id]
                self._renumber(rest)
            return False
        if len(listed) >= SHORTLIST_MAX:
            raise DomainError(
                f"The shortlist holds at most {SHORTLIST_MAX} occupations; take one off first."
            )
        with self.action(f"Shortlist {_short(card.text)}"):
            self.journal.update("cards", card.id, {"shortlist": float(len(listed) + 1)})
        return True

    @writes
    def move_in_shortlist(self, card_id: int, direction: int) -> None:
        """Move a shortlisted stack one place up (-1) or down (+1)."""
        card = self._top_card(card_id)
        listed = self.shortlist()
        ids = [c.id for c in listed]
        if card.id not in ids:
            raise DomainError("That occupation is not on the shortlist.")
        index = ids.index(card.id)
        other = max(0, min(len(ids) - 1, index + direction))
        if other == index:
            return
        listed[index], listed[other] = listed[other], listed[index]
        with self.action(f"Move {_short(card.text)} to place {other + 1} on the shortlist"):
            self._renumber(listed)

    def _renumber(self, listed: list[Card]) -> None:
        for place, stack in enumerate(listed, start=1):
            for member in stack.all_cards:
                value = float(place) if member.id == stack.id else 0.0
                self.journal.update("cards", member.id, {"shortlist": value})

    # -- takeaways ------------------------------------------------------------------------

    def takeaways(self) -> list[Takeaway]:
        return [rows.takeaway(r) for r in self.journal.rows("takeaways", order_by="position, id")]

    @writes
    def add_takeaway(self, text: str) -> int:
        _text(text, "A takeaway")
        if len(self.takeaways()) >= TAKEAWAYS_MAX:
            raise DomainError(
                f"The summary's first page has room for {TAKEAWAYS_MAX} takeaways; "
                "edit or remove one first."
            )
        position = self._next("takeaways")
        with self.action(f"Add takeaway {_short(text)}"):
            return self.journal.insert(
                "takeaways", {"text": text, "position": position, "created_at": now()}
            )

    @writes
    def edit_takeaway(self, takeaway_id: int, text: str) -> None:
        _text(text, "A takeaway")
        self._row_or_error("takeaways", takeaway_id, "takeaway")
        with self.action(f"Edit takeaway {_short(text)}"):
            self.journal.update("takeaways", takeaway_id, {"text": text})

    @writes
    def delete_takeaway(self, takeaway_id: int) -> None:
        row = self._row_or_error("takeaways", takeaway_id, "takeaway")
        with self.action(f"Remove takeaway {_short(row['text'])}"):
            self.journal.delete("takeaways", takeaway_id)

    @writes
    def move_takeaway(self, takeaway_id: int, direction: int) -> None:
        items = self.takeaways()
        ids = [t.id for t in items]
        if takeaway_id not in ids:
            raise DomainError("That takeaway is no longer in the session.")
        index = ids.index(takeaway_id)
        other = max(0, min(len(ids) - 1, index + direction))
        if other == index:
            return
        ids[index], ids[other] = ids[other], ids[index]
        with self.action("Reorder takeaways"):
            for place, row_id in enumerate(ids):
                self.journal.update("takeaways", row_id, {"position": float(place)})

    # -- when we come back ------------------------------------------------------------------

    @writes
    def set_reengagement(self, date: str) -> None:
        """The date participants will hear from us again (YYYY-MM-DD), or "" to clear it."""
        date = check_date(date)
        with self.action(f"Re-engage participants on {date}" if date else "Clear re-engagement"):
            self.journal.update("sessions", 1, {"reengage_on": date})

    @writes
    def set_next_steps(self, text: str) -> None:
        """The facilitator's own next steps for the summary ("" for the standard wording)."""
        with self.action("Edit next steps"):
            self.journal.update("sessions", 1, {"next_steps": text})


def check_date(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise DomainError(f"{value!r} is not a date; write it as YYYY-MM-DD.") from None
