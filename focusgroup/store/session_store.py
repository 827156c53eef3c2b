"""SessionStore: every read and write of one meeting's session file.

Each public write method is one user action: one transaction, durable when it returns,
logged with who did it so it can be undone. Reads return frozen domain objects.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from focusgroup.domain import wall as wall_model
from focusgroup.domain.errors import DomainError, SessionFileError
from focusgroup.domain.model import (
    UNSORTED,
    Card,
    Category,
    Commitment,
    Competency,
    Event,
    Note,
    Participant,
    QuoteAs,
    Role,
    Send,
    Session,
)
from focusgroup.domain.protocol import Protocol
from focusgroup.store import rows
from focusgroup.store.connection import create_database, open_database
from focusgroup.store.journal import Journal, now

T = TypeVar("T")

SESSION_FIELDS = (
    "title",
    "sector",
    "region",
    "date",
    "facilitator",
    "follow_up_url",
    "anonymous",
    "source_profile",
)


def _text(value: str, what: str) -> str:
    """User text is stored exactly as typed; only an empty one is refused."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError(f"{what} can't be empty.")
    return value


def _short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


class SessionStore:
    """One open session file, used by one seat (`actor`)."""

    def __init__(self, path: Path, db: Any, actor: str) -> None:
        self.path = path
        self.db = db
        self.journal = Journal(db, actor)
        self._protocol: Protocol | None = None

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, actor: str = "cli") -> SessionStore:
        path = Path(path)
        db = open_database(path)
        store = cls(path, db, actor)
        if store.db.execute("SELECT count(*) FROM sessions").fetchone()[0] != 1:
            db.close()
            raise SessionFileError(f"{path} has no meeting in it; it may be damaged.")
        return store

    @classmethod
    def create(
        cls,
        path: str | Path,
        protocol: Protocol,
        *,
        title: str,
        actor: str = "cli",
        with_categories: bool = True,
        **details: Any,
    ) -> SessionStore:
        path = Path(path)
        _text(title, "The session title")
        unknown = set(details) - set(SESSION_FIELDS)
        if unknown:
            raise DomainError(f"Unknown session details: {', '.join(sorted(unknown))}.")
        db = create_database(path)
        store = cls(path, db, actor)
        try:
            with store.journal.action("Create session", undoable=False):
                store.journal.insert(
                    "sessions",
                    {
                        "id": 1,
                        "title": title,
                        "protocol_id": protocol.id,
                        "protocol_yaml": protocol.source_text,
                        "created_at": now(),
                        **{k: v for k, v in details.items() if v is not None},
                    },
                )
                if with_categories:
                    for index, seed in enumerate(protocol.categories):
                        store.journal.insert(
                            "categories",
                            {"name": seed.name, "colour": seed.colour, "position": float(index)},
                        )
        except BaseException:
            db.close()
            path.unlink(missing_ok=True)
            raise
        store._protocol = protocol
        return store

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass  # the other seat may hold the file; the WAL is still durable
        self.db.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def actor(self) -> str:
        return self.journal.actor

    def action(self, description: str, *, undoable: bool = True) -> Any:
        """Group several writes (e.g. an import) into one undoable action."""
        return self.journal.action(description, undoable=undoable)

    # -- change feed ----------------------------------------------------------------------

    def data_version(self) -> int:
        """Changes when another connection commits; a cheap poll (microseconds)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def events_since(self, event_id: int = 0) -> list[Event]:
        return self.journal.events_since(event_id)

    def last_event_id(self) -> int:
        return self.journal.last_event_id()

    # -- session ----------------------------------------------------------------------------

    def session(self) -> Session:
        return rows.session(self.journal.row("sessions", 1) or {})

    def protocol(self) -> Protocol:
        """The protocol this session was created with (its stored copy)."""
        if self._protocol is None:
            from focusgroup.domain.protocol_loader import parse_protocol

            row = self.journal.row("sessions", 1) or {}
            self._protocol = parse_protocol(row["protocol_yaml"], f"{self.path} (stored protocol)")
        return self._protocol

    def levels(self) -> tuple[str, ...]:
        return self.protocol().level_keys()

    def update_session(self, **fields: Any) -> None:
        unknown = set(fields) - set(SESSION_FIELDS)
        if unknown:
            raise DomainError(f"Unknown session details: {', '.join(sorted(unknown))}.")
        if "title" in fields:
            _text(fields["title"], "The session title")
        if "anonymous" in fields:
            fields["anonymous"] = int(bool(fields["anonymous"]))
        with self.action("Edit session details"):
            self.journal.update("sessions", 1, fields)

    def set_step(self, index: int) -> None:
        steps = self.protocol().steps
        index = max(0, min(len(steps) - 1, index))
        with self.action(f"Go to step {index + 1}: {steps[index].title}", undoable=False):
            self.journal.update("sessions", 1, {"current_step": index})

    # -- participants -----------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        return [rows.participant(r) for r in self.db["participants"].rows_where(order_by="id")]

    def participant(self, participant_id: int) -> Participant:
        row = self.journal.row("participants", participant_id)
        if row is None:
            raise DomainError("That participant is no longer in the session.")
        return rows.participant(row)

    def add_participant(
        self,
        name: str,
        organization: str = "",
        role: str = Role.EMPLOYER.value,
        email: str = "",
        consent: bool | None = None,
        quote_as: str = QuoteAs.NAMED.value,
    ) -> int:
        _text(name, "A participant's name")
        role = _role(role)
        _quote_as(quote_as)
        # Giving an e-mail address at registration is taken as consent to get the summary.
        consent = bool(email.strip()) if consent is None else consent
        with self.action(f"Add participant {_short(name)}"):
            return self.journal.insert(
                "participants",
                {
                    "name": name,
                    "organization": organization,
                    "role": role,
                    "email": email.strip(),
                    "consent": int(consent),
                    "quote_as": quote_as,
                },
            )

    def update_participant(self, participant_id: int, **fields: Any) -> None:
        current = self.participant(participant_id)
        if "name" in fields:
            _text(fields["name"], "A participant's name")
        if "role" in fields:
            fields["role"] = _role(fields["role"])
        if "quote_as" in fields:
            _quote_as(fields["quote_as"])
        if "consent" in fields:
            fields["consent"] = int(bool(fields["consent"]))
        with self.action(f"Edit participant {_short(current.name)}"):
            self.journal.update("participants", participant_id, fields)

    def remove_participant(self, participant_id: int) -> None:
        """Remove a participant; their cards and notes stay, unattributed."""
        current = self.participant(participant_id)
        with self.action(f"Remove participant {_short(current.name)}"):
            for table in ("cards", "competencies", "notes", "commitments"):
                for (row_id,) in self.db.execute(
                    f"SELECT id FROM {table} WHERE participant_id = ?", [participant_id]
                ).fetchall():
                    self.journal.update(table, row_id, {"participant_id": None})
            self.journal.delete("participants", participant_id)

    # -- categories -------------------------------------------------------------------------

    def categories(self) -> list[Category]:
        return [rows.category(r) for r in self.db["categories"].rows_where(order_by="position, id")]

    def category(self, category_id: int) -> Category:
        row = self.journal.row("categories", category_id)
        if row is None:
            raise DomainError("That category is no longer on the wall.")
        return rows.category(row)

    def add_category(self, name: str, colour: str = "") -> int:
        _text(name, "A category name")
        with self.action(f"Add category {_short(name)}"):
            return self.journal.insert(
                "categories", {"name": name, "colour": colour, "position": self._next("categories")}
            )

    def rename_category(self, category_id: int, name: str) -> None:
        _text(name, "A category name")
        old = self.category(category_id)
        with self.action(f"Rename category {_short(old.name)} to {_short(name)}"):
            self.journal.update("categories", category_id, {"name": name})

    def recolour_category(self, category_id: int, colour: str) -> None:
        old = self.category(category_id)
        with self.action(f"Recolour category {_short(old.name)}"):
            self.journal.update("categories", category_id, {"colour": colour})

    def move_category(self, category_id: int, direction: int) -> None:
        """Swap a category with its neighbour to the left (-1) or right (+1)."""
        ordered = self.categories()
        index = next((i for i, c in enumerate(ordered) if c.id == category_id), None)
        if index is None:
            raise DomainError("That category is no longer on the wall.")
        other = index + direction
        if not 0 <= other < len(ordered):
            return
        with self.action(f"Move category {_short(ordered[index].name)}"):
            # Renumber so equal positions (from older files) can't make the swap a no-op.
            for i, cat in enumerate(ordered):
                position = float(other if i == index else index if i == other else i)
                self.journal.update("categories", cat.id, {"position": position})

    def remove_category(self, category_id: int) -> None:
        """Remove a category; its cards go back to Unsorted, its competencies stay unlinked."""
        old = self.category(category_id)
        with self.action(f"Remove category {_short(old.name)}"):
            tray = self._next_position(None, UNSORTED)
            for offset, (card_id,) in enumerate(
                self.db.execute(
                    "SELECT id FROM cards WHERE category_id = ? ORDER BY position, id",
                    [category_id],
                ).fetchall()
            ):
                self.journal.update(
                    "cards",
                    card_id,
                    {"category_id": None, "level": UNSORTED, "position": tray + offset},
                )
            for (comp_id,) in self.db.execute(
                "SELECT id FROM competencies WHERE category_id = ?", [category_id]
            ).fetchall():
                self.journal.update("competencies", comp_id, {"category_id": None})
            self.journal.delete("categories", category_id)

    # -- cards ------------------------------------------------------------------------------

    def cards(self) -> list[Card]:
        """Top-level occupation cards (stacks carry their merged members)."""
        return rows.stack_cards(list(self.db["cards"].rows_where(order_by="position, id")))

    def card(self, card_id: int) -> Card:
        """A card; for a merged stack's lead, with its members."""
        row = self.journal.row("cards", card_id)
        if row is None:
            raise DomainError("That card is no longer on the wall.")
        members = tuple(
            rows.card(r)
            for r in self.db["cards"].rows_where("stack_id = ?", [card_id], order_by="id")
        )
        return rows.card(row, members)

    def wall(self) -> wall_model.Wall:
        return wall_model.build_wall(self.categories(), self.cards(), self.levels())

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
        if participant_id is not None:
            self.participant(participant_id)
        category_id, level = self._valid_place(category_id, level)
        session = self.session()
        step = session.current_step if step is None else step
        if third_card is None:
            current = self.protocol().step(step)
            third_card = bool(current and current.third_card)
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

    def edit_card(self, card_id: int, text: str) -> None:
        _text(text, "A card")
        old = self.card(card_id)
        with self.action(f"Reword card {_short(old.text)}"):
            self.journal.update("cards", card_id, {"text": text})

    def delete_card(self, card_id: int) -> None:
        """Delete a card (a stack with all its members); competencies move to its category."""
        card = self.card(card_id)
        with self.action(f"Delete card {_short(card.text)}"):
            for (comp_id,) in self.db.execute(
                "SELECT id FROM competencies WHERE card_id = ?", [card_id]
            ).fetchall():
                self.journal.update(
                    "competencies", comp_id, {"card_id": None, "category_id": card.category_id}
                )
            for member in card.members:
                self.journal.delete("cards", member.id)
            self.journal.delete("cards", card_id)

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

    def step_card_category(self, card_id: int, direction: int) -> None:
        card = self._top_card(card_id)
        place = wall_model.step_category(
            wall_model.place_of(card), self.categories(), direction, self.levels()
        )
        self.move_card(card_id, place.category_id, place.level)

    def step_card_level(self, card_id: int, direction: int) -> None:
        card = self._top_card(card_id)
        place = wall_model.step_level(wall_model.place_of(card), direction, self.levels())
        self.move_card(card_id, place.category_id, place.level)

    def reorder_card(self, card_id: int, direction: int) -> None:
        """Swap a card with its neighbour above (-1) or below (+1) in the same place."""
        card = self._top_card(card_id)
        if card.category_id is None:
            where, args = "category_id IS NULL", []
        else:
            where, args = "category_id = ? AND level = ?", [card.category_id, card.level]
        siblings = self.db.execute(
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
            hands = max([lead.hands, *(o.hands for o in others)])
            self.journal.update("cards", lead_id, {"hands": hands})

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
                "cards", card_id, {"reasons": json.dumps(reasons, ensure_ascii=False)}
            )
        return on

    def set_hands(self, card_id: int, hands: int) -> None:
        if not isinstance(hands, int) or hands < 0:
            raise DomainError("A show of hands is a whole number, 0 or more.")
        card = self._top_card(card_id)
        with self.action(f"Show of hands for {_short(card.text)}: {hands}"):
            self.journal.update("cards", card_id, {"hands": hands})

    def set_soc(
        self, card_id: int, *, soc_code: str, onet_code: str = "", soc_title: str = ""
    ) -> None:
        """Store the crosswalk (SOC and O*NET codes) on a card or merged stack."""
        card = self._top_card(card_id)
        label = f"{soc_code} {soc_title}".strip() or "none"
        with self.action(f"Crosswalk {_short(card.text)} to {_short(label)}"):
            self.journal.update(
                "cards",
                card_id,
                {"soc_code": soc_code, "onet_code": onet_code, "soc_title": soc_title},
            )

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
            sql, args = "SELECT max(position) FROM cards WHERE category_id IS NULL", []
        else:
            sql = "SELECT max(position) FROM cards WHERE category_id = ? AND level = ?"
            args = [category_id, level]
        top = self.db.execute(sql, args).fetchone()[0]
        return 0.0 if top is None else float(top) + 1

    def _next(self, table: str) -> float:
        top = self.db.execute(f"SELECT max(position) FROM {table}").fetchone()[0]
        return 0.0 if top is None else float(top) + 1

    # -- competencies, notes, commitments ------------------------------------------------------

    def competencies(self) -> list[Competency]:
        return [rows.competency(r) for r in self.db["competencies"].rows_where(order_by="id")]

    def add_competency(
        self,
        text: str,
        *,
        card_id: int | None = None,
        category_id: int | None = None,
        ksa: str = "",
        tier: str = "",
        level: str = "",
        lacking: bool = False,
        participant_id: int | None = None,
        step: int | None = None,
    ) -> int:
        _text(text, "A competency")
        if card_id is not None:
            card_id = self._top_card(card_id).id
        if category_id is not None:
            self.category(category_id)
        self._check_competency_fields(ksa, tier, level)
        step = self.session().current_step if step is None else step
        with self.action(f"Add competency {_short(text)}"):
            return self.journal.insert(
                "competencies",
                {
                    "text": text,
                    "card_id": card_id,
                    "category_id": category_id,
                    "ksa": ksa,
                    "tier": tier,
                    "level": level,
                    "lacking": int(lacking),
                    "participant_id": participant_id,
                    "step": step,
                    "created_at": now(),
                },
            )

    def update_competency(self, competency_id: int, **fields: Any) -> None:
        row = self._row_or_error("competencies", competency_id, "competency")
        if "text" in fields:
            _text(fields["text"], "A competency")
        self._check_competency_fields(
            fields.get("ksa", row["ksa"]),
            fields.get("tier", row["tier"]),
            fields.get("level", row["level"]),
        )
        if "lacking" in fields:
            fields["lacking"] = int(bool(fields["lacking"]))
        with self.action(f"Edit competency {_short(row['text'])}"):
            self.journal.update("competencies", competency_id, fields)

    def delete_competency(self, competency_id: int) -> None:
        row = self._row_or_error("competencies", competency_id, "competency")
        with self.action(f"Delete competency {_short(row['text'])}"):
            self.journal.delete("competencies", competency_id)

    def _check_competency_fields(self, ksa: str, tier: str, level: str) -> None:
        protocol = self.protocol()
        if ksa and ksa not in protocol.ksa_types:
            raise DomainError(f"Unknown type {ksa!r}; use one of {', '.join(protocol.ksa_types)}.")
        tiers = [t.key for t in protocol.tiers]
        if tier and tier not in tiers:
            raise DomainError(f"Unknown tier {tier!r}; use one of {', '.join(tiers)}.")
        if level and level not in protocol.level_keys():
            raise DomainError(
                f"Unknown level {level!r}; use one of {', '.join(protocol.level_keys())}."
            )

    def notes(self) -> list[Note]:
        return [rows.note(r) for r in self.db["notes"].rows_where(order_by="id")]

    def add_note(
        self,
        text: str,
        *,
        kind: str = "note",
        participant_id: int | None = None,
        step: int | None = None,
        card_ids: Sequence[int] = (),
        tags: Sequence[str] = (),
        topic: str = "",
        quote_as: str | None = None,
    ) -> int:
        _text(text, "A note")
        if kind not in ("note", "quote"):
            raise DomainError("A note is either a note or a quote.")
        if quote_as is None:
            quote_as = (
                self.participant(participant_id).quote_as
                if participant_id is not None
                else QuoteAs.ANONYMOUS.value
            )
        _quote_as(quote_as)
        step = self.session().current_step if step is None else step
        with self.action(f"Add {kind} {_short(text)}"):
            return self.journal.insert(
                "notes",
                {
                    "text": text,
                    "kind": kind,
                    "participant_id": participant_id,
                    "step": step,
                    "card_ids": json.dumps(list(dict.fromkeys(card_ids))),
                    "tags": json.dumps(list(dict.fromkeys(tags)), ensure_ascii=False),
                    "topic": topic,
                    "quote_as": quote_as,
                    "created_at": now(),
                },
            )

    def update_note(self, note_id: int, **fields: Any) -> None:
        row = self._row_or_error("notes", note_id, "note")
        if "text" in fields:
            _text(fields["text"], "A note")
        if "quote_as" in fields:
            _quote_as(fields["quote_as"])
        for key in ("card_ids", "tags"):
            if key in fields:
                fields[key] = json.dumps(list(dict.fromkeys(fields[key])), ensure_ascii=False)
        with self.action(f"Edit {row['kind']} {_short(row['text'])}"):
            self.journal.update("notes", note_id, fields)

    def delete_note(self, note_id: int) -> None:
        row = self._row_or_error("notes", note_id, "note")
        with self.action(f"Delete {row['kind']} {_short(row['text'])}"):
            self.journal.delete("notes", note_id)

    def commitments(self) -> list[Commitment]:
        return [rows.commitment(r) for r in self.db["commitments"].rows_where(order_by="id")]

    def add_commitment(
        self,
        offer: str,
        *,
        participant_id: int | None = None,
        detail: str = "",
        owner: str = "",
        due: str = "",
    ) -> int:
        _text(offer, "What was offered")
        with self.action(f"Add commitment {_short(offer)}"):
            return self.journal.insert(
                "commitments",
                {
                    "participant_id": participant_id,
                    "offer": offer,
                    "detail": detail,
                    "owner": owner,
                    "due": due,
                    "created_at": now(),
                },
            )

    def update_commitment(self, commitment_id: int, **fields: Any) -> None:
        row = self._row_or_error("commitments", commitment_id, "commitment")
        with self.action(f"Edit commitment {_short(row['offer'])}"):
            self.journal.update("commitments", commitment_id, fields)

    def delete_commitment(self, commitment_id: int) -> None:
        row = self._row_or_error("commitments", commitment_id, "commitment")
        with self.action(f"Delete commitment {_short(row['offer'])}"):
            self.journal.delete("commitments", commitment_id)

    def _row_or_error(self, table: str, row_id: int, what: str) -> dict[str, Any]:
        row = self.journal.row(table, row_id)
        if row is None:
            raise DomainError(f"That {what} is no longer in the session.")
        return row

    # -- undo / redo ---------------------------------------------------------------------------

    def undo(self) -> Event | None:
        """Undo this seat's last action; returns it, or None when there is nothing to undo."""
        return self.journal.undo()

    def redo(self) -> Event | None:
        return self.journal.redo()

    def can_undo(self) -> str | None:
        event = self.journal.undoable_event()
        return event.action if event else None

    def can_redo(self) -> str | None:
        event = self.journal.redoable_event()
        return event.action if event else None

    # -- e-mail log ----------------------------------------------------------------------------

    def sends(self) -> list[Send]:
        return [rows.send(r) for r in self.db["sends"].rows_where(order_by="id")]

    def record_send(
        self,
        *,
        participant_id: int | None,
        email: str,
        message_id: str,
        status: str,
        error: str = "",
    ) -> int:
        """Log one delivery attempt. Not an undoable action: mail once sent stays sent."""
        with self.action(f"E-mail {status}: {email}", undoable=False):
            return self.journal.insert(
                "sends",
                {
                    "participant_id": participant_id,
                    "email": email,
                    "at": now(),
                    "message_id": message_id,
                    "status": status,
                    "error": error,
                },
            )

    # -- backups -------------------------------------------------------------------------------

    def backup_to(self, destination: str | Path) -> Path:
        """A consistent copy of the live file, taken with SQLite's online backup API."""
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(str(destination))
        try:
            self.db.conn.backup(target)
        finally:
            target.close()
        return destination


def _role(role: str) -> str:
    try:
        return Role(role.strip().lower()).value
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise DomainError(f"Unknown role {role!r}; use one of: {allowed}.") from None


def _quote_as(value: str) -> None:
    if value not in {q.value for q in QuoteAs}:
        allowed = ", ".join(q.value for q in QuoteAs)
        raise DomainError(f"Unknown quoting choice {value!r}; use one of: {allowed}.")


def _under_write_lock(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def locked(self: SessionStore, *args: Any, **kwargs: Any) -> T:
        with self.journal.locked():
            return method(self, *args, **kwargs)

    return locked


# Every write method checks what it reads and then writes; both happen under one write lock,
# so the other seat can't change those rows in between (see Journal.locked). Listed here, not
# decorated one by one; tests/reliability/test_two_seats.py checks that no writer is missing.
WRITE_METHODS = (
    "update_session",
    "set_step",
    "add_participant",
    "update_participant",
    "remove_participant",
    "add_category",
    "rename_category",
    "recolour_category",
    "move_category",
    "remove_category",
    "add_card",
    "edit_card",
    "delete_card",
    "move_card",
    "step_card_category",
    "step_card_level",
    "reorder_card",
    "merge_cards",
    "unmerge_card",
    "split_stack",
    "toggle_reason",
    "set_hands",
    "set_soc",
    "add_competency",
    "update_competency",
    "delete_competency",
    "add_note",
    "update_note",
    "delete_note",
    "add_commitment",
    "update_commitment",
    "delete_commitment",
    "record_send",
)
for _name in WRITE_METHODS:
    setattr(SessionStore, _name, _under_write_lock(getattr(SessionStore, _name)))
