"""Rows to domain objects. JSON columns become tuples; 0/1 become bools."""

from __future__ import annotations

import json
from typing import Any

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


def _list(raw: str) -> tuple:
    # Most cards have no reasons yet; skipping the JSON parser for them halves load time.
    return () if raw == "[]" else tuple(json.loads(raw))


def session(row: Row) -> Session:
    return Session(
        title=row["title"],
        sector=row["sector"],
        region=row["region"],
        date=row["date"],
        protocol_id=row["protocol_id"],
        facilitator=row["facilitator"],
        follow_up_url=row["follow_up_url"],
        anonymous=bool(row["anonymous"]),
        current_step=row["current_step"],
        source_profile=row["source_profile"],
        created_at=row["created_at"],
    )


def participant(row: Row) -> Participant:
    return Participant(
        id=row["id"],
        name=row["name"],
        organization=row["organization"],
        role=row["role"],
        email=row["email"],
        consent=bool(row["consent"]),
        quote_as=row["quote_as"],
    )


def category(row: Row) -> Category:
    return Category(id=row["id"], name=row["name"], colour=row["colour"], position=row["position"])


def card(row: Row, members: tuple[Card, ...] = ()) -> Card:
    return Card(
        id=row["id"],
        text=row["text"],
        participant_id=row["participant_id"],
        category_id=row["category_id"],
        level=row["level"],
        position=row["position"],
        reasons=_list(row["reasons"]),
        third_card=bool(row["third_card"]),
        step=row["step"],
        soc_code=row["soc_code"],
        onet_code=row["onet_code"],
        soc_title=row["soc_title"],
        hands=row["hands"],
        stack_id=row["stack_id"],
        created_at=row["created_at"],
        members=members,
    )


def competency(row: Row) -> Competency:
    return Competency(
        id=row["id"],
        text=row["text"],
        card_id=row["card_id"],
        category_id=row["category_id"],
        ksa=row["ksa"],
        tier=row["tier"],
        level=row["level"],
        lacking=bool(row["lacking"]),
        participant_id=row["participant_id"],
        step=row["step"],
        created_at=row["created_at"],
    )


def note(row: Row) -> Note:
    return Note(
        id=row["id"],
        text=row["text"],
        kind=row["kind"],
        participant_id=row["participant_id"],
        step=row["step"],
        card_ids=_list(row["card_ids"]),
        tags=_list(row["tags"]),
        topic=row["topic"],
        quote_as=row["quote_as"],
        created_at=row["created_at"],
    )


def commitment(row: Row) -> Commitment:
    return Commitment(
        id=row["id"],
        participant_id=row["participant_id"],
        offer=row["offer"],
        detail=row["detail"],
        owner=row["owner"],
        due=row["due"],
        created_at=row["created_at"],
    )


def send(row: Row) -> Send:
    return Send(
        id=row["id"],
        participant_id=row["participant_id"],
        email=row["email"],
        at=row["at"],
        message_id=row["message_id"],
        status=row["status"],
        error=row["error"],
    )


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
