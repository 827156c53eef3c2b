"""Builders every test area shares: a protocol written in code and plain domain objects."""

from __future__ import annotations

from focusgroup.domain.model import Card
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.protocol_schema import parse_protocol

TINY_PROTOCOL = """\
id: tiny
title: Tiny
purpose: A small protocol for tests, independent of the shipped ones.
levels:
  - {key: entry, label: Entry}
  - {key: mid, label: Mid}
  - {key: advanced, label: Advanced}
reasons:
  - {key: many, label: Need many, hotkey: "1"}
  - {key: hard, label: Hardest to fill, hotkey: "2"}
categories:
  - {name: Production, colour: blue}
  - {name: Office, colour: green}
card_kinds:
  - {key: occupation, label: Occupation, colour: yellow, symbol: "O"}
  - {key: category, label: Category, colour: orange, symbol: "#"}
  - {key: competency, label: Competency, colour: green, symbol: "+"}
tiers:
  - {key: workplace, label: Workplace, group: foundational}
  - {key: occupation-specific, label: Occupation-specific, group: technical}
topics:
  - {key: why-critical, label: Why critical, hotkey: "1"}
steps:
  - {title: Write cards, say: Write two., minutes: 5, collects: [occupation]}
  - {title: Third card, say: One more., minutes: 5, collects: [occupation], third_card: true}
"""


def tiny_protocol() -> Protocol:
    """A small protocol (two steps, two categories) stored like a real one."""
    return parse_protocol(TINY_PROTOCOL, "tiny.yaml")


def card(
    card_id: int,
    text: str,
    *,
    participant_id: int | None = None,
    category_id: int | None = None,
    level: str = "unsorted",
    reasons: tuple[str, ...] = (),
    hands: int = 0,
    hands_taken: bool | None = None,
    stack_id: int | None = None,
    members: tuple[Card, ...] = (),
    shortlist: float = 0.0,
) -> Card:
    """A card as the store would read it; each gets its own employer unless told otherwise."""
    return Card(
        id=card_id,
        text=text,
        participant_id=card_id if participant_id is None else participant_id,
        category_id=category_id,
        level=level,
        position=float(card_id),
        reasons=reasons,
        third_card=False,
        step=None,
        soc_code="",
        onet_code="",
        soc_title="",
        hands=hands,
        stack_id=stack_id,
        created_at="2025-03-14T09:00:00",
        # As the store reads it: a count means a show of hands was taken (issue 14).
        hands_taken=hands > 0 if hands_taken is None else hands_taken,
        shortlist=shortlist,
        members=members,
    )
