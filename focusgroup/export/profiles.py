"""Strawman job profiles: the model, and YAML that people edit by hand and we validate.

A profile describes one occupation: what employers call it, its job functions with the tasks
under each (the guide's Appendix C matrix), competencies by level, paths in and out, skills
gaps and open questions. Each export of a profile from a follow-up session is the next
`version`, with `changes` listing what the room did to the previous one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from focusgroup.domain.errors import FocusGroupError

FORMAT = "focusgroup-job-profile"
LEVELS = ("entry", "mid", "advanced")


class ProfileError(FocusGroupError):
    """A job profile YAML that is missing, unreadable or has a field of the wrong shape."""


@dataclass(frozen=True)
class Task:
    text: str
    level: str = ""
    """Entry, mid or advanced: the level at which the task is expected ("" = any)."""
    lacking: bool = False
    """Employers say it is most often underperformed / lacking in new hires."""
    source: str = ""
    """Where it came from: "session", "O*NET", "room" (added in a follow-up)..."""


@dataclass(frozen=True)
class Function:
    name: str
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class ProfileCompetency:
    text: str
    level: str = ""
    ksa: str = ""
    tier: str = ""
    lacking: bool = False


@dataclass(frozen=True)
class Reworded:
    before: str
    after: str


@dataclass(frozen=True)
class Changes:
    """What a follow-up focus group changed, relative to `previous_version`."""

    previous_version: int
    added_tasks: tuple[str, ...] = ()
    removed_tasks: tuple[str, ...] = ()
    reworded_tasks: tuple[Reworded, ...] = ()
    moved_tasks: tuple[str, ...] = ()
    added_functions: tuple[str, ...] = ()
    removed_functions: tuple[str, ...] = ()
    new_competencies: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "previous_version")


@dataclass(frozen=True)
class OnetFacts:
    """Optional facts from the O*NET crosswalk, kept as given (all text, for the YAML)."""

    job_zone: str = ""
    education: str = ""
    median_wage: str = ""
    employment: str = ""
    technology: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    attribution: str = ""


@dataclass(frozen=True)
class JobProfile:
    occupation: str
    version: int = 1
    level: str = ""
    soc_code: str = ""
    onet_code: str = ""
    soc_title: str = ""
    description: str = ""
    wordings: tuple[str, ...] = ()
    functions: tuple[Function, ...] = ()
    competencies: tuple[ProfileCompetency, ...] = ()
    level_changes: tuple[str, ...] = ()
    """What changes from one level to the next, in employers' words."""
    paths_in: tuple[str, ...] = ()
    paths_out: tuple[str, ...] = ()
    skills_gaps: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """Which sessions (title, date) this version was built from."""
    onet: OnetFacts | None = None
    changes: Changes | None = None

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for f in self.functions for t in f.tasks)

    def competencies_at(self, level: str) -> tuple[ProfileCompetency, ...]:
        return tuple(c for c in self.competencies if c.level == level)


# -- YAML ------------------------------------------------------------------------------------

_HEADER = """\
# A strawman job profile made by focusgroup. Edit it by hand, then check it with
#   focusgroup profiles check THIS_FILE.yaml
# or start the next focus group on it with
#   focusgroup new SESSION.db --protocol critical-competencies --profile THIS_FILE.yaml
# functions: the job functions (columns of the task matrix), each with its tasks.
# level: entry, mid, advanced, or "" for any. lacking: true when employers say new hires
# most often fall short on it.
"""


def to_dict(profile: JobProfile) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT}
    data.update(asdict(profile))
    for key in ("onet", "changes"):
        if data[key] is None:
            del data[key]
    # Hand-edited files stay short: a task or competency lists only what differs from default.
    for function in data["functions"]:
        function["tasks"] = [_compact(t, Task) for t in function["tasks"]]
    data["competencies"] = [_compact(c, ProfileCompetency) for c in data["competencies"]]
    compact: dict[str, Any] = _lists(data)
    return compact


def _compact(values: dict[str, Any], cls: type) -> dict[str, Any]:
    defaults = {f.name: f.default for f in fields(cls)}
    return {k: v for k, v in values.items() if k == "text" or v != defaults.get(k)}


def _lists(value: Any) -> Any:
    """Tuples to lists, recursively, so the YAML has plain sequences."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_profile(profile: JobProfile) -> str:
    body = yaml.dump(
        to_dict(profile), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    return _HEADER + body


def write_profile(profile: JobProfile, path: Path) -> Path:
    path.write_text(dump_profile(profile), "utf-8")
    return path


def read_profile(path: str | Path) -> JobProfile:
    """Read and validate a profile file (see `profile_reader`: line-numbered, size-capped)."""
    from focusgroup.export.profile_reader import read_profile as read

    return read(path)


def parse_profile(text: str, source: str = "profile") -> JobProfile:
    """Validate and build a profile; every error names the file, the line and the field."""
    from focusgroup.export.profile_reader import parse_profile as parse

    return parse(text, source)


def default_field_order() -> tuple[str, ...]:
    """The order fields appear in the YAML (for docs and tests)."""
    return tuple(f.name for f in fields(JobProfile))


__all__ = [
    "Changes",
    "Function",
    "JobProfile",
    "OnetFacts",
    "ProfileCompetency",
    "ProfileError",
    "Reworded",
    "Task",
    "dump_profile",
    "parse_profile",
    "read_profile",
    "write_profile",
]
