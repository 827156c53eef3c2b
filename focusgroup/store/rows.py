"""Rows to domain objects: columns map to fields by name, JSON lists become tuples, 0/1 bools."""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from focusgroup.domain.model import (
    Card,
    Category,
    Commitment,
    Competency,
    Note,
    Participant,
    Send,
    Session,
)

Row = dict[str, Any]
T = TypeVar("T")

LIST_COLUMNS = frozenset({"reasons", "card_ids", "tags"})
"""Stored as JSON text."""
BOOL_COLUMNS = frozenset({"anonymous", "consent", "third_card", "lacking"})
"""Stored as 0/1."""


def _list(raw: str) -> tuple:
    # Most cards have no reasons yet; skipping the JSON parser for them halves load time.
    return () if raw == "[]" else tuple(json.loads(raw))


@cache
def _columns(cls: type) -> tuple[tuple[str, str], ...]:
    """(field, kind) for each of a dataclass's fields that is stored as a column."""
    stored = [f.name for f in fields(cls) if f.name != "members"]
    return tuple(
        (name, "list" if name in LIST_COLUMNS else "bool" if name in BOOL_COLUMNS else "")
        for name in stored
    )


def _build(cls: type[T], row: Row, **extra: Any) -> T:
    values: dict[str, Any] = {}
    for name, kind in _columns(cls):
        value = row[name]
        values[name] = _list(value) if kind == "list" else bool(value) if kind == "bool" else value
    return cls(**values, **extra)


def session(row: Row) -> Session:
    return _build(Session, row)


def participant(row: Row) -> Participant:
    return _build(Participant, row)


def category(row: Row) -> Category:
    return _build(Category, row)


def card(row: Row, members: tuple[Card, ...] = ()) -> Card:
    return _build(Card, row, members=members)


def competency(row: Row) -> Competency:
    return _build(Competency, row)


def note(row: Row) -> Note:
    return _build(Note, row)


def commitment(row: Row) -> Commitment:
    return _build(Commitment, row)


def send(row: Row) -> Send:
    return _build(Send, row)


def stack_cards(rows: list[Row]) -> list[Card]:
    """Top-level cards with their merged members attached, in position order."""
    members: dict[int, list[Card]] = {}
    for row in rows:
        if row["stack_id"] is not None:
            members.setdefault(row["stack_id"], []).append(card(row))
    return [
        card(row, tuple(sorted(members.get(row["id"], []), key=lambda c: c.id)))
        for row in rows
        if row["stack_id"] is None
    ]
