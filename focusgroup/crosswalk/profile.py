"""Everything a strawman job profile needs about one O*NET occupation, read from the index.

    from focusgroup.crosswalk.profile import occupation_profile
    profile = occupation_profile("51-4041.00")   # or a SOC code, "51-4041"

Snapshots only (frozen dataclasses); exports and the UI format them as they like. Anything
shown from here must carry `profile.attribution` (O*NET's CC BY 4.0 terms) and, for wages,
`profile.wage.source`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from focusgroup.crosswalk.attribution import OES_CITATION, onet_attribution
from focusgroup.crosswalk.index import reading


@dataclass(frozen=True)
class JobFunction:
    """A column of the strawman: a generalised work activity and the core tasks under it."""

    name: str
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class RatedElement:
    """A skill, knowledge area or ability; importance 1-5, level 0-7 (O*NET scales)."""

    name: str
    importance: float
    level: float | None


@dataclass(frozen=True)
class Technology:
    name: str
    category: str
    hot: bool
    """O*NET 'hot technology': frequently asked for in job postings."""
    in_demand: bool


@dataclass(frozen=True)
class EducationShare:
    label: str
    percent: float
    """Share of respondents saying this level is required to get the job."""


@dataclass(frozen=True)
class RelatedOccupation:
    onet_code: str
    title: str
    tier: str
    """O*NET relatedness tier, e.g. 'Primary-Short' (most related first)."""


@dataclass(frozen=True)
class Wage:
    """National OEWS figures for the SOC occupation (or its broad group when BLS only
    publishes that); `None` fields are not published, `note` says why."""

    oes_code: str
    oes_title: str
    employment: int | None
    median_annual: int | None
    median_hourly: float | None
    note: str
    source: str = OES_CITATION


@dataclass(frozen=True)
class OnetProfile:
    onet_code: str
    soc_code: str
    title: str
    description: str
    job_zone: int | None
    job_zone_name: str
    functions: tuple[JobFunction, ...]
    skills: tuple[RatedElement, ...]
    knowledge: tuple[RatedElement, ...]
    abilities: tuple[RatedElement, ...]
    technologies: tuple[Technology, ...]
    """Hot technologies first, then in-demand ones, at most 30."""
    education: str
    """The level most respondents say is required ('' when O*NET has no data)."""
    education_shares: tuple[EducationShare, ...]
    related: tuple[RelatedOccupation, ...]
    wage: Wage | None
    release: str
    attribution: str

    @property
    def tasks(self) -> tuple[str, ...]:
        return tuple(task for function in self.functions for task in function.tasks)


_CODE = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")


def occupation_profile(code: str) -> OnetProfile | None:
    """The profile for an O*NET-SOC code ('51-4041.00') or a SOC code ('51-4041': its main
    O*NET occupation); None for a code the index does not know."""
    code = code.strip()
    if not _CODE.match(code):
        return None
    with reading() as (conn, _):
        occ = conn.execute(
            "SELECT o.*, z.name AS zone_name FROM occupation o "
            "LEFT JOIN job_zone z ON z.zone = o.job_zone "
            "WHERE o.onet_code = ? OR (length(?) = 7 AND o.soc_code = ?) "
            "ORDER BY o.onet_code LIMIT 1",
            (code, code, code),
        ).fetchone()
        if occ is None:
            return None
        occ_id = occ["id"]
        functions: dict[str, list[str]] = {}
        for row in conn.execute(
            "SELECT function, task FROM task WHERE occ = ? ORDER BY position", (occ_id,)
        ):
            functions.setdefault(row["function"], []).append(row["task"])
        if "Other tasks" in functions:  # keep the catch-all column last
            functions["Other tasks"] = functions.pop("Other tasks")
        ratings: dict[str, list[RatedElement]] = {"skill": [], "knowledge": [], "ability": []}
        for row in conn.execute(
            "SELECT e.domain, e.name, r.importance, r.level FROM rating r "
            "JOIN element e ON e.id = r.element WHERE r.occ = ? ORDER BY r.rank",
            (occ_id,),
        ):
            ratings[row["domain"]].append(
                RatedElement(row["name"], row["importance"], row["level"])
            )
        technologies = tuple(
            Technology(row["example"], row["category"], bool(row["hot"]), bool(row["in_demand"]))
            for row in conn.execute(
                "SELECT t.example, t.category, x.hot, x.in_demand FROM technology x "
                "JOIN tech t ON t.id = x.tech WHERE x.occ = ? ORDER BY x.position",
                (occ_id,),
            )
        )
        shares = tuple(
            EducationShare(row["label"], row["pct"])
            for row in conn.execute(
                "SELECT c.label, e.pct FROM education e "
                "JOIN education_category c ON c.category = e.category "
                "WHERE e.occ = ? ORDER BY e.pct DESC, e.category",
                (occ_id,),
            )
        )
        related = tuple(
            RelatedOccupation(row["onet_code"], row["title"], row["tier"])
            for row in conn.execute(
                "SELECT o.onet_code, o.title, r.tier FROM related r "
                "JOIN occupation o ON o.id = r.related WHERE r.occ = ? ORDER BY r.position",
                (occ_id,),
            )
        )
        soc = occ["soc_code"]
        wage_row = conn.execute(
            "SELECT * FROM wage WHERE code IN (?, ?) ORDER BY code = ? DESC LIMIT 1",
            (soc, soc[:6] + "0", soc),
        ).fetchone()
        release = (
            conn.execute("SELECT value FROM meta WHERE key = 'onet_release'").fetchone() or [""]
        )[0]
    wage = None
    if wage_row is not None:
        wage = Wage(
            wage_row["code"],
            wage_row["title"],
            wage_row["employment"],
            wage_row["median_annual"],
            wage_row["median_hourly"],
            wage_row["note"]
            or (
                ""
                if wage_row["code"] == soc
                else "BLS publishes this broad group, not the occupation"
            ),
        )
    return OnetProfile(
        onet_code=occ["onet_code"],
        soc_code=soc,
        title=occ["title"],
        description=occ["description"],
        job_zone=occ["job_zone"],
        job_zone_name=occ["zone_name"] or "",
        functions=tuple(JobFunction(name, tuple(tasks)) for name, tasks in functions.items()),
        skills=tuple(ratings["skill"]),
        knowledge=tuple(ratings["knowledge"]),
        abilities=tuple(ratings["ability"]),
        technologies=technologies,
        education=shares[0].label if shares else "",
        education_shares=shares,
        related=related,
        wage=wage,
        release=release,
        attribution=onet_attribution(release),
    )
