"""The protocol schema: which fields a protocol file has and what each must hold.

`parse_protocol` walks the YAML node tree with a `NodeReader`, so every problem names the file,
the line and the field. Reading files and finding protocols is `focusgroup.protocol_files`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


# Most sections are lists of small records checked field by field: one table describes them.
# A check reads one field of one item; `seen` catches a key or hotkey used twice in the list.
Check = Callable[[NodeReader, Node, str, _Seen], str]


def _key(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    value = r.key(node, field)
    r.unique(seen.keys, value, node, field)
    return value


def _level_key(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    value = r.key(node, field)
    if value == RESERVED_LEVEL:
        r.fail(node, field, f'cannot be "{RESERVED_LEVEL}"; the app adds it itself')
    r.unique(seen.keys, value, node, field)
    return value


def _hotkey(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    value = r.hotkey(node, field)
    r.unique(seen.other, value, node, field)
    return value


def _label(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    return r.text(node, field, "a label")


def _name(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    value = r.text(node, field, "the category's name")
    r.unique(seen.keys, value, node, field)
    return value


def _colour(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    return r.colour(node, field)


def _group(r: NodeReader, node: Node, field: str, seen: _Seen) -> str:
    value = r.text(node, field, "a group")
    if value not in TIER_GROUPS:
        r.fail(node, field, f"must be one of {join(TIER_GROUPS)} (got {quote(value)})")
    return value


@dataclass(frozen=True)
class _Section:
    """One list of records: what it is called in messages, its fields, what each becomes."""

    what: str
    """The list, as messages name it ("must list at least one of the levels")."""
    item: str
    """One record, as messages name it ("must be a level with fields key, label")."""
    fields: tuple[str, ...]
    """Every field a record has (all required), in the order messages list them."""
    checks: tuple[tuple[str, Check], ...]
    """The fields in the order they are read: the first problem found is the one reported."""
    make: Callable[..., Any]
    allow_empty: bool = True


_SECTIONS = {
    "levels": _Section(
        "levels",
        "a level",
        ("key", "label"),
        (("key", _level_key), ("label", _label)),
        Level,
        allow_empty=False,
    ),
    "reasons": _Section(
        "reasons",
        "a why-critical reason",
        ("key", "label", "hotkey"),
        (("key", _key), ("hotkey", _hotkey), ("label", _label)),
        Reason,
    ),
    "categories": _Section(
        "category cards",
        "a category card",
        ("name", "colour"),
        (("name", _name), ("colour", _colour)),
        CategorySeed,
    ),
    "tiers": _Section(
        "competency tiers",
        "a competency tier",
        ("key", "label", "group"),
        (("key", _key), ("group", _group), ("label", _label)),
        Tier,
    ),
    "topics": _Section(
        "note topics",
        "a note-taker topic",
        ("key", "label", "hotkey"),
        (("key", _key), ("hotkey", _hotkey), ("label", _label)),
        Topic,
    ),
}


def _records(r: NodeReader, node: Node, section: str) -> tuple[Any, ...]:
    """Read the list `section` of the protocol as `_SECTIONS` describes it."""
    spec = _SECTIONS[section]
    seen = _Seen.new()
    records = []
    items = r.sequence(node, section, spec.what, allow_empty=spec.allow_empty)
    for i, item in enumerate(items, start=1):
        field = f"{section}[{i}]"
        f = r.mapping(item, field, spec.fields, spec.fields, spec.item)
        values = {name: check(r, f[name], f"{field}.{name}", seen) for name, check in spec.checks}
        records.append(spec.make(**values))
    return tuple(records)


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
        levels=_records(r, f["levels"], "levels"),
        reasons=_records(r, f["reasons"], "reasons"),
        categories=_records(r, f["categories"], "categories") if "categories" in f else (),
        card_kinds=card_kinds,
        tiers=_records(r, f["tiers"], "tiers"),
        steps=_steps(r, f["steps"], card_kinds),
        ksa_types=_ksa_types(r, f["ksa_types"]) if "ksa_types" in f else Protocol.ksa_types,
        topics=_records(r, f["topics"], "topics") if "topics" in f else (),
        source_text=text,
    )
