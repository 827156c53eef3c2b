"""The protocol schema: which fields a protocol file has and what each must hold.

`parse_protocol` walks the YAML node tree with a `NodeReader`, so every problem names the file,
the line and the field. Reading files and finding protocols is `focusgroup.protocol_files`.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node

from focusgroup.domain.errors import ProtocolError
from focusgroup.domain.protocol import (
    CardKind,
    CategorySeed,
    Level,
    Protocol,
    Reason,
    Step,
    Tier,
    Topic,
)
from focusgroup.domain.yaml_nodes import NodeReader, compose, got, join, quote

CARD_KIND_KEYS = ("occupation", "category", "competency")
TIER_GROUPS = ("foundational", "technical", "management")
RESERVED_LEVEL = "unsorted"
"""Added by the app for cards still coming in, so a protocol may not define it."""
MAX_MINUTES = 600

_TOP_FIELDS = (
    "id",
    "title",
    "purpose",
    "levels",
    "reasons",
    "categories",
    "card_kinds",
    "tiers",
    "ksa_types",
    "topics",
    "steps",
)
_TOP_REQUIRED = ("id", "title", "purpose", "levels", "reasons", "card_kinds", "tiers", "steps")
_HINTS = {
    "id": "a short key such as my-meeting",
    "title": "a title (text)",
    "purpose": "the meeting's purpose (text)",
    "levels": "a list of levels, each with key and label",
    "reasons": "a list of why-critical reasons (key, label, hotkey), or []",
    "card_kinds": "occupation, category and competency, each with key, label, colour, symbol",
    "tiers": "a list of competency tiers (key, label, group), or []",
    "steps": "a list of steps, each with at least title and say",
    "say": "what to say to the room (text)",
    "key": "a short key of lower-case letters, digits, - or _",
    "label": "a label (text)",
    "hotkey": 'one character to press, such as "1"',
    "name": "the name (text)",
    "colour": "a colour name or #rrggbb",
    "symbol": "a symbol of one to three characters",
    "group": "one of foundational, technical, management",
}
"""What a missing required field should contain, for the error message."""
_STEP_FIELDS = ("title", "say", "notes", "questions", "minutes", "collects", "third_card")


# --- the schema -------------------------------------------------------------------------------


@dataclass
class _Seen:
    """Values already used in one list, for duplicate checks."""

    keys: dict[str, tuple[str, Node]]
    other: dict[str, tuple[str, Node]]

    @classmethod
    def new(cls) -> _Seen:
        return cls({}, {})


def _levels(r: NodeReader, node: Node) -> tuple[Level, ...]:
    seen = _Seen.new()
    levels = []
    for i, item in enumerate(r.sequence(node, "levels", "levels", allow_empty=False), start=1):
        field = f"levels[{i}]"
        f = r.mapping(item, field, ("key", "label"), ("key", "label"), "a level")
        key = r.key(f["key"], f"{field}.key")
        if key == RESERVED_LEVEL:
            r.fail(
                f["key"], f"{field}.key", f'cannot be "{RESERVED_LEVEL}"; the app adds it itself'
            )
        r.unique(seen.keys, key, f["key"], f"{field}.key")
        levels.append(Level(key=key, label=r.text(f["label"], f"{field}.label", "a label")))
    return tuple(levels)


def _reasons(r: NodeReader, node: Node) -> tuple[Reason, ...]:
    seen = _Seen.new()
    reasons = []
    for i, item in enumerate(r.sequence(node, "reasons", "reasons", allow_empty=True), start=1):
        field = f"reasons[{i}]"
        names = ("key", "label", "hotkey")
        f = r.mapping(item, field, names, names, "a why-critical reason")
        key = r.key(f["key"], f"{field}.key")
        r.unique(seen.keys, key, f["key"], f"{field}.key")
        hotkey = r.hotkey(f["hotkey"], f"{field}.hotkey")
        r.unique(seen.other, hotkey, f["hotkey"], f"{field}.hotkey")
        label = r.text(f["label"], f"{field}.label", "a label")
        reasons.append(Reason(key=key, label=label, hotkey=hotkey))
    return tuple(reasons)


def _categories(r: NodeReader, node: Node) -> tuple[CategorySeed, ...]:
    seen = _Seen.new()
    categories = []
    items = r.sequence(node, "categories", "category cards", allow_empty=True)
    for i, item in enumerate(items, start=1):
        field = f"categories[{i}]"
        names = ("name", "colour")
        f = r.mapping(item, field, names, names, "a category card")
        name = r.text(f["name"], f"{field}.name", "the category's name")
        r.unique(seen.keys, name, f["name"], f"{field}.name")
        colour = r.colour(f["colour"], f"{field}.colour")
        categories.append(CategorySeed(name=name, colour=colour))
    return tuple(categories)


def _card_kinds(r: NodeReader, node: Node) -> tuple[CardKind, ...]:
    seen = _Seen.new()
    kinds = []
    for i, item in enumerate(r.sequence(node, "card_kinds", "card kinds", allow_empty=False), 1):
        field = f"card_kinds[{i}]"
        names = ("key", "label", "colour", "symbol")
        f = r.mapping(item, field, names, names, "a card kind")
        key = r.key(f["key"], f"{field}.key")
        if key not in CARD_KIND_KEYS:
            r.fail(
                f["key"],
                f"{field}.key",
                f"must be one of {join(CARD_KIND_KEYS)} (got {quote(key)})",
            )
        r.unique(seen.keys, key, f["key"], f"{field}.key")
        symbol = r.text(f["symbol"], f"{field}.symbol", "a symbol")
        if len(symbol) > 3:
            r.fail(
                f["symbol"],
                f"{field}.symbol",
                f"must be one to three characters (got {quote(symbol)})",
            )
        # The symbol is how a kind reads without colour, so two kinds may not share one.
        r.unique(seen.other, symbol, f["symbol"], f"{field}.symbol")
        kinds.append(
            CardKind(
                key=key,
                label=r.text(f["label"], f"{field}.label", "a label"),
                colour=r.colour(f["colour"], f"{field}.colour"),
                symbol=symbol,
            )
        )
    missing = [k for k in CARD_KIND_KEYS if k not in seen.keys]
    if missing:
        r.fail(node, "card_kinds", f"must define {join(CARD_KIND_KEYS)} (missing: {join(missing)})")
    return tuple(kinds)


def _tiers(r: NodeReader, node: Node) -> tuple[Tier, ...]:
    seen = _Seen.new()
    tiers = []
    items = r.sequence(node, "tiers", "competency tiers", allow_empty=True)
    for i, item in enumerate(items, start=1):
        field = f"tiers[{i}]"
        names = ("key", "label", "group")
        f = r.mapping(item, field, names, names, "a competency tier")
        key = r.key(f["key"], f"{field}.key")
        r.unique(seen.keys, key, f["key"], f"{field}.key")
        group = r.text(f["group"], f"{field}.group", "a group")
        if group not in TIER_GROUPS:
            r.fail(
                f["group"],
                f"{field}.group",
                f"must be one of {join(TIER_GROUPS)} (got {quote(group)})",
            )
        tiers.append(
            Tier(key=key, label=r.text(f["label"], f"{field}.label", "a label"), group=group)
        )
    return tuple(tiers)


def _ksa_types(r: NodeReader, node: Node) -> tuple[str, ...]:
    seen = _Seen.new()
    types = []
    items = r.sequence(node, "ksa_types", "competency types", allow_empty=False)
    for i, item in enumerate(items, start=1):
        field = f"ksa_types[{i}]"
        value = r.text(item, field, "a type of competency such as knowledge or skill")
        r.unique(seen.keys, value, item, field)
        types.append(value)
    return tuple(types)


def _topics(r: NodeReader, node: Node) -> tuple[Topic, ...]:
    seen = _Seen.new()
    topics = []
    for i, item in enumerate(r.sequence(node, "topics", "note topics", allow_empty=True), 1):
        field = f"topics[{i}]"
        names = ("key", "label", "hotkey")
        f = r.mapping(item, field, names, names, "a note-taker topic")
        key = r.key(f["key"], f"{field}.key")
        r.unique(seen.keys, key, f["key"], f"{field}.key")
        hotkey = r.hotkey(f["hotkey"], f"{field}.hotkey")
        r.unique(seen.other, hotkey, f["hotkey"], f"{field}.hotkey")
        topics.append(
            Topic(key=key, label=r.text(f["label"], f"{field}.label", "a label"), hotkey=hotkey)
        )
    return tuple(topics)


def _steps(r: NodeReader, node: Node, kinds: tuple[CardKind, ...]) -> tuple[Step, ...]:
    kind_keys = tuple(k.key for k in kinds)
    steps = []
    for i, item in enumerate(r.sequence(node, "steps", "steps", allow_empty=False), start=1):
        field = f"steps[{i}]"
        f = r.mapping(item, field, _STEP_FIELDS, ("title", "say"), "a step")
        questions: list[str] = []
        if "questions" in f:
            qs = r.sequence(f["questions"], f"{field}.questions", "questions", allow_empty=True)
            for j, q in enumerate(qs, start=1):
                questions.append(r.text(q, f"{field}.questions[{j}]", "a question"))
        collects: list[str] = []
        if "collects" in f:
            cs = r.sequence(f["collects"], f"{field}.collects", "card kinds", allow_empty=True)
            for j, c in enumerate(cs, start=1):
                kind = r.text(c, f"{field}.collects[{j}]", "a card kind")
                if kind not in kind_keys:
                    r.fail(
                        c,
                        f"{field}.collects[{j}]",
                        f"must be a card kind defined in card_kinds ({join(kind_keys)}); "
                        f"got {quote(kind)}",
                    )
                if kind not in collects:
                    collects.append(kind)
        minutes = 5
        if "minutes" in f:
            minutes = r.whole_number(f["minutes"], f"{field}.minutes", "minutes", 1, MAX_MINUTES)
        third_card = r.flag(f["third_card"], f"{field}.third_card") if "third_card" in f else False
        notes = (
            r.text(f["notes"], f"{field}.notes", "notes", required=False) if "notes" in f else ""
        )
        steps.append(
            Step(
                title=r.text(f["title"], f"{field}.title", "a title"),
                say=r.text(f["say"], f"{field}.say", "what to say to the room"),
                notes=notes,
                questions=tuple(questions),
                minutes=minutes,
                collects=tuple(collects),
                third_card=third_card,
            )
        )
    return tuple(steps)


# --- public API -------------------------------------------------------------------------------


def parse_protocol(text: str, source: str) -> Protocol:
    """Validate protocol YAML `text`; `source` names it in error messages (usually the path)."""
    root = compose(text, source)
    r = NodeReader(source, _HINTS)
    if root is None:
        raise ProtocolError(f"{source}: the file is empty; a protocol needs {join(_TOP_REQUIRED)}")
    if not isinstance(root, MappingNode):
        r.fail(
            root,
            "the protocol",
            f"must be a set of fields ({join(_TOP_REQUIRED)}, ...); got {got(root)}",
        )
    f = r.mapping(root, "", _TOP_FIELDS, _TOP_REQUIRED, "a protocol")
    pid = r.key(f["id"], "id")
    card_kinds = _card_kinds(r, f["card_kinds"])
    return Protocol(
        id=pid,
        title=r.text(f["title"], "title", "the protocol's title"),
        purpose=r.text(f["purpose"], "purpose", "the meeting's purpose"),
        levels=_levels(r, f["levels"]),
        reasons=_reasons(r, f["reasons"]),
        categories=_categories(r, f["categories"]) if "categories" in f else (),
        card_kinds=card_kinds,
        tiers=_tiers(r, f["tiers"]),
        steps=_steps(r, f["steps"], card_kinds),
        ksa_types=_ksa_types(r, f["ksa_types"]) if "ksa_types" in f else Protocol.ksa_types,
        topics=_topics(r, f["topics"]) if "topics" in f else (),
        source_text=text,
    )
