"""The note-taker's records: competencies, notes and quotes, commitments."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import (
    Commitment,
    Competency,
    Note,
    QuoteAs,
)
from focusgroup.store import rows
from focusgroup.store.base import StoreBase, _quote_as, _short, _text, writes
from focusgroup.store.journal import now


class NoteOps(StoreBase):
    # -- competencies, notes, commitments ------------------------------------------------------

    def competencies(self) -> list[Competency]:
        return [rows.competency(r) for r in self.journal.rows("competencies")]

    @writes
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

    @writes
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

    @writes
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
        return [rows.note(r) for r in self.journal.rows("notes")]

    @writes
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

    @writes
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

    @writes
    def delete_note(self, note_id: int) -> None:
        row = self._row_or_error("notes", note_id, "note")
        with self.action(f"Delete {row['kind']} {_short(row['text'])}"):
            self.journal.delete("notes", note_id)

    def commitments(self) -> list[Commitment]:
        return [rows.commitment(r) for r in self.journal.rows("commitments")]

    @writes
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

    @writes
    def update_commitment(self, commitment_id: int, **fields: Any) -> None:
        row = self._row_or_error("commitments", commitment_id, "commitment")
        with self.action(f"Edit commitment {_short(row['offer'])}"):
            self.journal.update("commitments", commitment_id, fields)

    @writes
    def delete_commitment(self, commitment_id: int) -> None:
        row = self._row_or_error("commitments", commitment_id, "commitment")
        with self.action(f"Delete commitment {_short(row['offer'])}"):
            self.journal.delete("commitments", commitment_id)
