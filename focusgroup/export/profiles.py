"""Strawman job profiles: the model. YAML reading and writing is in `profile_yaml`.

A profile describes one occupation: what employers call it, its job functions with the tasks
under each (the guide's Appendix C matrix), competencies (foundational, technical, and the
credentials a job requires), paths in and out at their level, skills gaps and open questions,
and O*NET / OEWS facts. Each export of a profile from a follow-up session is the next
`version`, with `changes` listing what the room did to the previous one and `rounds` saying
who vetted it and when.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.wall import PATHS_IN_CATEGORY, PATHS_OUT_CATEGORY  # the wall's too

FORMAT = "focusgroup-job-profile"
LEVELS = ("entry", "mid", "advanced")
GROUPS = ("foundational", "technical", "credential")
"""Competency groups: the competency model's two tiers, and credentials and requirements."""

LOOSE_FUNCTION = "Not yet placed under a function"
"""Where a task the room wrote but placed under no function is listed."""

SOURCE_EMPLOYERS = "employers"
SOURCE_ONET = "O*NET"


class ProfileError(FocusGroupError):
    """A job profile YAML that is missing, unreadable or has a field of the wrong shape."""


@dataclass(frozen=True)
class Task:
    text: str
    level: str = ""
    """Entry, mid or advanced: the level at which the task is expected ("" = any)."""
    lacking: bool = False
    """Employers say it is most often lacking in entry-level candidates."""
    source: str = ""
    """Where it came from: "O*NET", "employers" (said in the room), "focus group" (added)."""
    underperformed: bool = False
    """Employers say it is most often done poorly on the job (by anyone, not only new hires)."""
    votes: int = 0
    """Hands raised for "which three tasks should training prioritise"."""
    minimum: str = ""
    """What someone meeting the minimum does on this task."""
    mid_level: str = ""
    """What a mid-level person does differently."""
    advanced: str = ""


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
    group: str = ""
    """foundational, technical or credential ("" = not sorted yet)."""
    source: str = ""
    task: str = ""
    """The task this knowledge, skill or ability underlies, when the room linked one."""


@dataclass(frozen=True)
class PathStep:
    """A job people come from or move on to, at its level on the wall."""

    text: str
    level: str = ""


@dataclass(frozen=True)
class RoomNote:
    """What the room said under one of the protocol's note topics."""

    topic: str
    text: str
    round: int = 0


@dataclass(frozen=True)
class Round:
    """One focus group that reviewed the profile."""

    number: int
    who: str
    """"hiring authorities" or "high-performing employees"."""
    date: str = ""
    session: str = ""
    employers: int = 0
    """How many employers (organisations) took part."""
    participants: int = 0


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
    renamed_functions: tuple[Reworded, ...] = ()
    new_competencies: tuple[str, ...] = ()
    relevelled_tasks: tuple[str, ...] = ()
    """"task: entry → mid"."""
    merged_tasks: tuple[Reworded, ...] = ()
    """A task the room merged into another: `before` the merged one, `after` the one kept."""

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "previous_version")


@dataclass(frozen=True)
class Rated:
    name: str
    importance: float | None = None
    """O*NET importance, 1 to 5."""


@dataclass(frozen=True)
class TechItem:
    name: str
    in_demand: bool = False
    """O*NET 'in demand': frequently listed in employers' job postings."""
    hot: bool = False
    """O*NET 'hot technology'."""


@dataclass(frozen=True)
class Share:
    label: str
    percent: float = 0.0


@dataclass(frozen=True)
class Wages:
    """National OEWS percentiles: 10th, 25th, median, 75th, 90th (None = not published)."""

    code: str
    title: str = ""
    hourly: tuple[float | None, ...] = ()
    annual: tuple[float | None, ...] = ()
    top_coded: tuple[bool, ...] = ()
    """True where BLS prints '#': at or above $115.00 an hour / $239,200 a year."""
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class OnetFacts:
    """Facts from O*NET and OEWS, as shipped with focusgroup (see the attribution)."""

    job_zone: str = ""
    education: str = ""
    """The level most respondents say is required."""
    median_wage: str = ""
    employment: str = ""
    technology: tuple[TechItem, ...] = ()
    related: tuple[str, ...] = ()
    skills: tuple[Rated, ...] = ()
    knowledge: tuple[Rated, ...] = ()
    abilities: tuple[Rated, ...] = ()
    education_shares: tuple[Share, ...] = ()
    experience: tuple[Share, ...] = ()
    """Related work experience required."""
    training: tuple[Share, ...] = ()
    """On-the-job training."""
    wages: Wages | None = None
    core_tasks: tuple[str, ...] = ()
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
    uncoded: bool = False
    """A skeleton of what the room said, for an occupation not yet crosswalked to O*NET."""
    wordings: tuple[str, ...] = ()
    functions: tuple[Function, ...] = ()
    competencies: tuple[ProfileCompetency, ...] = ()
    level_changes: tuple[str, ...] = ()
    """What changes from one level to the next, in employers' words."""
    paths_in: tuple[PathStep, ...] = ()
    paths_out: tuple[PathStep, ...] = ()
    skills_gaps: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()
    room_notes: tuple[RoomNote, ...] = ()
    rounds: tuple[Round, ...] = ()
    sources: tuple[str, ...] = ()
    """Which sessions (title, date) this version was built from."""
    onet: OnetFacts | None = None
    changes: Changes | None = None

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for f in self.functions for t in f.tasks)

    def competencies_at(self, level: str) -> tuple[ProfileCompetency, ...]:
        return tuple(c for c in self.competencies if c.level == level)

    def competencies_in(self, group: str) -> tuple[ProfileCompetency, ...]:
        return tuple(c for c in self.competencies if c.group == group)


def default_field_order() -> tuple[str, ...]:
    """The order fields appear in the YAML (for docs and tests)."""
    return tuple(f.name for f in fields(JobProfile))


# The YAML side, re-exported so `from focusgroup.export.profiles import read_profile` works.
from focusgroup.export.profile_yaml import (  # noqa: E402
    dump_profile,
    parse_profile,
    read_profile,
    to_dict,
    write_profile,
)

__all__ = [
    "LOOSE_FUNCTION",
    "PATHS_IN_CATEGORY",
    "PATHS_OUT_CATEGORY",
    "Changes",
    "Function",
    "JobProfile",
    "OnetFacts",
    "PathStep",
    "ProfileCompetency",
    "ProfileError",
    "Rated",
    "Reworded",
    "RoomNote",
    "Round",
    "Share",
    "Task",
    "TechItem",
    "Wages",
    "dump_profile",
    "parse_profile",
    "read_profile",
    "to_dict",
    "write_profile",
]
