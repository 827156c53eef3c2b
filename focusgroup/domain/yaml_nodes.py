"""A reader over YAML's composed node tree that reports every problem with its line.

Protocols are edited by hand, so every problem is reported as one `ProtocolError` naming the
file, the line, the field and what was expected. We compose YAML's node tree (which keeps line
marks) and walk it against the schema ourselves instead of loading plain dicts, which would lose
the line numbers and let a typo like `minuts:` pass silently. Text in, nodes out: no files here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from focusgroup.domain.errors import FocusGroupError, ProtocolError
from focusgroup.domain.text import shorten

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
COLOUR_RE = re.compile(r"^(#[0-9a-fA-F]{6}|[A-Za-z][A-Za-z0-9_ -]*)$")
NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
BOOL_TAG = "tag:yaml.org,2002:bool"


class NodeReader:
    """Typed accessors over composed YAML nodes; each failure raises a located ProtocolError."""

    def __init__(
        self,
        source: str,
        hints: Mapping[str, str] | None = None,
        *,
        error: type[FocusGroupError] = ProtocolError,
    ) -> None:
        self.source = source
        self.error = error
        """What each failure raises: ProtocolError for protocols, ProfileError for profiles."""
        self.hints = hints or {}
        """What a missing required field should contain, for the error message."""
        self._constructor = SafeConstructor()
        self._own_keys: dict[int, set[int]] = {}
        """Per mapping node, the keys written in it (not merged in); an alias is walked twice."""

    def fail(self, node: Node, field: str, problem: str) -> NoReturn:
        line = node.start_mark.line + 1 if node.start_mark is not None else 0
        where = f"{self.source}, line {line}" if line else self.source
        raise self.error(f"{where}: {field} {problem}")

    def mapping(
        self,
        node: Node,
        field: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        what: str,
    ) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.fail(node, field, f"must be {what} with fields {join(allowed)} (got {got(node)})")
        own = self._own_keys.setdefault(id(node), {id(k) for k, _ in node.value})
        try:
            # Resolve `<<: *anchor` merges the way a plain YAML load would.
            self._constructor.flatten_mapping(node)
        except (yaml.YAMLError, RecursionError) as error:
            self.fail(node, field, f"has a merge (<<) that cannot be applied: {problem(error)}")
        fields: dict[str, Node] = {}
        written: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL_TAG:
                self.fail(
                    key_node, field, f"has a field name that is not text (got {got(key_node)})"
                )
            name = key_node.value
            label = f"{field}.{name}" if field else name
            if id(key_node) in own:
                # Written here (not merged in): a second one is a mistake, not an override.
                if name in written:
                    self.fail(key_node, label, "appears twice; keep one")
                written.add(name)
            if name not in allowed:
                self.fail(key_node, label, f"is not a known field (allowed: {join(allowed)})")
            fields[name] = value_node
        for name in required:
            if name not in fields:
                label = f"{field}.{name}" if field else name
                hint = self.hints.get(name)
                self.fail(node, label, f"is missing; add {hint}" if hint else "is missing")
        return fields

    def sequence(self, node: Node, field: str, what: str, *, allow_empty: bool) -> list[Node]:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            items: list[Node] = []
        elif isinstance(node, SequenceNode):
            items = list(node.value)
        else:
            self.fail(node, field, f"must be a list of {what} (got {got(node)})")
        if not items and not allow_empty:
            self.fail(node, field, f"must list at least one of the {what} (the list is empty)")
        return items

    def text(self, node: Node, field: str, what: str, *, required: bool = True) -> str:
        # A scalar's value is the text as written, so `title: 2024` reads as "2024", not 2024.
        if not isinstance(node, ScalarNode):
            self.fail(node, field, f"must be {what}, as text (got {got(node)})")
        value = "" if node.tag == NULL_TAG else node.value.strip()
        if required and not value:
            self.fail(node, field, f"must be {what}, as text (it is empty)")
        return value

    def key(self, node: Node, field: str) -> str:
        value = self.text(node, field, "a short key")
        if not KEY_RE.match(value):
            self.fail(
                node,
                field,
                f"must be a short key of lower-case letters, digits, - or _ (got {quote(value)})",
            )
        return value

    def hotkey(self, node: Node, field: str) -> str:
        value = self.text(node, field, "one key to press")
        if len(value) != 1:
            self.fail(node, field, f'must be a single character such as "1" (got {quote(value)})')
        return value

    def colour(self, node: Node, field: str) -> str:
        value = self.text(node, field, "a colour")
        if not COLOUR_RE.match(value):
            self.fail(node, field, f"must be a colour name or #rrggbb (got {quote(value)})")
        return value

    def whole_number(self, node: Node, field: str, what: str, low: int, high: int) -> int:
        number = None
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            try:
                number = self._constructor.construct_yaml_int(node)
            except (ValueError, IndexError, KeyError, TypeError):
                number = None  # an explicit `!!int` on something that is not a number
        if not isinstance(number, int) or isinstance(number, bool):
            self.fail(node, field, f"must be a whole number of {what} (got {got(node)})")
        if not low <= number <= high:
            self.fail(node, field, f"must be between {low} and {high} {what} (got {number})")
        return number

    def flag(self, node: Node, field: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            try:
                return bool(self._constructor.construct_yaml_bool(node))
            except (KeyError, AttributeError):
                pass  # an explicit `!!bool` on something that is not true or false
        self.fail(node, field, f"must be true or false (got {got(node)})")

    def unique(self, seen: dict[str, tuple[str, Node]], value: str, node: Node, field: str) -> None:
        """Record `value`; fail if an earlier item in the same list already used it."""
        folded = value.casefold()
        if folded in seen:
            first_field, first_node = seen[folded]
            line = first_node.start_mark.line + 1
            self.fail(node, field, f"{quote(value)} is already used by {first_field} (line {line})")
        seen[folded] = (field, node)


def got(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a set of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL_TAG:
        return "nothing"
    return quote(node.value)


def quote(value: str) -> str:
    shown = shorten(value, 40, ellipsis="...")
    return '"' + shown.replace("\n", " ") + '"'


def join(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names)


def problem(error: BaseException) -> str:
    return str(getattr(error, "problem", None) or error).strip()


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml, when PyYAML was built with it: much faster, and every session open pays this."""


MAX_NODES = 100_000
"""Values a hand-written file may expand to, aliases counted each time they are used. A
protocol or a job profile has a few thousand; an "alias bomb" (a 24 KB file whose anchors
expand to millions of values) is refused before anything walks it."""


def compose(
    text: str,
    source: str,
    *,
    error: type[FocusGroupError] = ProtocolError,
    what: str = "protocol",
    max_nodes: int = MAX_NODES,
) -> Node | None:
    """YAML text to a node tree; syntax errors become `error`s with a line.

    The tree is refused when, with every alias expanded, it would hold more than `max_nodes`
    values (or an alias refers to itself): composing shares an aliased node, but anything
    that walks or loads the tree would expand it.
    """
    root = _compose(text, source, error, what)
    if root is not None:
        size = expanded_size(root, max_nodes)
        if size is None or size > max_nodes:
            raise error(
                f"{source}: the YAML expands to more than {max_nodes:,} values through its "
                f"& anchors and * aliases{' (one refers to itself)' if size is None else ''}; "
                f"a {what} is far smaller, so this is not one"
            )
    return root


def expanded_size(root: Node, limit: int) -> int | None:
    """How many nodes `root` holds with aliases expanded, counting at most past `limit`;
    None when an alias refers to an enclosing node (a loop)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = min(total, limit + 1)  # capped: large enough to refuse, no bigger
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            return None
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _compose(text: str, source: str, error: type[FocusGroupError], what: str) -> Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:
            pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as failure:
        mark = failure.problem_mark or failure.context_mark
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise error(
            f"{source}{line}: this is not valid YAML ({problem(failure)}); "
            "check the indentation and quotes on this line and the one above"
        ) from None
    except yaml.reader.ReaderError as failure:
        # Control characters or other junk: the reader knows the position, not the line.
        line_number = text.count("\n", 0, failure.position) + 1
        raise error(
            f"{source}, line {line_number}: the file contains a character YAML does not allow "
            f"({_char_code(failure.character)}); is this really a {what} file?"
        ) from None
    except yaml.YAMLError as failure:
        raise error(f"{source}: this is not valid YAML: {problem(failure)}") from None
    except RecursionError:
        raise error(f"{source}: the YAML is nested too deeply to be a {what}") from None


def _char_code(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"code {code:#04x}"
