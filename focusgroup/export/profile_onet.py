"""What a strawman takes from O*NET and OEWS: job functions, and the facts a partner needs.

Two shipped sources, read through `default_onet_lookup()`: the occupation index
(`crosswalk.profile`: description, KSAs with importance, technology, education, job zone,
related occupations) and the strawman data file (`crosswalk.strawman_data`: tasks grouped into
functions by work activity, experience and training, wage percentiles). Both are read
duck-typed, so a test can hand in a small fake and a renamed field costs a blank, not a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from focusgroup.export.profiles import (
    SOURCE_ONET,
    Function,
    OnetFacts,
    Rated,
    Share,
    Task,
    TechItem,
    Wages,
)

OnetLookup = Callable[[str], Any]
TECHNOLOGY_SHOWN = 15
RATED_SHOWN = 8
RELATED_SHOWN = 8


@dataclass(frozen=True)
class OnetBundle:
    """The default lookup's answer: the index profile and the strawman facts (either may be
    None). `functions` are the strawman's, never the index's generalised work activities."""

    profile: Any
    strawman: Any

    def __getattr__(self, name: str) -> Any:
        if name in ("profile", "strawman"):
            raise AttributeError(name)
        return getattr(self.profile, name, None) if self.profile is not None else None

    @property
    def functions(self) -> tuple[Any, ...]:
        draft = getattr(self.strawman, "draft", None)
        return tuple(getattr(draft, "functions", ()) or ())

    @property
    def left_over(self) -> tuple[str, ...]:
        draft = getattr(self.strawman, "draft", None)
        return tuple(getattr(draft, "left_over", ()) or ())


def default_onet_lookup() -> OnetLookup | None:
    """Index profile + strawman data for a code, or None when neither module is installed."""
    try:
        from focusgroup.crosswalk.profile import occupation_profile
        from focusgroup.crosswalk.strawman_data import strawman_facts
    except ImportError:
        return None

    def lookup(code: str) -> OnetBundle | None:
        profile = occupation_profile(code)
        strawman = strawman_facts(profile.onet_code if profile is not None else code)
        if profile is None and strawman is None:
            return None
        return OnetBundle(profile, strawman)

    return lookup


def onet_functions(onet: Any) -> tuple[Function, ...]:
    """Accepts `functions` as objects with name/tasks, (name, tasks) pairs or a mapping."""
    raw = getattr(onet, "functions", None) if onet is not None else None
    if not raw:
        return ()
    items = raw.items() if isinstance(raw, dict) else raw
    functions = []
    for item in items:
        if isinstance(item, tuple):
            name, tasks = item
        else:
            name, tasks = getattr(item, "name", ""), getattr(item, "tasks", ())
        texts = [str(getattr(t, "text", t)) for t in tasks]
        if name and texts:
            functions.append(Function(str(name), tuple(Task(t, source=SOURCE_ONET) for t in texts)))
    return tuple(functions)


def onet_left_over(onet: Any) -> tuple[str, ...]:
    return tuple(str(t) for t in (getattr(onet, "left_over", None) or ()))


def onet_facts(onet: Any) -> OnetFacts | None:
    if onet is None:
        return None
    strawman = getattr(onet, "strawman", None)
    zone = getattr(onet, "job_zone", None)
    zone_name = str(getattr(onet, "job_zone_name", "") or "")
    job_zone = f"{zone}" + (f" ({zone_name})" if zone_name else "") if zone else ""
    wage = getattr(onet, "wage", None)
    median = employment = ""
    if wage is not None:
        annual = getattr(wage, "median_annual", None)
        hourly = getattr(wage, "median_hourly", None)
        parts = [
            f"${annual:,} a year" if annual else "",
            f"${hourly:.2f} an hour" if hourly else "",
        ]
        median = " / ".join(p for p in parts if p)
        count = getattr(wage, "employment", None)
        employment = f"{count:,} (national)" if count else ""
    attribution = str(getattr(onet, "attribution", "") or "")
    if not attribution:
        try:
            from focusgroup.crosswalk.attribution import ONET_ATTRIBUTION

            attribution = ONET_ATTRIBUTION
        except ImportError:
            pass
    percentiles = _wages(getattr(strawman, "wages", None))
    wage_source = getattr(wage, "source", "") or (percentiles.source if percentiles else "")
    if wage_source and (median or percentiles):
        attribution = f"{attribution} {wage_source}".strip()
    shares = tuple(
        Share(str(getattr(s, "label", "")), float(getattr(s, "percent", 0) or 0))
        for s in getattr(onet, "education_shares", None) or ()
    )
    return OnetFacts(
        job_zone=job_zone,
        education=str(getattr(onet, "education", "") or ""),
        median_wage=median,
        employment=employment,
        technology=_technology(getattr(onet, "technologies", None) or ()),
        related=tuple(_name(r) for r in getattr(onet, "related", None) or ())[:RELATED_SHOWN],
        skills=_rated(getattr(onet, "skills", None)),
        knowledge=_rated(getattr(onet, "knowledge", None)),
        abilities=_rated(getattr(onet, "abilities", None)),
        education_shares=shares,
        experience=_shares(getattr(strawman, "experience", None)),
        training=_shares(getattr(strawman, "training", None)),
        wages=percentiles,
        core_tasks=tuple(t.text for t in getattr(strawman, "core_tasks", None) or ()),
        attribution=attribution,
    )


def _name(value: Any) -> str:
    if isinstance(value, str):  # str has a .title method: never ask a string for one
        return value
    return str(getattr(value, "title", None) or getattr(value, "name", None) or value)


def _technology(items: Any) -> tuple[TechItem, ...]:
    """In-demand first (what employers' postings ask for), then hot, then the rest."""
    techs = [
        TechItem(
            _name(getattr(t, "name", t)),
            in_demand=bool(getattr(t, "in_demand", False)),
            hot=bool(getattr(t, "hot", False)),
        )
        for t in items
    ]
    techs.sort(key=lambda t: (not t.in_demand, not t.hot))
    return tuple(techs[:TECHNOLOGY_SHOWN])


def _rated(items: Any) -> tuple[Rated, ...]:
    out = []
    for item in items or ():
        importance = getattr(item, "importance", None)
        out.append(Rated(_name(item), float(importance) if importance is not None else None))
    return tuple(out[:RATED_SHOWN])


def _shares(items: Any) -> tuple[Share, ...]:
    return tuple(Share(str(s.label), float(s.percent)) for s in items or ())


def _wages(w: Any) -> Wages | None:
    if w is None:
        return None
    note = f"BLS publishes the broad group {w.code} {w.title}" if w.broad else ""
    return Wages(
        code=w.code,
        title=w.title,
        hourly=tuple(w.hourly),
        annual=tuple(w.annual),
        top_coded=tuple(w.top_coded) if any(w.top_coded) else (),
        note=note,
        source=w.source,
    )
