"""Read protocol YAML files into `Protocol` objects, with errors a person can act on.

Protocols are edited by hand, so every problem is reported as one `ProtocolError` naming the
file, the line, the field and what was expected. We compose YAML's node tree (which keeps line
marks) and walk it against the schema ourselves instead of loading plain dicts, which would lose
the line numbers and let a typo like `minuts:` pass silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from focusgroup import paths
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

CARD_KIND_KEYS = ("occupation", "category", "competency")
TIER_GROUPS = ("foundational", "technical", "management")
RESERVED_LEVEL = "unsorted"
"""Added by the app for cards still coming in, so a protocol may not define it."""
MAX_MINUTES = 600
MAX_BYTES = 1_000_000
"""A protocol is a page or two; anything bigger is the wrong file."""

_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COLOUR_RE = re.compile(r"^(#[0-9a-fA-F]{6}|[A-Za-z][A-Za-z0-9_ -]*)$")
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"

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


# --- the node walker --------------------------------------------------------------------------


class _Reader:
    """Typed accessors over composed YAML nodes; each failure raises a located ProtocolError."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._constructor = SafeConstructor()
        self._own_keys: dict[int, set[int]] = {}
        """Per mapping node, the keys written in it (not merged in); an alias is walked twice."""

    def fail(self, node: Node, field: str, problem: str) -> NoReturn:
        line = node.start_mark.line + 1 if node.start_mark is not None else 0
        where = f"{self.source}, line {line}" if line else self.source
        raise ProtocolError(f"{where}: {field} {problem}")

    def mapping(
        self,
        node: Node,
        field: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        what: str,
    ) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.fail(
                node, field, f"must be {what} with fields {_join(allowed)} (got {_got(node)})"
            )
        own = self._own_keys.setdefault(id(node), {id(k) for k, _ in node.value})
        try:
            # Resolve `<<: *anchor` merges the way a plain YAML load would.
            self._constructor.flatten_mapping(node)
        except (yaml.YAMLError, RecursionError) as error:
            self.fail(node, field, f"has a merge (<<) that cannot be applied: {_problem(error)}")
        fields: dict[str, Node] = {}
        written: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL_TAG:
                self.fail(
                    key_node, field, f"has a field name that is not text (got {_got(key_node)})"
                )
            name = key_node.value
            label = f"{field}.{name}" if field else name
            if id(key_node) in own:
                # Written here (not merged in): a second one is a mistake, not an override.
                if name in written:
                    self.fail(key_node, label, "appears twice; keep one")
                written.add(name)
            if name not in allowed:
                self.fail(key_node, label, f"is not a known field (allowed: {_join(allowed)})")
            fields[name] = value_node
        for name in required:
            if name not in fields:
                label = f"{field}.{name}" if field else name
                hint = _HINTS.get(name)
                self.fail(node, label, f"is missing; add {hint}" if hint else "is missing")
        return fields

    def sequence(self, node: Node, field: str, what: str, *, allow_empty: bool) -> list[Node]:
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            items: list[Node] = []
        elif isinstance(node, SequenceNode):
            items = list(node.value)
        else:
            self.fail(node, field, f"must be a list of {what} (got {_got(node)})")
        if not items and not allow_empty:
            self.fail(node, field, f"must list at least one of the {what} (the list is empty)")
        return items

    def text(self, node: Node, field: str, what: str, *, required: bool = True) -> str:
        # A scalar's value is the text as written, so `title: 2024` reads as "2024", not 2024.
        if not isinstance(node, ScalarNode):
            self.fail(node, field, f"must be {what}, as text (got {_got(node)})")
        value = "" if node.tag == _NULL_TAG else node.value.strip()
        if required and not value:
            self.fail(node, field, f"must be {what}, as text (it is empty)")
        return value

    def key(self, node: Node, field: str) -> str:
        value = self.text(node, field, "a short key")
        if not _KEY_RE.match(value):
            self.fail(
                node,
                field,
                f"must be a short key of lower-case letters, digits, - or _ (got {_quote(value)})",
            )
        return value

    def hotkey(self, node: Node, field: str) -> str:
        value = self.text(node, field, "one key to press")
        if len(value) != 1:
            self.fail(node, field, f'must be a single character such as "1" (got {_quote(value)})')
        return value

    def colour(self, node: Node, field: str) -> str:
        value = self.text(node, field, "a colour")
        if not _COLOUR_RE.match(value):
            self.fail(node, field, f"must be a colour name or #rrggbb (got {_quote(value)})")
        return value

    def whole_number(self, node: Node, field: str, what: str, low: int, high: int) -> int:
        number = None
        if isinstance(node, ScalarNode) and node.tag == _INT_TAG:
            try:
                number = self._constructor.construct_yaml_int(node)
            except (ValueError, IndexError, KeyError, TypeError):
                number = None  # an explicit `!!int` on something that is not a number
        if not isinstance(number, int) or isinstance(number, bool):
            self.fail(node, field, f"must be a whole number of {what} (got {_got(node)})")
        if not low <= number <= high:
            self.fail(node, field, f"must be between {low} and {high} {what} (got {number})")
        return number

    def flag(self, node: Node, field: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == _BOOL_TAG:
            try:
                return bool(self._constructor.construct_yaml_bool(node))
            except (KeyError, AttributeError):
                pass  # an explicit `!!bool` on something that is not true or false
        self.fail(node, field, f"must be true or false (got {_got(node)})")

    def unique(self, seen: dict[str, tuple[str, Node]], value: str, node: Node, field: str) -> None:
        """Record `value`; fail if an earlier item in the same list already used it."""
        folded = value.casefold()
        if folded in seen:
            first_field, first_node = seen[folded]
            line = first_node.start_mark.line + 1
            self.fail(
                node, field, f"{_quote(value)} is already used by {first_field} (line {line})"
            )
        seen[folded] = (field, node)


def _got(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a set of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "nothing"
    return _quote(node.value)


def _quote(value: str) -> str:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return '"' + shown.replace("\n", " ") + '"'


def _join(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names)


def _problem(error: BaseException) -> str:
    return str(getattr(error, "problem", None) or error).strip()


# --- the schema -------------------------------------------------------------------------------


@dataclass
class _Seen:
    """Values already used in one list, for duplicate checks."""

    keys: dict[str, tuple[str, Node]]
    other: dict[str, tuple[str, Node]]

    @classmethod
    def new(cls) -> _Seen:
        return cls({}, {})


def _levels(r: _Reader, node: Node) -> tuple[Level, ...]:
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


def _reasons(r: _Reader, node: Node) -> tuple[Reason, ...]:
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


def _categories(r: _Reader, node: Node) -> tuple[CategorySeed, ...]:
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


def _card_kinds(r: _Reader, node: Node) -> tuple[CardKind, ...]:
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
                f"must be one of {_join(CARD_KIND_KEYS)} (got {_quote(key)})",
            )
        r.unique(seen.keys, key, f["key"], f"{field}.key")
        symbol = r.text(f["symbol"], f"{field}.symbol", "a symbol")
        if len(symbol) > 3:
            r.fail(
                f["symbol"],
                f"{field}.symbol",
                f"must be one to three characters (got {_quote(symbol)})",
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
        r.fail(
            node, "card_kinds", f"must define {_join(CARD_KIND_KEYS)} (missing: {_join(missing)})"
        )
    return tuple(kinds)


def _tiers(r: _Reader, node: Node) -> tuple[Tier, ...]:
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
                f"must be one of {_join(TIER_GROUPS)} (got {_quote(group)})",
            )
        tiers.append(
            Tier(key=key, label=r.text(f["label"], f"{field}.label", "a label"), group=group)
        )
    return tuple(tiers)


def _ksa_types(r: _Reader, node: Node) -> tuple[str, ...]:
    seen = _Seen.new()
    types = []
    items = r.sequence(node, "ksa_types", "competency types", allow_empty=False)
    for i, item in enumerate(items, start=1):
        field = f"ksa_types[{i}]"
        value = r.text(item, field, "a type of competency such as knowledge or skill")
        r.unique(seen.keys, value, item, field)
        types.append(value)
    return tuple(types)


def _topics(r: _Reader, node: Node) -> tuple[Topic, ...]:
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


def _steps(r: _Reader, node: Node, kinds: tuple[CardKind, ...]) -> tuple[Step, ...]:
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
                        f"must be a card kind defined in card_kinds ({_join(kind_keys)}); "
                        f"got {_quote(kind)}",
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
    root = _compose(text, source)
    r = _Reader(source)
    if root is None:
        raise ProtocolError(f"{source}: the file is empty; a protocol needs {_join(_TOP_REQUIRED)}")
    if not isinstance(root, MappingNode):
        r.fail(
            root,
            "the protocol",
            f"must be a set of fields ({_join(_TOP_REQUIRED)}, ...); got {_got(root)}",
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


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml, when PyYAML was built with it: ~10x faster, which every session open pays."""


def _compose(text: str, source: str) -> Node | None:
    """YAML text to a node tree; syntax errors become ProtocolErrors with a line."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # noqa: BLE001 - the pure loader below says exactly what is wrong
            pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise ProtocolError(
            f"{source}{line}: this is not valid YAML ({_problem(error)}); "
            "check the indentation and quotes on this line and the one above"
        ) from None
    except yaml.reader.ReaderError as error:
        # Control characters or other junk: the reader knows the position, not the line.
        line = text.count("\n", 0, error.position) + 1
        raise ProtocolError(
            f"{source}, line {line}: the file contains a character YAML does not allow "
            f"({_char_code(error.character)}); is this really a protocol file?"
        ) from None
    except yaml.YAMLError as error:
        raise ProtocolError(f"{source}: this is not valid YAML: {_problem(error)}") from None
    except RecursionError:
        raise ProtocolError(f"{source}: the YAML is nested too deeply to be a protocol") from None


def _char_code(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"code {code:#04x}"


def load_protocol(path: str | Path) -> Protocol:
    """Read and validate one protocol file."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise ProtocolError(f"{source}: is a folder, not a protocol file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProtocolError(f"{source}: no such protocol file") from None
    except OSError as error:
        raise ProtocolError(f"{source}: cannot read it ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise ProtocolError(f"{source}: is {len(data):,} bytes; a protocol is far smaller")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProtocolError(
            f"{source}, line {line}: is not UTF-8 text; is this really a protocol file?"
        ) from None
    return parse_protocol(text, source)


def _protocol_files(folder: Path) -> list[Path]:
    try:
        files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return []
    return sorted(p for p in files if not p.name.startswith((".", "~")) and p.is_file())


def list_protocols(errors: list[ProtocolError] | None = None) -> list[tuple[Protocol, Path]]:
    """Every protocol the app can use, built-ins first; a user's file overrides the same id.

    A broken file does not hide the others: its error is appended to `errors` (if given) and
    it is skipped.
    """
    found: dict[str, tuple[Protocol, Path]] = {}

    def scan(folder: Path, *, override: bool, claimed: dict[str, Path]) -> None:
        for file in _protocol_files(folder):
            try:
                protocol = load_protocol(file)
            except ProtocolError as error:
                if errors is not None:
                    errors.append(error)
                continue
            if protocol.id in claimed:
                # Two files in the same layer with one id: keep the first, say so.
                if override and errors is not None:
                    errors.append(
                        ProtocolError(
                            f"{file}: id {_quote(protocol.id)} is already used by "
                            f"{claimed[protocol.id]}; this file is ignored"
                        )
                    )
                continue
            claimed[protocol.id] = file
            found[protocol.id] = (protocol, file)

    builtin_claimed: dict[str, Path] = {}
    for folder in paths.builtin_protocol_dirs():
        scan(folder, override=False, claimed=builtin_claimed)
    user_claimed: dict[str, Path] = {}
    for folder in paths.user_protocol_dirs():
        scan(folder, override=True, claimed=user_claimed)
    return list(found.values())


def is_builtin(path: Path) -> bool:
    """Whether a protocol file ships with focusgroup (for `protocols list`)."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(d.resolve()) for d in paths.builtin_protocol_dirs())


def find_protocol(id_or_path: str) -> Protocol:
    """A protocol by file path (if that file exists) or else by id."""
    candidate = Path(id_or_path).expanduser()
    if candidate.exists():
        return load_protocol(candidate)
    if candidate.suffix in (".yaml", ".yml") or "/" in id_or_path or "\\" in id_or_path:
        raise ProtocolError(f"{id_or_path}: no such protocol file")
    errors: list[ProtocolError] = []
    available = list_protocols(errors)
    for protocol, _path in available:
        if protocol.id == id_or_path:
            return protocol
    ids = ", ".join(p.id for p, _ in available) or "none found"
    message = f"unknown protocol {_quote(id_or_path)} (available: {ids})"
    if errors:
        message += f"; {len(errors)} protocol file(s) could not be read, e.g. {errors[0]}"
    raise ProtocolError(message)
