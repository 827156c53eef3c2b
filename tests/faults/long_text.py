"""A session with very long text in every field a user can type (issue 21).

reportlab raised LayoutError for a table cell taller than a page (a card of ~1,500
characters, a commitment of ~2,400, a quote of ~4,000). Every field here gets text far
longer than that, made of words so it wraps (one unbroken word only overflows sideways).
"""

from __future__ import annotations

from pathlib import Path

from focusgroup.protocol_files import find_protocol
from focusgroup.store.session_store import SessionStore

LONG = 10_000
"""Characters per field."""


def long_text(tag: str, length: int = LONG) -> str:
    """`length` characters of wrapping words, starting and ending with a findable tag."""
    head, tail = f"{tag}-start ", f" {tag}-end"
    filler = "lorem ipsum dolor sit amet consectetur adipiscing elit "
    body = (filler * (length // len(filler) + 1))[: length - len(head) - len(tail)]
    return f"{head}{body.strip().ljust(len(body), 'x')}{tail}"


def build_long_session(path: Path, length: int = LONG) -> Path:
    """Every user-typed field of a meeting, each `length` characters long."""
    protocol = find_protocol("critical-occupations")
    store = SessionStore.create(
        path,
        protocol,
        title=long_text("title", length),
        with_categories=False,
        sector=long_text("sector", length),
        region=long_text("region", length),
        date="2025-03-14",
        facilitator=long_text("facilitator", length),
        follow_up_url="https://example.org/" + "a" * 1900,  # the longest link a session takes
    )
    try:
        people = [
            store.add_participant(
                long_text(f"name{i}", length),
                long_text(f"org{i}", length),
                email=f"p{i}@example.org",
                quote_as=quote_as,
            )
            for i, quote_as in enumerate(("named", "organization", "anonymous"))
        ]
        reasons = [r.key for r in protocol.reasons]
        category = store.add_category(long_text("category", length))
        lead = store.add_card(
            long_text("card", length),
            people[0],
            category_id=category,
            level="entry",
            reasons=[*reasons[:2], long_text("ownreason", length)],
        )
        other = store.add_card(long_text("wording", length), people[1], reasons=[reasons[0]])
        store.merge_cards(lead, [other])
        store.set_soc(
            lead,
            soc_code="51-4041",
            onet_code="51-4041.00",
            soc_title=long_text("soctitle", length),
        )
        store.add_card(long_text("unsorted", length), people[2])
        for level, lacking in (("entry", True), ("mid", False)):
            store.add_competency(
                long_text(f"comp{level}", length),
                card_id=lead,
                ksa="skill",
                tier="occupation-specific",
                level=level,
                lacking=lacking,
                participant_id=people[0],
            )
        store.add_competency(long_text("generalcomp", length), ksa="knowledge", lacking=True)
        store.add_note(long_text("cardnote", length), card_ids=[lead], topic="why-critical")
        store.add_note(long_text("note", length), topic="shifting-needs")
        for i in range(3):
            store.add_note(
                long_text(f"quote{i}", length),
                kind="quote",
                participant_id=people[i],
                topic="why-critical",
            )
        store.add_commitment(
            long_text("offer", length),
            participant_id=people[0],
            owner=long_text("owner", length),
            detail=long_text("detail", length),
            due=long_text("due", length),
        )
    finally:
        store.close()
    return path
