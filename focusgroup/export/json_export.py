"""The whole session as JSON for other tools, and back into a snapshot.

Every domain object is written field for field (`dataclasses.asdict`), merged cards nested
under their stack's lead as `members`, the protocol as its original YAML, plus two derived
views other tools usually want (the ranking and the category x level grid). `read_json`
rebuilds an equal `SessionSnapshot`, so a JSON file can be exported again to PDF or profiles.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from focusgroup.domain import wall as wall_model
from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.model import (
    Card,
    CardLink,
    Category,
    Commitment,
    Competency,
    Note,
    Participant,
    Projection,
    Session,
    Takeaway,
)
from focusgroup.export.snapshot import SessionSnapshot

FORMAT = "focusgroup-session"
FORMAT_VERSION = 1


def to_json(snap: SessionSnapshot) -> dict[str, Any]:
    wall = wall_model.build_wall(snap.categories, snap.cards, snap.levels)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "anonymous": snap.anonymous,
        "session": asdict(snap.session),
        "protocol": {
            "id": snap.protocol.id,
            "title": snap.protocol.title,
            "levels": [asdict(lv) for lv in snap.protocol.levels],
            "reasons": [asdict(r) for r in snap.protocol.reasons],
            "tiers": [asdict(t) for t in snap.protocol.tiers],
            "topics": [asdict(t) for t in snap.protocol.topics],
            "yaml": snap.protocol.source_text,
        },
        "participants": [asdict(p) for p in snap.participants],
        "categories": [asdict(c) for c in snap.categories],
        "cards": [_card(c, snap) for c in snap.cards],
        "competencies": [asdict(c) for c in snap.competencies],
        "notes": [asdict(n) for n in snap.notes],
        "commitments": [asdict(c) for c in snap.commitments],
        "original_texts": {str(k): v for k, v in snap.original_texts.items()},
        "takeaways": [asdict(t) for t in snap.takeaways],
        # "Advances to": people in card_id's job move up into to_card_id's (career pathways).
        "links": [_link(link, snap) for link in snap.links],
        "projections": [asdict(p) for p in snap.projections],
        "ranking": [
            {
                "card_id": r.card.id,
                "text": r.card.text,
                "employers": r.employers,
                "cards": r.card.count,
                "reasons": r.reasons,
                "hands": r.hands,
            }
            for r in snap.ranking()  # numbered as the summary numbers them
        ],
        "shortlist": [
            {"place": i, "card_id": c.id, "text": c.text}
            for i, c in enumerate(
                sorted((c for c in snap.cards if c.on_shortlist), key=lambda c: c.shortlist_place),
                start=1,
            )
        ],
        "wall": [
            {
                "category_id": cat.id,
                "category": cat.name,
                "level": level,
                "card_ids": [c.id for c in wall.cell(cat.id, level)],
            }
            for cat in wall.categories
            for level in wall.levels
        ],
    }


def _link(link: CardLink, snap: SessionSnapshot) -> dict[str, Any]:
    texts = {c.id: c.text for c in snap.cards}
    return {
        **asdict(link),
        "from": texts.get(link.card_id, ""),
        "to": texts.get(link.to_card_id, ""),
    }


def _card(card: Card, snap: SessionSnapshot) -> dict[str, Any]:
    data = {f.name: getattr(card, f.name) for f in fields(card) if f.name != "members"}
    data["reasons"] = list(card.reasons)
    data["count"] = card.count
    data["employers"] = snap.employers_of(card)
    data["wordings"] = list(card.wordings)
    data["members"] = [_card(m, snap) for m in card.members]
    return data


def write_json(snap: SessionSnapshot, path: Path) -> Path:
    path.write_text(json.dumps(to_json(snap), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


def read_json(path: str | Path) -> SessionSnapshot:
    """Rebuild a snapshot from `write_json` output."""
    from focusgroup.domain.protocol_schema import parse_protocol

    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != FORMAT:
            raise FocusGroupError(f"{path} is not a focusgroup session export.")
        return SessionSnapshot(
            session=_build(Session, data["session"]),
            protocol=parse_protocol(data["protocol"]["yaml"], f"{path} (protocol)"),
            participants=tuple(_build(Participant, p) for p in data["participants"]),
            categories=tuple(_build(Category, c) for c in data["categories"]),
            cards=tuple(_build_card(c) for c in data["cards"]),
            competencies=tuple(_build(Competency, c) for c in data["competencies"]),
            notes=tuple(_build(Note, n) for n in data["notes"]),
            commitments=tuple(_build(Commitment, c) for c in data["commitments"]),
            takeaways=tuple(_build(Takeaway, t) for t in data.get("takeaways", ())),
            original_texts={int(k): v for k, v in data.get("original_texts", {}).items()},
            anonymous=bool(data.get("anonymous", False)),
            links=tuple(_build(CardLink, x) for x in data.get("links", ())),
            projections=tuple(_build(Projection, x) for x in data.get("projections", ())),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise FocusGroupError(f"Can't read {path} as a session export: {error}") from None


def _build(cls: type, data: dict[str, Any]) -> Any:
    values = {}
    for f in fields(cls):
        if f.name in data:
            value = data[f.name]
            values[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


def _build_card(data: dict[str, Any]) -> Card:
    card: Card = _build(Card, {k: v for k, v in data.items() if k != "members"})
    members = tuple(_build_card(m) for m in data.get("members", ()))
    from dataclasses import replace

    return replace(card, members=members)
