"""Job profiles as YAML that people edit by hand, and a reader that validates every field.

The reader is driven by the dataclasses in `profiles`: each field's type says what it accepts,
so a new field needs no reader code. Every error names the file and the field path
(`functions[2].tasks[1].level`), counting list items from 1. Hand-editing stays easy: a task,
competency, path or technology may be a bare string, and fields at their default are left out
of the file we write.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from pathlib import Path
from typing import Any

import yaml

from focusgroup.domain.fields import one_line_problem
from focusgroup.domain.text import shorten
from focusgroup.export import profiles as model
from focusgroup.export.profile_reader import Scalar, load, read_text

_HEADER = """\
# A strawman job profile made by focusgroup. Edit it by hand, then check it with
#   focusgroup profiles check THIS_FILE.yaml
# or start the next focus group on it with
#   focusgroup new SESSION.db --protocol critical-competencies --profile THIS_FILE.yaml
# functions: the job functions (columns of the task matrix), each with its tasks.
# level: entry, mid, advanced, or "" for any. lacking: true when employers say new hires
# most often fall short on it; underperformed: true when it is most often done poorly.
# votes: hands raised for "which three tasks should training prioritise".
# source: "employers" marks what the room said, "O*NET" what came from the national data.
"""

_LEVEL_FIELDS = frozenset({"level"})
_ONE_LINE = frozenset({"occupation"})
"""The occupation is also the session's title, its file names and e-mail subjects."""
MAX_COUNT = 1_000_000
"""Versions, rounds, votes and head counts: far more than any focus group reaches."""
_LOWEST = {"version": 1, "number": 1, "previous_version": 1}
"""Whole numbers that count from 1; every other one counts from 0."""


def _required(f: dataclasses.Field[Any]) -> bool:
    """A field the dataclass gives no default must be written (and, for text, not empty)."""
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


# -- writing -----------------------------------------------------------------------------------


def to_dict(profile: model.JobProfile) -> dict[str, Any]:
    data: dict[str, Any] = {"format": model.FORMAT}
    data.update(_compact(profile, top=True))
    return data


def _compact(value: Any, *, top: bool = False) -> Any:
    """Dataclasses to mappings without default-valued fields (top level keeps its lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            default = f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING
            keep = top and f.name not in ("onet", "changes", "uncoded") or _required(f)
            if not keep and item == default:
                continue
            if item is None and not keep:
                continue
            out[f.name] = _compact(item)
        if top:
            for key in ("onet", "changes"):
                if out.get(key) is None:
                    out.pop(key, None)
        return out
    if isinstance(value, list | tuple):
        return [_compact(v) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    pass


_READ_AS_LINE_BREAK = frozenset("\x85\u2028\u2029")
"""Characters YAML reads as a line break when they appear unescaped: in a plain or block
scalar, NEL (which text pasted from Windows-1252 documents carries) comes back as a space."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if _READ_AS_LINE_BREAK.intersection(value):
        style: str | None = '"'  # escaped (\N, \L, \P): read back exactly as written
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_profile(profile: model.JobProfile) -> str:
    body = yaml.dump(
        to_dict(profile), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    return _HEADER + body


def write_profile(profile: model.JobProfile, path: Path) -> Path:
    path.write_text(dump_profile(profile), "utf-8")
    return path


# -- reading -----------------------------------------------------------------------------------


def read_profile(path: str | Path) -> model.JobProfile:
    """Read and validate a profile file: size-capped, aliases counted (`profile_reader`)."""
    return parse_profile(read_text(path), str(path))


def parse_profile(text: str, source: str = "profile") -> model.JobProfile:
    """Validate and build a profile; every error names the file and the field."""
    data = load(text, source)
    reader = _Reader(source)
    if isinstance(data, dict):
        if "format" in data and _plain(data["format"]) != model.FORMAT:
            found = _plain(data["format"])
            raise reader.fail("format", f"must be {model.FORMAT!r}, got {found!r}.")
        data = {k: v for k, v in data.items() if k != "format"}
    profile: model.JobProfile = reader.build(model.JobProfile, data, "", extra=("format",))
    return profile


def _plain(value: Any) -> Any:
    """A scalar's value (numbers and true/false as such), as `yaml.safe_load` would give it."""
    return value.value if isinstance(value, Scalar) else value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, problem: str) -> model.ProfileError:
        return model.ProfileError(f"{self.source}: {path} {problem}")

    def build(self, cls: type, value: Any, path: str, extra: tuple[str, ...] = ()) -> Any:
        names = [f.name for f in dataclasses.fields(cls)]
        if isinstance(value, str | Scalar) and path:
            value = {names[0]: value}  # a bare string is the first field: friendlier to edit
        if not isinstance(value, dict):
            raise self.fail(path or "profile", f"must be a mapping of fields, got {_kind(value)}.")
        for key in value:
            if key not in names:
                where = f"{path}.{key}" if path else str(key)
                allowed = ", ".join((*extra, *names))
                raise self.fail(where, f"is not a known field (expected one of: {allowed}).")
        hints = _hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            where = f"{path}.{f.name}" if path else f.name
            if f.name not in value:
                if not _required(f):
                    continue
                if hints[f.name] is int:  # text is refused below with the same words
                    raise self.fail(where, "is required and can't be empty.")
            kwargs[f.name] = self.value(
                hints[f.name], value.get(f.name), where, f.name, required=_required(f)
            )
        return cls(**kwargs)

    def value(self, hint: Any, value: Any, path: str, name: str, required: bool = False) -> Any:
        if hint in (bool, int, float):
            value = _plain(value)  # a text field keeps the Scalar: its text as written
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(hint) if a is not type(None)]
            if value is None:
                return None
            return self.value(options[0], value, path, name)
        if origin is tuple:
            item = typing.get_args(hint)[0]
            items = self.seq(value, path)
            return tuple(
                self.value(item, v, f"{path}[{i}]", "", required=True)
                for i, v in enumerate(items, 1)
            )
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.build(hint, value, path)
        if hint is bool:
            if value is None:
                return False
            if not isinstance(value, bool):
                raise self.fail(path, f"must be true or false, got {_kind(value)}.")
            return value
        if hint is int:
            low = _LOWEST.get(name, 0)
            if value is None:
                value = 0
            if not _whole(value) or not low <= value <= MAX_COUNT:
                raise self.fail(
                    path, f"must be a whole number from {low} to {MAX_COUNT:,}, got {_kind(value)}."
                )
            return value
        if hint is float:
            if value is None:
                return 0.0
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(path, f"must be a number, got {_kind(value)}.")
            if not math.isfinite(value):
                raise self.fail(path, f"must be a number, got {_kind(value)}.")
            return float(value)
        text = self.text(value, path, required=required)
        if name in _ONE_LINE and (problem := one_line_problem(text, "it")):
            raise self.fail(path, f"{problem.removeprefix('it ')}: it is the meeting's title too.")
        if name in _LEVEL_FIELDS:
            level = text.strip().lower()
            if level and level not in model.LEVELS:
                raise self.fail(
                    path, f"must be one of {', '.join(model.LEVELS)} (or empty), got {level!r}."
                )
            return level
        if name == "group" and text and text not in model.GROUPS:
            raise self.fail(path, f"must be one of {', '.join(model.GROUPS)}, got {text!r}.")
        return text

    def text(self, value: Any, path: str, *, required: bool = False) -> str:
        if value is None:
            value = ""
        if isinstance(value, Scalar):
            value = value.text  # `no`, `2024` and `1.50` stay the text they were written as
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(path, f"must be text, got {_kind(value)}.")
        text = str(value)
        if required and not text.strip():
            raise self.fail(path, "is required and can't be empty.")
        return text

    def seq(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, f"must be a list, got {_kind(value)}.")
        return value


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    if isinstance(value, Scalar):
        value = value.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {shorten(value, 60, ellipsis='...')!r}"
    return shorten(f"{type(value).__name__} {value!r}", 60, ellipsis="...")
