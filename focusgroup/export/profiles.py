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
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such job profile file.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path}: can't read it ({error}).") from None
    return parse_profile(text, str(path))


def parse_profile(text: str, source: str = "profile") -> JobProfile:
    """Validate and build a profile; every error names the file and the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "is not valid YAML"
        raise ProfileError(f"{source}{where}: {problem}.") from None
    return _Reader(source).profile(data)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, problem: str) -> ProfileError:
        return ProfileError(f"{self.source}: {path} {problem}")

    def mapping(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a mapping of fields, got {_kind(value)}.")
        unknown = [k for k in value if k not in allowed]
        if unknown:
            raise self.fail(
                f"{path}.{unknown[0]}" if path != "profile" else str(unknown[0]),
                f"is not a known field (expected one of: {', '.join(allowed)}).",
            )
        return value

    def text(self, value: Any, path: str, *, required: bool = False) -> str:
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(path, f"must be text, got {_kind(value)}.")
        text = str(value)
        if required and not text.strip():
            raise self.fail(path, "is required and can't be empty.")
        return text

    def level(self, value: Any, path: str) -> str:
        level = self.text(value, path).strip().lower()
        if level and level not in LEVELS:
            raise self.fail(path, f"must be one of {', '.join(LEVELS)} (or empty), got {level!r}.")
        return level

    def flag(self, value: Any, path: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail(path, f"must be true or false, got {_kind(value)}.")
        return value

    def seq(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, f"must be a list, got {_kind(value)}.")
        return value

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        return tuple(
            self.text(v, f"{path}[{i}]", required=True)
            for i, v in enumerate(self.seq(value, path), 1)
        )

    def profile(self, data: Any) -> JobProfile:
        if data is None:
            raise self.fail("the file", "is empty.")
        names = ("format", *(f.name for f in fields(JobProfile)))
        d = self.mapping(data, "profile", names)
        if "format" in d and d["format"] != FORMAT:
            raise self.fail("format", f"must be {FORMAT!r}, got {d['format']!r}.")
        version = d.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.fail("version", f"must be a whole number from 1, got {version!r}.")
        functions = []
        for i, f in enumerate(self.seq(d.get("functions"), "functions"), 1):
            where = f"functions[{i}]"
            fd = self.mapping(f, where, ("name", "tasks"))
            tasks = []
            for j, t in enumerate(self.seq(fd.get("tasks"), f"{where}.tasks"), 1):
                tw = f"{where}.tasks[{j}]"
                if isinstance(t, str):  # a bare string is a task: friendlier to hand-edit
                    t = {"text": t}
                td = self.mapping(t, tw, tuple(x.name for x in fields(Task)))
                tasks.append(
                    Task(
                        text=self.text(td.get("text"), f"{tw}.text", required=True),
                        level=self.level(td.get("level"), f"{tw}.level"),
                        lacking=self.flag(td.get("lacking"), f"{tw}.lacking"),
                        source=self.text(td.get("source"), f"{tw}.source"),
                    )
                )
            functions.append(
                Function(self.text(fd.get("name"), f"{where}.name", required=True), tuple(tasks))
            )
        comps = []
        for i, c in enumerate(self.seq(d.get("competencies"), "competencies"), 1):
            cw = f"competencies[{i}]"
            if isinstance(c, str):
                c = {"text": c}
            cd = self.mapping(c, cw, tuple(x.name for x in fields(ProfileCompetency)))
            comps.append(
                ProfileCompetency(
                    text=self.text(cd.get("text"), f"{cw}.text", required=True),
                    level=self.level(cd.get("level"), f"{cw}.level"),
                    ksa=self.text(cd.get("ksa"), f"{cw}.ksa"),
                    tier=self.text(cd.get("tier"), f"{cw}.tier"),
                    lacking=self.flag(cd.get("lacking"), f"{cw}.lacking"),
                )
            )
        return JobProfile(
            occupation=self.text(d.get("occupation"), "occupation", required=True),
            version=version,
            level=self.level(d.get("level"), "level"),
            soc_code=self.text(d.get("soc_code"), "soc_code"),
            onet_code=self.text(d.get("onet_code"), "onet_code"),
            soc_title=self.text(d.get("soc_title"), "soc_title"),
            description=self.text(d.get("description"), "description"),
            wordings=self.texts(d.get("wordings"), "wordings"),
            functions=tuple(functions),
            competencies=tuple(comps),
            level_changes=self.texts(d.get("level_changes"), "level_changes"),
            paths_in=self.texts(d.get("paths_in"), "paths_in"),
            paths_out=self.texts(d.get("paths_out"), "paths_out"),
            skills_gaps=self.texts(d.get("skills_gaps"), "skills_gaps"),
            open_questions=self.texts(d.get("open_questions"), "open_questions"),
            sources=self.texts(d.get("sources"), "sources"),
            onet=self.onet(d.get("onet")),
            changes=self.changes(d.get("changes")),
        )

    def onet(self, value: Any) -> OnetFacts | None:
        if value is None:
            return None
        d = self.mapping(value, "onet", tuple(f.name for f in fields(OnetFacts)))
        return OnetFacts(
            **{
                k: self.text(d.get(k), f"onet.{k}")
                for k in ("job_zone", "education", "median_wage", "employment", "attribution")
            },
            technology=self.texts(d.get("technology"), "onet.technology"),
            related=self.texts(d.get("related"), "onet.related"),
            skills=self.texts(d.get("skills"), "onet.skills"),
            knowledge=self.texts(d.get("knowledge"), "onet.knowledge"),
        )

    def changes(self, value: Any) -> Changes | None:
        if value is None:
            return None
        d = self.mapping(value, "changes", tuple(f.name for f in fields(Changes)))
        prev = d.get("previous_version")
        if isinstance(prev, bool) or not isinstance(prev, int):
            raise self.fail("changes.previous_version", "must be a whole number.")
        reworded = []
        for i, r in enumerate(self.seq(d.get("reworded_tasks"), "changes.reworded_tasks"), 1):
            rw = f"changes.reworded_tasks[{i}]"
            rd = self.mapping(r, rw, ("before", "after"))
            reworded.append(
                Reworded(
                    self.text(rd.get("before"), f"{rw}.before", required=True),
                    self.text(rd.get("after"), f"{rw}.after", required=True),
                )
            )
        lists = {
            k: self.texts(d.get(k), f"changes.{k}")
            for k in (
                "added_tasks",
                "removed_tasks",
                "moved_tasks",
                "added_functions",
                "removed_functions",
                "new_competencies",
            )
        }
        return Changes(previous_version=prev, reworded_tasks=tuple(reworded), **lists)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    return f"{type(value).__name__} {value!r}"


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
