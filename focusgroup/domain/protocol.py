"""A protocol is the facilitation script a session follows: steps, levels, reasons, tiers.

Validating YAML is `protocol_schema`, reading files `focusgroup.protocol_files`; these are
the validated shapes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Level:
    key: str
    """Stored value, e.g. "entry"."""
    label: str
    """Shown to the room, e.g. "Entry level"."""


@dataclass(frozen=True)
class Reason:
    """A why-critical tag ("hardest to fill")."""

    key: str
    label: str
    hotkey: str
    """One character pressed on the wall to toggle it (digits 1-9 by default)."""


@dataclass(frozen=True)
class CategorySeed:
    name: str
    colour: str
    """A colour name or #rrggbb for the category header card."""


@dataclass(frozen=True)
class CardKind:
    key: str
    """"occupation", "category" or "competency"."""
    label: str
    colour: str
    symbol: str
    """Shown on every card so the kind reads without colour (projectors, colour-blind people)."""


@dataclass(frozen=True)
class Tier:
    """A tier of the competency framework (e.g. "Workplace competencies")."""

    key: str
    label: str
    group: str
    """"foundational", "technical" or "management"."""


@dataclass(frozen=True)
class Topic:
    """A recurring discussion question the note-taker can tag a note with in one key."""

    key: str
    label: str
    hotkey: str


@dataclass(frozen=True)
class Step:
    title: str
    say: str
    """What the facilitator says to the room."""
    notes: str = ""
    """Facilitator-only notes."""
    questions: tuple[str, ...] = ()
    minutes: int = 5
    collects: tuple[str, ...] = ()
    """Card kinds collected in this step ("occupation", "competency", ...)."""
    third_card: bool = False
    """Cards written in this step are "third cards" ("if you had one more card...")."""


@dataclass(frozen=True)
class Protocol:
    id: str
    title: str
    purpose: str
    levels: tuple[Level, ...]
    reasons: tuple[Reason, ...]
    categories: tuple[CategorySeed, ...]
    card_kinds: tuple[CardKind, ...]
    tiers: tuple[Tier, ...]
    steps: tuple[Step, ...]
    ksa_types: tuple[str, ...] = ("knowledge", "skill", "ability", "work style")
    topics: tuple[Topic, ...] = ()
    source_text: str = field(default="", compare=False, repr=False)
    """The YAML it was loaded from; a session keeps a copy so it opens the same way later."""

    def level_keys(self) -> tuple[str, ...]:
        return tuple(level.key for level in self.levels)

    def reason(self, key: str) -> Reason | None:
        return next((r for r in self.reasons if r.key == key), None)

    def kind(self, key: str) -> CardKind | None:
        return next((k for k in self.card_kinds if k.key == key), None)

    def step(self, index: int) -> Step | None:
        return self.steps[index] if 0 <= index < len(self.steps) else None


_PARTS: dict[str, type] = {
    "levels": Level,
    "reasons": Reason,
    "categories": CategorySeed,
    "card_kinds": CardKind,
    "tiers": Tier,
    "steps": Step,
    "topics": Topic,
}


def protocol_to_json(protocol: Protocol) -> str:
    """A validated protocol as JSON: a session stores it so opening needs no YAML parser."""
    data = asdict(protocol)
    data.pop("source_text")
    return json.dumps(data, ensure_ascii=False)


def protocol_from_json(text: str, source_text: str = "") -> Protocol:
    """The inverse of `protocol_to_json` (for text this program wrote, already validated)."""
    data = json.loads(text)
    for key, cls in _PARTS.items():
        data[key] = tuple(cls(**_tuples(item)) for item in data.get(key, ()))
    data["ksa_types"] = tuple(data.get("ksa_types", ()))
    return Protocol(**data, source_text=source_text)


def _tuples(item: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}
