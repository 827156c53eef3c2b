"""Occupation cards: placing, moving, merging, reasons, show of hands, crosswalk."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from focusgroup.domain import wall as wall_model
from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import (
    CARDS_PER_EMPLOYER,
    SHIFTS,
    UNSORTED,
    Card,
)
from focusgroup.domain.reasons import match_reason
from focusgroup.store import rows
from focusgroup.store.base import StoreBase, _short, _text, writes
from focusgroup.store.journal import now

MAX_HANDS = 1_000_000
"""Far more hands than any room holds; a larger figure is a typing slip (and SQLite's limit)."""


class CardOps(StoreBase):
    # -- cards ------------------------------------------------------------------------------

    def cards(self) -> list[Card]:
        """Top-level occupation cards (stacks carry their merged members)."""
        cursor = self.conn.execute("SELECT * FROM cards ORDER BY position, id")
        names = [d[0] for d in cursor.description]
        return self._card_reader.read(names, cursor.fetchall())

    def card(self, card_id: int) -> Card:
        """A card; for a merged stack's lead, with its members."""
        row = self.journal.row("cards", card_id)
        if row is None:
            raise DomainError("That card is no longer on the wall.")
        members = tuple(rows.card(r) for r in self.journal.rows("cards", "stack_id = ?", [card_id]))
        return rows.card(row, members)

    def wall(self) -> wall_model.Wall:
        return wall_model.build_wall(self.categories(), self.cards(), self.levels())

    @writes
    def add_card(
        self,
        text: str,
        participant_id: int | None = None,
        *,
        category_id: int | None = None,
        level: str = UNSORTED,
        reasons: Sequence[str] = (),
        third_card: bool | None = None,
        step: int | None = None,
    ) -> int:
        """Add an occupation card; it lands in Unsorted unless a place is given."""
        _text(text, "A card")
        if (
            participant_id is not None
            and not self.conn.execute(
                "SELECT 1 FROM participants WHERE id = ?", [participant_id]
            ).fetchone()
        ):
            raise DomainError("That participant is no longer in the session.")
        category_id, level = self._valid_place(category_id, level)
        if step is None:
            # Only the step: the whole session row carries the protocol's text (kilobytes),
            # and decoding it for every card was a third of a large import's time.
            step = self.conn.execute("SELECT current_step FROM sessions WHERE id = 1").fetchone()[0]
        if third_card is None:
            # "Third card" means the employer already turned in their two, whichever step
            # the agenda is on: a late second card typed during step 5 is not a third card.
            third_card = self._is_beyond_two(participant_id)
        with self.action(f"Add card {_short(text)}"):
            return self.journal.insert(
                "cards",
                {
                    "text": text,
                    "participant_id": participant_id,
                    "category_id": category_id,
                    "level": level,
                    "position": self._next_position(category_id, level),
                    "reasons": json.dumps(list(dict.fromkeys(reasons)), ensure_ascii=False),
                    "third_card": int(third_card),
                    "step": step,
                    "created_at": now(),
                },
            )

    @writes
    def edit_card(self, card_id: int, text: str, participant_id: int | None | object = ...) -> None:
        """Reword a card and, given `participant_id`, change who wrote it (None: nobody).

        A new author re-decides "third card": it is one if that employer already had two
        cards written before this one.
        """
        _text(text, "A card")
        old = self.card(card_id)
        fields: dict[str, object] = {}
        if text != old.text:
            fields["text"] = text
        if participant_id is not ... and participant_id != old.participant_id:
            if participant_id is not None:
                self.participant(participant_id)  # type: ignore[arg-type]
            fields["participant_id"] = participant_id
            fields["third_card"] = int(self._is_beyond_two(participant_id, before=card_id))  # type: ignore[arg-type]
        if not fields:
            return
        verb = "Reword card" if "participant_id" not in fields else "Edit card"
        with self.action(f"{verb} {_short(old.text)}"):
            self.journal.update("cards", card_id, fields)

    def _is_beyond_two(self, participant_id: int | None, before: int | None = None) -> bool:
        """Whether this employer already has their two cards (written before card `before`)."""
        if participant_id is None:
            return False
        sql, args = "SELECT count(*) FROM cards WHERE participant_id = ?", [participant_id]
        if before is not None:
            sql, args = sql + " AND id < ?", [participant_id, before]
        return int(self.conn.execute(sql, args).fetchone()[0]) >= CARDS_PER_EMPLOYER

    @writes
    def set_shift(self, card_id: int, shift: str) -> None:
        """Mark a position as disappearing or transforming ("" clears the mark)."""
        if shift and shift not in SHIFTS:
            raise DomainError(f"Unknown mark {shift!r}; use one of: {', '.join(SHIFTS)}.")
        card = self._top_card(card_id)
        if card.shift == shift:
            return
        what = SHIFTS[shift].lower() if shift else "no longer shifting"
        with self.action(f"Mark {_short(card.text)} {what}"):
            self.journal.update("cards", card.id, {"shift": shift})

    @writes
    def add_reason_text(self, card_id: int, text: str) -> str:
        """Add a reason in the employer's words; returns what was stored.

        Words that clearly name one of the protocol's reasons store that reason's key (so
        the tallies count it with the others); anything else is kept exactly as typed, as
        the employer's own definition of "critical". Already on the card: nothing changes.
        """
        _text(text, "A reason")
        card = self._top_card(card_id)
        known = match_reason(text, self.protocol().reasons)
        value = known.key if known else text.strip()
        if value in card.reasons:
            return value
        name = known.label if known else value
        with self.action(f"Tag {_short(card.text)}: {_short(name)}"):
            reasons = [*card.reasons, value]
            self.journal.update(
                "cards", card.id, {"reasons": json.dumps(reasons, ensure_ascii=False)}
            )
        return value

    @writes
    def delete_card(self, card_id: int) -> None:
        """Delete a card (a stack with all its members); competencies move to its category."""
        card = self.card(card_id)
        with self.action(f"Delete card {_short(card.text)}"):
            for comp_id in self._competencies_of([c.id for c in card.all_cards]):
                self.journal.update(
                    "competencies", comp_id, {"card_id": None, "category_id": card.category_id}
                )
            self._drop_links_of(c.id for c in card.all_cards)  # before the card: undo order
            for member in card.members:
                self.journal.delete("cards", member.id)
            self.journal.delete("cards", card_id)

    @writes
    def move_card(self, card_id: int, category_id: int | None, level: str) -> None:
        """Put a card at the end of a place (a category and level, or the tray)."""
        card = self._top_card(card_id)
        category_id, level = self._valid_place(category_id, level)
        if (card.category_id, card.level) == (category_id, level):
            return
        where = (
            "Unsorted" if category_id is None else f"{self.category(category_id).name} / {level}"
        )
        with self.action(f"Move card {_short(card.text)} to {_short(where)}"):
            self.journal.update(
                "cards",
                card_id,
                {
                    "category_id": category_id,
                    "level": level,
                    "position": self._next_position(category_id, level),
                },
            )

    @writes
    def step_card_category(self, card_id: int, direction: int) -> None:
        card = self._top_card(card_id)
        place = wall_model.step_category(
            wall_model.place_of(card), self.categories(), direction, self.levels()
        )
        self.move_card(card_id, place.category_id, place.level)

    @writes
    def step_card_level(self, card_id: int, direction: int) -> None:
        card = self._top_card(card_id)
        place = wall_model.step_level(wall_model.place_of(card), direction, self.levels())
        self.move_card(card_id, place.category_id, place.level)

    @writes
    def reorder_card(self, card_id: int, direction: int) -> None:
        """Swap a card with its neighbour above (-1) or below (+1) in the same place."""
        card = self._top_card(card_id)
        if card.category_id is None:
            where, args = "category_id IS NULL", []
        else:
            where, args = "category_id = ? AND level = ?", [card.category_id, card.level]
        siblings = self.conn.execute(
            f"SELECT id, position FROM cards WHERE stack_id IS NULL AND {where} "
            "ORDER BY position, id",
            args,
        ).fetchall()
        index = [row_id for row_id, _ in siblings].index(card.id)
        other = index + direction
        if not 0 <= other < len(siblings):
            return
        with self.action(f"Reorder card {_short(card.text)}"):
            (a, a_pos), (b, b_pos) = siblings[index], siblings[other]
            if a_pos != b_pos:  # the usual case: swap two positions, log two rows
                self.journal.update("cards", a, {"position": b_pos})
                self.journal.update("cards", b, {"position": a_pos})
                return
            for i, (sibling, _) in enumerate(siblings):  # ties: renumber the place
                position = float(other if i == index else index if i == other else i)
                self.journal.update("cards", sibling, {"position": position})

    @writes
    def merge_cards(self, lead_id: int, other_ids: Iterable[int]) -> None:
        """Stack cards naming the same occupation under `lead_id`; each wording is kept."""
        lead = self._top_card(lead_id)
        lead_id = lead.id  # a stack member stands for its stack: never stack onto a member
        tops = {c.id: c for c in (self._top_card(i) for i in dict.fromkeys(other_ids))}
        others = [c for c in tops.values() if c.id != lead_id]  # already in the stack: skip
        if not others:
            raise DomainError("Mark at least two cards to merge.")
        with self.action(f"Merge {len(others) + 1} cards into {_short(lead.text)}"):
            for other in others:
                for member in other.members:
                    self.journal.update("cards", member.id, {"stack_id": lead_id})
                self.journal.update("cards", other.id, {"stack_id": lead_id})
                # Competencies follow their card into the stack: links always name a lead.
                merged = [c.id for c in other.all_cards]
                for comp_id in self._competencies_of(merged):
                    self.journal.update("competencies", comp_id, {"card_id": lead_id})
            self._move_links_to(lead_id, (c.id for o in others for c in o.all_cards))
            hands = max([lead.hands, *(o.hands for o in others)])
            taken = int(any(c.hands_taken for c in (lead, *others)))
            # The stack is shortlisted where its best-placed card was, once, on the lead.
            places = [c.shortlist_place for c in (lead, *others) if c.on_shortlist]
            self.journal.update(
                "cards",
                lead_id,
                {"hands": hands, "hands_taken": taken, "shortlist": min(places, default=0.0)},
            )
            for other in others:
                for card in other.all_cards:
                    if card.shortlist:
                        self.journal.update("cards", card.id, {"shortlist": 0.0})
            if len(places) > 1:  # two shortlisted stacks became one: close the gap
                self._renumber(self.shortlist())

    @writes
    def unmerge_card(self, card_id: int) -> None:
        """Take one employer's card back out of its stack, next to it on the wall."""
        row = self.journal.row("cards", card_id)
        if row is None:
            raise DomainError("That card is no longer on the wall.")
        if row["stack_id"] is None:
            raise DomainError("That card is not part of a merged stack.")
        lead = self.card(row["stack_id"])
        with self.action(f"Split {_short(row['text'])} from {_short(lead.text)}"):
            self._release(card_id, lead)

    @writes
    def split_stack(self, lead_id: int) -> None:
        """Split a stack back into every employer's own card."""
        lead = self.card(lead_id)
        if not lead.members:
            raise DomainError("That card is not a merged stack.")
        with self.action(f"Split stack {_short(lead.text)}"):
            for member in lead.members:
                self._release(member.id, lead)

    def _release(self, card_id: int, lead: Card) -> None:
        self.journal.update(
            "cards",
            card_id,
            {
                "stack_id": None,
                "category_id": lead.category_id,
                "level": lead.level,
                "position": self._next_position(lead.category_id, lead.level),
            },
        )

    @writes
    def toggle_reason(self, card_id: int, reason: str) -> bool:
        """Add or remove a why-critical reason on a card; returns whether it is now set."""
        _text(reason, "A reason")
        card = self._top_card(card_id)
        label = self.protocol().reason(reason)
        name = label.label if label else reason
        reasons = list(card.reasons)
        on = reason not in reasons
        reasons = [*reasons, reason] if on else [r for r in reasons if r != reason]
        verb = "Tag" if on else "Untag"
        with self.action(f"{verb} {_short(card.text)}: {_short(name)}"):
            self.journal.update(
                "cards", card.id, {"reasons": json.dumps(reasons, ensure_ascii=False)}
            )
        return on

    @writes
    def set_hands(self, card_id: int, hands: int) -> None:
        if not isinstance(hands, int) or not 0 <= hands <= MAX_HANDS:
            raise DomainError(f"A show of hands is a whole number from 0 to {MAX_HANDS:,}.")
        card = self._top_card(card_id)
        with self.action(f"Show of hands for {_short(card.text)}: {hands}"):
            self.journal.update("cards", card.id, {"hands": hands, "hands_taken": 1})

    @writes
    def set_soc(
        self, card_id: int, *, soc_code: str, onet_code: str = "", soc_title: str = ""
    ) -> None:
        """Store the crosswalk (SOC and O*NET codes) on a card or merged stack."""
        card = self._top_card(card_id)
        label = f"{soc_code} {soc_title}".strip() or "none"
        with self.action(f"Crosswalk {_short(card.text)} to {_short(label)}"):
            self.journal.update(
                "cards",
                card.id,
                {"soc_code": soc_code, "onet_code": onet_code, "soc_title": soc_title},
            )

    def _competencies_of(self, card_ids: list[int]) -> list[int]:
        marks = ", ".join("?" for _ in card_ids)
        sql = f"SELECT id FROM competencies WHERE card_id IN ({marks}) ORDER BY id"
        return [row_id for (row_id,) in self.conn.execute(sql, card_ids).fetchall()]

    def _top_card(self, card_id: int) -> Card:
        card = self.card(card_id)
        if card.stack_id is not None:
            return self.card(card.stack_id)
        return card

    def _valid_place(self, category_id: int | None, level: str) -> tuple[int | None, str]:
        if category_id is None:
            return None, UNSORTED
        self.category(category_id)
        levels = self.levels()
        if level == UNSORTED:
            level = levels[0]
        if level not in levels:
            raise DomainError(f"Unknown level {level!r}; use one of {', '.join(levels)}.")
        return category_id, level

    def _next_position(self, category_id: int | None, level: str) -> float:
        if category_id is None:
            # With the level, the (category_id, level, position) index answers at once; without
            # it SQLite scanned every unsorted card, so an import grew with the square of rows.
            sql = "SELECT max(position) FROM cards WHERE category_id IS NULL AND level = ?"
            args: list[object] = [UNSORTED]
        else:
            sql = "SELECT max(position) FROM cards WHERE category_id = ? AND level = ?"
            args = [category_id, level]
        top = self.conn.execute(sql, args).fetchone()[0]
        return 0.0 if top is None else float(top) + 1

    def _next(self, table: str) -> float:
        top = self.conn.execute(f"SELECT max(position) FROM {table}").fetchone()[0]
        return 0.0 if top is None else float(top) + 1
