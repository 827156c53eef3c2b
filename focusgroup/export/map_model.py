"""The career pathway map as data: one `MapPage` per pathway, every figure with its source.

Built once from a snapshot, the O*NET index and the regional OEWS index; the PDF, SVG,
Markdown and JSON writers only lay it out. Nothing is estimated: a figure we don't have is
`TO_COLLECT`, and every figure we do have points at a footnote naming its source and year.

Local certifications and degrees come from a programs inventory when one is given
(`Credentials`); until then the column says "to collect".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from focusgroup.domain import pathway as pathway_model
from focusgroup.domain.model import Card, Competency, Projection
from focusgroup.export.snapshot import SessionSnapshot

if TYPE_CHECKING:
    from focusgroup.crosswalk.profile import OnetProfile
    from focusgroup.regional.index import Area, AreaWage

TO_COLLECT = "to collect"
EMPTY_LEVEL = "No occupation at this level in this pathway."
"""A level a pathway has no card at (the wall may have some there, in another pathway)."""
MAX_TECHNOLOGY = 4
"""O*NET technology examples per occupation on the map (hot and in-demand ones first)."""
MAX_RISES = 3
"""Skills/knowledge per 'to move up' comparison."""

OEWS_RELEASE = "May 2025"
OEWS_NAME = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics"
ONET_RELEASE_DATES = {"30.0": "August 2025"}
"""When each O*NET release was published, for the footnote's year."""
ONET_NOTE = (
    "O*NET {release} Database{published}, U.S. Department of Labor, Employment and Training "
    "Administration (USDOL/ETA), used under CC BY 4.0; modified by focusgroup, not approved by "
    "USDOL/ETA: "
    "typical education (the level most respondents say the job requires), description, "
    "technology (hot and in-demand first), skill and knowledge levels (0-7 scale)."
)


@dataclass(frozen=True)
class Credentials:
    """Where local certifications and degrees come from (issue 17's programs inventory).

    `find(soc_code, onet_code)` returns the programs that lead to an occupation (an empty
    sequence when the inventory has none); `citation` names the inventory and its date for the
    footnote. Pass one to `build_map(..., credentials=...)`.
    """

    find: Callable[[str, str], Sequence[str]]
    citation: str
    for_card: Callable[[Card], Sequence[str]] | None = None
    """When given, used instead of `find`: the inventory can also match an occupation by the
    wall's words, which an uncoded card has no codes for (issue 17's `offered_here`)."""


@dataclass(frozen=True)
class Figure:
    """A printed value and the footnote key of its source ('' when there is nothing to cite)."""

    text: str
    source: str = ""

    @property
    def missing(self) -> bool:
        return self.text == TO_COLLECT


@dataclass(frozen=True)
class MapOccupation:
    card_id: int
    title: str
    """As the employers wrote it (the stack's lead card)."""
    employers: int
    """Distinct employers who named it (one employer's first and third card count once)."""
    category: str
    level: str
    soc_code: str
    onet_title: str
    education: Figure
    description: Figure
    technology: tuple[str, ...]
    """O*NET examples, hot and in-demand technologies first."""
    technology_source: str
    named_by_room: tuple[str, ...]
    """Competencies the room named for this occupation."""
    openings: Figure
    wage_area: Figure
    wage_nation: Figure
    credentials: tuple[str, ...] | None
    """None: to collect (no programs inventory yet)."""
    credentials_source: str = ""


@dataclass(frozen=True)
class Comparison:
    """One link's step up: the O*NET levels that rise from one occupation to the next."""

    from_title: str
    to_title: str
    rises: tuple[pathway_model.Rise, ...]
    note: str = ""
    """Why there is no comparison (an occupation is not crosswalked), else ''."""
    skips_from: str = ""
    """The level the link starts at when it skips one (entry -> advanced sits in the box
    before advanced, and says it starts at entry); '' for a step to the next level."""


@dataclass(frozen=True)
class MoveUp:
    """The box between two levels."""

    from_level: str
    to_level: str
    comparisons: tuple[Comparison, ...]
    named: tuple[str, ...]
    """Competencies the room named for the next level."""


@dataclass(frozen=True)
class MapLink:
    from_id: int
    to_id: int
    from_title: str
    to_title: str


@dataclass(frozen=True)
class MapPage:
    pathway: str
    session_title: str
    session_date: str
    area_name: str
    """'' when the session has no area."""
    levels: tuple[tuple[str, str], ...]
    """(key, label) in order: entry, mid, advanced."""
    occupations: tuple[MapOccupation, ...]
    links: tuple[MapLink, ...]
    move_ups: tuple[MoveUp, ...]
    sources: tuple[tuple[str, str], ...] = field(default=())
    """(key, text) in footnote order; a figure's `source` is its position + 1."""

    def at_level(self, level: str) -> tuple[MapOccupation, ...]:
        return tuple(o for o in self.occupations if o.level == level)

    def starts(self, comparison: Comparison) -> str:
        """A comparison's starting occupation, with its level when the link skips one:
        'Nursing assistant (Entry level)' in the box before Advanced."""
        if not comparison.skips_from:
            return comparison.from_title
        return f"{comparison.from_title} ({dict(self.levels)[comparison.skips_from]})"

    def footnote(self, key: str) -> int:
        """The footnote number of a source key (1-based); 0 for none."""
        for index, (k, _) in enumerate(self.sources):
            if k == key:
                return index + 1
        return 0


def _onet_note(release: str) -> str:
    release = release or "30.0"
    date = ONET_RELEASE_DATES.get(release)
    return ONET_NOTE.format(release=release, published=f" ({date} release)" if date else "")


def money(value: str) -> str:
    """'21.32' -> '$21.32'; '44340' -> '$44,340'."""
    whole, _, cents = value.partition(".")
    return f"${int(whole):,}" + (f".{cents}" if cents else "")


class _Sources:
    """Footnote texts keyed by source, in order of first use."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    def use(self, key: str, text: str) -> str:
        self.items.setdefault(key, text)
        return key


def build_map(
    snap: SessionSnapshot,
    *,
    area_code: str | None = None,
    pathway: str | None = None,
    credentials: Credentials | None = None,
) -> list[MapPage]:
    """One page per pathway (or only the one named). `area_code` overrides the session's."""
    from focusgroup.crosswalk.profile import occupation_profile
    from focusgroup.regional import index as regional

    area_code = snap.session.area if area_code is None else area_code
    area = regional.area_by_code(area_code) if area_code else None
    wages = regional.area_wages(area.code) if area else {}
    found = pathway_model.pathways(snap.categories, snap.cards, snap.links, snap.levels)
    if pathway is not None:
        found = [pathway_model.choose_pathway(found, pathway)]
    profiles: dict[str, OnetProfile | None] = {}

    def profile(card: Card) -> OnetProfile | None:
        code = card.onet_code or card.soc_code
        if code and code not in profiles:
            profiles[code] = occupation_profile(code)
        return profiles.get(code) if code else None

    levels = tuple((key, snap.level_label(key)) for key in snap.levels)
    room_key = "room"
    room_text = f"Employer focus group \u201c{snap.session.title}\u201d" + (
        f", {snap.session.date}" if snap.session.date else ""
    )
    pages = []
    for found_pathway in found:
        sources = _Sources()
        sources.use(room_key, room_text + ": occupations, levels, links and competencies named.")
        occupations = tuple(
            _occupation(card, snap, profile(card), area, wages, sources, credentials)
            for card in found_pathway.cards
        )
        titles = {c.id: c.text for c in found_pathway.cards}
        links = tuple(
            MapLink(k.card_id, k.to_card_id, titles[k.card_id], titles[k.to_card_id])
            for k in found_pathway.links
        )
        move_ups = _move_ups(found_pathway, snap, profile, sources)
        pages.append(
            MapPage(
                pathway=found_pathway.name,
                session_title=snap.session.title,
                session_date=snap.session.date,
                area_name=area.name if area else "",
                levels=levels,
                occupations=occupations,
                links=links,
                move_ups=move_ups,
                sources=tuple(sources.items.items()),
            )
        )
    return pages


def _occupation(
    card: Card,
    snap: SessionSnapshot,
    prof: OnetProfile | None,
    area: Area | None,
    wages: dict[str, AreaWage],
    sources: _Sources,
    credentials: Credentials | None,
) -> MapOccupation:
    from focusgroup.regional.index import footnotes

    category = snap.category(card.category_id)
    soc = card.soc_code or (prof.soc_code if prof else "")
    onet_key = ""
    if prof is not None:
        onet_key = sources.use("onet", _onet_note(prof.release))
    education = Figure(TO_COLLECT)
    description = Figure(TO_COLLECT)
    technology: tuple[str, ...] = ()
    if prof is not None:
        if prof.education_shares:
            top = prof.education_shares[0]
            education = Figure(f"{top.label} ({top.percent:.0f}% of respondents)", onet_key)
        if prof.description:
            description = Figure(prof.description, onet_key)
        flagged = [t for t in prof.technologies if t.hot or t.in_demand]
        others = [t for t in prof.technologies if not (t.hot or t.in_demand)]
        technology = tuple(t.name for t in [*flagged, *others][:MAX_TECHNOLOGY])
    named = _named_for(card, snap.competencies)
    # Wages: the area's from the regional index, the nation's from the O*NET index's OEWS table.
    wage_area = Figure(TO_COLLECT if not area else "not published for this area")
    if area and soc:
        wage = wages.get(soc)
        group = prof.wage.oes_code if prof is not None and prof.wage is not None else ""
        of_group = ""
        if wage is None and group and group != soc:  # BLS publishes only the broad group
            wage = wages.get(group)
            of_group = f" (BLS group {group})" if wage is not None else ""
        if wage is not None:
            key = sources.use(
                "oews-area",
                f"{OEWS_NAME}, {OEWS_RELEASE}: {area.described}, all industries; "
                "median hourly wage. Estimates exclude the self-employed.",
            )
            wage_area = Figure(
                _hourly(
                    wage.get("h_median"),
                    wage.get("a_median"),
                    wage.notes.get("h_median", ""),
                    footnotes(),
                )
                + of_group,
                key,
            )
    elif area:
        wage_area = Figure(TO_COLLECT)
    wage_nation = Figure(TO_COLLECT)
    if prof is not None and prof.wage is not None:
        key = sources.use(
            "oews-nation",
            f"{OEWS_NAME}, {OEWS_RELEASE}: United States, all industries; median hourly wage.",
        )
        w = prof.wage
        hourly = f"{w.median_hourly:.2f}" if w.median_hourly is not None else "-"
        annual = str(w.median_annual) if w.median_annual is not None else "-"
        text = _hourly(hourly, annual, "", {})
        if w.oes_code != soc and soc:
            text += f" (BLS group {w.oes_code})"
        wage_nation = Figure(text, key)
    openings = _openings(soc, snap.projections, area, sources)
    found_credentials: tuple[str, ...] | None = None
    credentials_key = ""
    if credentials is not None:
        if credentials.for_card is not None:
            found_credentials = tuple(credentials.for_card(card))
        else:
            found_credentials = tuple(credentials.find(soc, card.onet_code))
        credentials_key = sources.use("programs", credentials.citation)
    return MapOccupation(
        card_id=card.id,
        title=card.text,
        employers=card.employers,
        category=category.name if category else "",
        level=card.level,
        soc_code=soc,
        onet_title=prof.title if prof is not None else (card.soc_title or ""),
        education=education,
        description=description,
        technology=technology,
        technology_source=onet_key if technology else "",
        named_by_room=named,
        openings=openings,
        wage_area=wage_area,
        wage_nation=wage_nation,
        credentials=found_credentials,
        credentials_source=credentials_key,
    )


def _hourly(hourly: str, annual: str, note: str, notes: dict[str, str]) -> str:
    """BLS's published median: hourly; annual only when BLS publishes no hourly figure."""
    if hourly not in ("", "-"):
        return money(hourly) + " an hour"
    if note == "5":
        return "$115.00 an hour or more"
    if annual not in ("", "-"):
        return money(annual) + " a year (no hourly figure: not a year-round, full-time job)"
    return "not published" + (f" ({notes[note].rstrip('.')})" if note in notes else "")


def _openings(
    soc: str, projections: Sequence[Projection], area: Area | None, sources: _Sources
) -> Figure:
    if not soc:
        return Figure(TO_COLLECT)
    row = pathway_model.projection_for(projections, soc, (area.name, area.code) if area else ())
    if row is None:
        return Figure(TO_COLLECT)
    where = f", {row.area}" if row.area else ""
    period = f", projections {row.period}" if row.period else ""
    key = sources.use(
        f"proj:{row.source}|{row.period}|{row.area}",
        f"{row.source}{where}{period}: annual openings.",
    )
    return Figure(f"{row.annual_openings} a year", key)


def _named_for(card: Card, competencies: Sequence[Competency]) -> tuple[str, ...]:
    ids = {c.id for c in card.all_cards}
    return tuple(dict.fromkeys(c.text for c in competencies if c.card_id in ids))


def _move_ups(
    found: pathway_model.Pathway,
    snap: SessionSnapshot,
    profile: Callable[[Card], OnetProfile | None],
    sources: _Sources,
) -> tuple[MoveUp, ...]:
    from focusgroup.regional.index import onet_levels

    levels = list(snap.levels)
    rank = {level: i for i, level in enumerate(levels)}
    boxes = []
    for i in range(len(levels) - 1):
        lower, upper = levels[i], levels[i + 1]
        comparisons = []
        for link in found.links:
            a, b = found.card(link.card_id), found.card(link.to_card_id)
            # A link belongs to the box before the level it reaches ("to move up to Advanced"),
            # whichever lower level it starts from.
            if a is None or b is None or rank[b.level] != i + 1 or rank[a.level] > i:
                continue
            skips = a.level if rank[a.level] < i else ""
            pa, pb = profile(a), profile(b)
            if pa is None or pb is None:
                missing = a.text if pa is None else b.text
                note = f"{TO_COLLECT}: crosswalk {missing} to O*NET"
                comparisons.append(Comparison(a.text, b.text, (), note, skips))
                continue
            rises = pathway_model.rising_levels(
                onet_levels(pa.onet_code), onet_levels(pb.onet_code), limit=MAX_RISES
            )
            sources.use("onet", _onet_note(pb.release))
            note = "" if rises else "no O*NET skill or knowledge level rises by half a point"
            comparisons.append(Comparison(a.text, b.text, tuple(rises), note, skips))
        next_ids = {c.id for c in found.at_level(upper)}
        member_ids = {m.id for c in found.cards for m in c.all_cards}
        named = tuple(
            dict.fromkeys(
                c.text
                for c in snap.competencies
                if (
                    c.level == upper
                    and (
                        c.card_id in member_ids
                        or (c.card_id is None and c.category_id in found.category_ids)
                    )
                )
                or (not c.level and c.card_id in next_ids)
            )
        )
        boxes.append(MoveUp(lower, upper, tuple(comparisons), named))
    return tuple(boxes)
