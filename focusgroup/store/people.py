"""Participants and category cards."""

from __future__ import annotations

from typing import Any

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import (
    UNSORTED,
    Category,
    Participant,
    QuoteAs,
    Role,
)
from focusgroup.store import rows
from focusgroup.store.base import (
    StoreBase,
    _name,
    _one_line,
    _quote_as,
    _role,
    _short,
    _text,
    writes,
)


class PeopleOps(StoreBase):
    # -- participants -----------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        return [rows.participant(r) for r in self.journal.rows("participants")]

    def participant(self, participant_id: int) -> Participant:
        row = self.journal.row("participants", participant_id)
        if row is None:
            raise DomainError("That participant is no longer in the session.")
        return rows.participant(row)

    @writes
    def add_participant(
        self,
        name: str,
        organization: str = "",
        role: str = Role.EMPLOYER.value,
        email: str = "",
        consent: bool | None = None,
        quote_as: str = QuoteAs.NAMED.value,
        title: str = "",
    ) -> int:
        _name(name, "A participant's name")
        _one_line(organization, "An organization's name")
        _one_line(title, "A job title")
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
                    "title": title,
                },
            )

    @writes
    def update_participant(self, participant_id: int, **fields: Any) -> None:
        current = self.participant(participant_id)
        if "name" in fields:
            _name(fields["name"], "A participant's name")
        if "organization" in fields:
            _one_line(fields["organization"], "An organization's name")
        if "title" in fields:
            _one_line(fields["title"], "A job title")
        if "role" in fields:
            fields["role"] = _role(fields["role"])
        if "quote_as" in fields:
            _quote_as(fields["quote_as"])
        if "consent" in fields:
            fields["consent"] = int(bool(fields["consent"]))
        with self.action(f"Edit participant {_short(current.name)}"):
            self.journal.update("participants", participant_id, fields)

    def attendees(self) -> list[Participant]:
        """Who was in the room: marked present, or gave a card, note, competency or commitment."""
        spoke = {
            pid
            for table in ("cards", "notes", "competencies", "commitments")
            for (pid,) in self.conn.execute(
                f"SELECT DISTINCT participant_id FROM {table} WHERE participant_id IS NOT NULL"
            ).fetchall()
        }
        return [p for p in self.participants() if p.attended or p.id in spoke]

    @writes
    def set_attended(self, participant_id: int, attended: bool) -> None:
        """Mark someone present or absent. Someone who turned in a card was there."""
        current = self.participant(participant_id)
        if (
            not attended
            and self.conn.execute(
                "SELECT 1 FROM cards WHERE participant_id = ? LIMIT 1", [participant_id]
            ).fetchone()
        ):
            raise DomainError(f"{current.name} turned in a card, so was in the room.")
        if current.attended == attended:
            return
        verb = "present" if attended else "absent"
        with self.action(f"Mark {_short(current.name)} {verb}"):
            self.journal.update("participants", participant_id, {"attended": int(attended)})

    @writes
    def remove_participant(self, participant_id: int) -> None:
        """Remove a participant; their cards and notes stay, unattributed."""
        current = self.participant(participant_id)
        with self.action(f"Remove participant {_short(current.name)}"):
            for table in ("cards", "competencies", "notes", "commitments", "referrals"):
                for (row_id,) in self.conn.execute(
                    f"SELECT id FROM {table} WHERE participant_id = ?", [participant_id]
                ).fetchall():
                    self.journal.update(table, row_id, {"participant_id": None})
            self.journal.delete("participants", participant_id)

    # -- categories -------------------------------------------------------------------------

    def categories(self) -> list[Category]:
        return [rows.category(r) for r in self.journal.rows("categories", order_by="position, id")]

    def first_category_names(self) -> dict[int, str]:
        """Each category's name as it was added (id -> name), from the event log: a column
        renamed later is still known by what it started as (a round's path columns)."""
        rows = self.conn.execute(
            "SELECT json_extract(c.value, '$[1]'), json_extract(c.value, '$[3].name') "
            "FROM events AS e, json_each(e.changes) AS c "
            "WHERE json_extract(c.value, '$[0]') = 'categories' "
            "AND json_type(c.value, '$[2]') = 'null' AND json_type(c.value, '$[3]') = 'object' "
            "ORDER BY e.id, c.key"
        ).fetchall()
        names: dict[int, str] = {}
        for row_id, name in rows:
            names.setdefault(int(row_id), str(name or ""))
        return names

    def category(self, category_id: int) -> Category:
        row = self.journal.row("categories", category_id)
        if row is None:
            raise DomainError("That category is no longer on the wall.")
        return rows.category(row)

    @writes
    def add_category(self, name: str, colour: str = "") -> int:
        _text(name, "A category name")
        with self.action(f"Add category {_short(name)}"):
            return self.journal.insert(
                "categories", {"name": name, "colour": colour, "position": self._next("categories")}
            )

    @writes
    def rename_category(self, category_id: int, name: str) -> None:
        _text(name, "A category name")
        old = self.category(category_id)
        with self.action(f"Rename category {_short(old.name)} to {_short(name)}"):
            self.journal.update("categories", category_id, {"name": name})

    @writes
    def recolour_category(self, category_id: int, colour: str) -> None:
        old = self.category(category_id)
        with self.action(f"Recolour category {_short(old.name)}"):
            self.journal.update("categories", category_id, {"colour": colour})

    @writes
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

    def empty_categories(self) -> list[Category]:
        """Categories with no card and no competency under them."""
        used = {
            cid
            for table in ("cards", "competencies")
            for (cid,) in self.conn.execute(
                f"SELECT DISTINCT category_id FROM {table} WHERE category_id IS NOT NULL"
            ).fetchall()
        }
        return [c for c in self.categories() if c.id not in used]

    @writes
    def remove_empty_categories(self) -> int:
        """Remove every category nothing is under, as one undoable action; returns how many."""
        empty = self.empty_categories()
        if not empty:
            return 0
        noun = "category" if len(empty) == 1 else "categories"
        with self.action(f"Remove {len(empty)} empty {noun}"):
            for category in empty:
                self.journal.delete("categories", category.id)
        return len(empty)

    @writes
    def remove_category(self, category_id: int) -> None:
        """Remove a category; its cards go back to Unsorted, its competencies stay unlinked."""
        old = self.category(category_id)
        with self.action(f"Remove category {_short(old.name)}"):
            tray = self._next_position(None, UNSORTED)
            for offset, (card_id,) in enumerate(
                self.conn.execute(
                    "SELECT id FROM cards WHERE category_id = ? ORDER BY position, id",
                    [category_id],
                ).fetchall()
            ):
                self.journal.update(
                    "cards",
                    card_id,
                    {"category_id": None, "level": UNSORTED, "position": tray + offset},
                )
            for (comp_id,) in self.conn.execute(
                "SELECT id FROM competencies WHERE category_id = ?", [category_id]
            ).fetchall():
                self.journal.update("competencies", comp_id, {"category_id": None})
            self.journal.delete("categories", category_id)
