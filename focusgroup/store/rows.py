"""Rows to domain objects: columns map to fields by name, JSON lists become tuples, 0/1 bools."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any, TypeVar

from focusgroup.domain.model import (
    Card,
    CardLink,
    Category,
    Commitment,
    Competency,
    Note,
    Participant,
    Projection,
    Send,
    Session,
    Takeaway,
)

Row = dict[str, Any]
T = TypeVar("T")

LIST_COLUMNS = frozenset({"reasons", "card_ids", "tags"})
"""Stored as JSON text."""
BOOL_COLUMNS = frozenset(
    {"anonymous", "consent", "third_card", "lacking", "hands_taken", "attended"}
)
"""Stored as 0/1."""


def _list(raw: str) -> tuple[Any, ...]:
    # Most cards have no reasons yet; skipping the JSON parser for them halves load time.
    return () if raw == "[]" else tuple(json.loads(raw))


_COLUMNS: dict[type[Any], tuple[tuple[str, str], ...]] = {}


def _columns(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """(field, kind) for each of a dataclass's fields that is stored as a column (cached)."""
    found = _COLUMNS.get(cls)
    if found is None:
        stored = [f.name for f in fields(cls) if f.name != "members"]
        found = _COLUMNS[cls] = tuple(
            (name, "list" if name in LIST_COLUMNS else "bool" if name in BOOL_COLUMNS else "")
            for name in stored
        )
    return found


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


def card_link(row: Row) -> CardLink:
    return _build(CardLink, row)


def projection(row: Row) -> Projection:
    return _build(Projection, row)


def competency(row: Row) -> Competency:
    return _build(Competency, row)


def note(row: Row) -> Note:
    return _build(Note, row)


def commitment(row: Row) -> Commitment:
    return _build(Commitment, row)


def send(row: Row) -> Send:
    return _build(Send, row)


def takeaway(row: Row) -> Takeaway:
    return _build(Takeaway, row)


class CardReader:
    """Builds the wall's cards from raw rows, reusing the Card for a row that hasn't changed.

    The wall reads every card after each action; building every frozen dataclass again each
    time was a visible share of a keypress on a big wall. A row is cached by its raw values,
    so any change to it (by either seat) builds a new Card, and rows gone from the file are
    dropped.
    """

    def __init__(self) -> None:
        self._built: dict[tuple[Any, ...], Card] = {}

    def read(self, names: list[str], raws: list[tuple[Any, ...]]) -> list[Card]:
        """Top-level cards in the rows' order, each with its members (sorted by id)."""
        built: dict[tuple[Any, ...], Card] = {}
        cached = self._built.get
        card_id, stack_id = names.index("id"), names.index("stack_id")
        members: dict[int, list[tuple[Any, ...]]] = {}
        for raw in raws:
            if raw[stack_id] is not None:
                members.setdefault(raw[stack_id], []).append(raw)

        def build(raw: tuple[Any, ...], key: tuple[Any, ...], inner: tuple[Card, ...]) -> Card:
            found = cached(key)
            if found is None:
                found = card(dict(zip(names, raw, strict=True)), inner)
            built[key] = found
            return found

        leads = []
        for raw in raws:
            if raw[stack_id] is not None:
                continue
            inner_raws = sorted(members.get(raw[card_id], ()), key=lambda r: r[card_id])
            inner = tuple(build(r, r, ()) for r in inner_raws)
            leads.append(build(raw, (raw, *inner_raws) if inner_raws else raw, inner))
        self._built = built
        return leads
