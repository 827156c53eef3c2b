"""Reading a hand-edited job profile YAML safely: sizes capped, aliases counted, text exact.

`yaml.safe_load` would expand a 24 KB file of anchors and aliases into a billion tasks, keep
the last of two keys written twice, and turn `no` into false and `1.50` into 1.5. Here the
text is composed into nodes with the protocols' composer (`focusgroup.domain.yaml_nodes`),
which refuses a tree that would expand past `MAX_NODES`; each node becomes plain data with
every scalar's text kept as written (`Scalar`), and a key written twice is an error with its
line. `profile_yaml` then checks the data against the profile's fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from focusgroup.domain.yaml_nodes import BOOL_TAG, INT_TAG, NULL_TAG, compose
from focusgroup.export.profiles import ProfileError

FLOAT_TAG = "tag:yaml.org,2002:float"
MAX_BYTES = 2_000_000
"""A profile is a few pages of text; a bigger file is the wrong one."""
MAX_NODES = 50_000
"""Functions, tasks and competencies, every value counted: a real profile has hundreds."""


class Scalar:
    """A YAML scalar: the text as written and, for numbers and true/false, its value."""

    __slots__ = ("text", "value", "line")

    def __init__(self, text: str, value: Any, line: int) -> None:
        self.text, self.value, self.line = text, value, line

    def __repr__(self) -> str:
        return repr(self.text)


def read_text(path: str | Path) -> str:
    """The file's text, refused with a reason when it can't be a profile."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ProfileError(f"{path}: is a folder, not a job profile file.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ProfileError(
                f"{path}: is {size:,} bytes; a job profile is far smaller (at most {MAX_BYTES:,})."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such job profile file.") from None
    except OSError as error:
        raise ProfileError(f"{path}: can't read it ({error.strerror or error}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProfileError(
            f"{path}, line {line}: is not UTF-8 text; save the profile as UTF-8."
        ) from None


def load(text: str, source: str) -> Any:
    """Plain data (dicts, lists, `Scalar`s, None) from the YAML text, or `ProfileError`."""
    if len(text) > MAX_BYTES:
        raise ProfileError(f"{source}: is {len(text):,} characters; a job profile is far smaller.")
    root = compose(text, source, error=ProfileError, what="job profile", max_nodes=MAX_NODES)
    if root is None:
        raise ProfileError(f"{source}: the file is empty.")
    return _data(root, source, "")


_CONSTRUCT = SafeConstructor()


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _unicode(text: str, source: str, node: Node, where: str) -> str:
    """Refuse a lone surrogate (written as an escape such as "\\ud800"): it is no character,
    so no session, terminal or file can hold it."""
    found = _SURROGATE.search(text)
    if found:
        line = node.start_mark.line + 1
        code = f"\\u{ord(found.group()):04x}"
        raise ProfileError(
            f"{source}, line {line}: {where or 'the file'} holds {code}, which is half of a "
            "character, not a character; remove it or write the whole character."
        )
    return text


def _data(node: Node, source: str, path: str) -> Any:
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            key = _unicode(key, source, key_node, path)
            where = f"{path}.{key}" if path else key
            if key in out:
                line = key_node.start_mark.line + 1
                raise ProfileError(f"{source}, line {line}: {where} appears twice.")
            out[key] = _data(value_node, source, where)
        return out
    if isinstance(node, SequenceNode):
        return [_data(item, source, f"{path}[{i}]") for i, item in enumerate(node.value, 1)]
    assert isinstance(node, ScalarNode)
    line = node.start_mark.line + 1
    if node.tag == NULL_TAG:
        return None
    text = _unicode(str(node.value), source, node, path)
    if node.tag in (BOOL_TAG, INT_TAG, FLOAT_TAG):
        return Scalar(text, _CONSTRUCT.construct_object(node), line)
    return text
