"""What the summary says, computed once from a snapshot and shared by PDF, Markdown and e-mail.

Keeping the wording, the numbers and the ordering here means the PDF, the Markdown and the
e-mail never disagree. Every count is of distinct employers, reasons given or hands raised,
as the session file holds them; a show of hands never taken is None, not 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from focusgroup.domain import wall as wall_model
from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.model import Card, Category, Commitment, Competency, Note
from focusgroup.export.profiles import LOOSE_FUNCTION, PATHS_IN_CATEGORY, PATHS_OUT_CATEGORY
from focusgroup.export.snapshot import SessionSnapshot

TOP_OCCUPATIONS = 5
"""Without a shortlist, how many of the ranking the summary leads with (the guide: 3 to 5)."""

DISCUSSION_TOPICS: tuple[tuple[str, str], ...] = (
    ("shifting-needs", "Where needs are shifting"),
    ("entry-gaps", "Skills most often lacking in entry-level candidates"),
    ("advancement", "How people advance, and wages"),
    ("applicant-sources", "Where employers find qualified applicants"),
    ("why-critical", "Why these positions are critical"),
    ("recap-caveats", "Recap: additions and caveats"),
)

UNSORTED_LABEL = "Unsorted"
NOT_YET_SORTED = "Not yet sorted"
"""How a card still in the Unsorted tray is described (the wall grid's own words)."""

ORDER_WITHOUT_SHORTLIST = (
    "The room did not mark a shortlist, so these are the first {n} in order of how many "
    "employers named each, then how many reasons they gave, then the show of hands."
)
ORDER_OF_THE_WALL = (
    "Every {card} on the wall, in order of how many employers named each, then how many "
    "reasons they gave for it, then the show of hands."
)


@dataclass(frozen=True)
class OccupationSummary:
    card: Card
    rank: int
    """Place in "everything on the wall" (1, 2, 3... with no gaps)."""
    employers: int
    """Distinct employers who named it."""
    hands: int | None
    """Show of hands; None when none was taken for it."""
    reasons_given: int
    category: str
    level: str
    reasons: tuple[str, ...]
    competencies: dict[str, tuple[Competency, ...]]
    """Level label -> competencies named for it ("Any level" for those without one)."""
    lacking: tuple[Competency, ...]
    notes: tuple[Note, ...]
    """The note-taker's notes on it (never quotes: those are in `quotes`)."""
    quotes: tuple[tuple[Note, str], ...] = ()
    """(quote, attribution) for quotes tied to it."""
    onet_facts: str = ""
    """Job zone and national median wage for a crosswalked card, with any level flag."""
    shortlist_place: int = 0
    """1-based place on the room's shortlist; 0 when not on it."""

    def place(self, sep: str = ", ") -> str:
        """Where it sits on the wall: "Production, Mid level"; "Not yet sorted" for a card
        still in the Unsorted tray (which has no level), never "Unsorted, Unsorted"."""
        if self.card.category_id is None:  # a category of the room's named "Unsorted" is one
            return NOT_YET_SORTED
        return f"{self.category}{sep}{self.level}"

    @property
    def has_more(self) -> bool:
        """Anything to say beyond its row in the table."""
        return bool(
            self.competencies
            or self.lacking
            or self.notes
            or self.quotes
            or self.onet_facts
            or len(self.card.wordings) > 1
        )


@dataclass(frozen=True)
class CommitmentLine:
    commitment: Commitment
    offered_by: str
    """"Name, Organization" (the organization alone when anonymous); "" when nobody is set."""

    def describe(self) -> str:
        c = self.commitment
        parts = [c.offer.strip()]
        if c.detail.strip():
            parts[0] += f": {c.detail.strip()}"
        if self.offered_by:
            parts.append(f"offered by {self.offered_by}")
        if c.owner.strip():
            parts.append(f"owner {c.owner.strip()}")
        if c.due.strip():
            parts.append(f"by {c.due.strip()}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Summary:
    snapshot: SessionSnapshot
    occupations: tuple[OccupationSummary, ...]
    """Everything on the wall, ranked."""
    reason_counts: tuple[tuple[str, int], ...]
    """(label, count), most frequent first."""
    discussion: tuple[tuple[str, tuple[Note, ...]], ...]
    quotes: tuple[tuple[Note, str], ...]
    """(quote, attribution) pairs; attribution already respects quote_as and anonymity."""
    general_competencies: tuple[Competency, ...]
    """Competencies tied to neither an occupation nor a category: for the sector as a whole."""
    category_competencies: tuple[tuple[str, tuple[Competency, ...]], ...] = ()
    """(category name, competencies) for those tied to a category but no one occupation."""
    takeaways: tuple[str, ...] = ()
    takeaways_proposed: bool = False
    """True when the facilitator wrote none and these are the app's proposals."""
    commitments: tuple[CommitmentLine, ...] = ()
    onet_attribution: str = ""
    """Set when any O*NET content is shown; O*NET's licence requires it with the content."""

    @property
    def shortlist(self) -> tuple[OccupationSummary, ...]:
        """The room's shortlist in its agreed order; empty when the room marked none."""
        listed = [o for o in self.occupations if o.shortlist_place]
        return tuple(sorted(listed, key=lambda o: o.shortlist_place))

    @property
    def has_shortlist(self) -> bool:
        return bool(self.shortlist)

    @property
    def top(self) -> tuple[OccupationSummary, ...]:
        """What the summary leads with: the room's shortlist, else the top of the ranking.

        Empty for a competencies meeting: its tasks are not ranked (`functions` instead).
        """
        if self.snapshot.is_competency_session:
            return ()
        return self.shortlist or self.occupations[:TOP_OCCUPATIONS]

    @property
    def tasks(self) -> tuple[OccupationSummary, ...]:
        """What the summary counts as the wall's cards: every occupation; in a competencies
        meeting, the tasks (the jobs in its two path columns are paths, not tasks)."""
        snap = self.snapshot
        return tuple(o for o in self.occupations if not snap.path_side(o.card))

    @property
    def paths(self) -> tuple[tuple[str, tuple[OccupationSummary, ...]], ...]:
        """A competencies meeting's paths: ("Paths into the job", jobs...), then onward."""
        snap = self.snapshot
        out = []
        for side, label in (("in", PATHS_IN_CATEGORY), ("out", PATHS_OUT_CATEGORY)):
            jobs = tuple(o for o in self.occupations if snap.path_side(o.card) == side)
            if jobs:
                out.append((label, jobs))
        return tuple(out)

    @property
    def functions(self) -> tuple[tuple[str, int], ...]:
        """(job function, tasks under it as the room left them), for a competencies meeting:
        every function in wall order (an empty one too), then the tasks under none."""
        counts = {c.id: 0 for c in self.snapshot.functions}
        loose = 0
        for occ in self.tasks:
            if occ.card.category_id in counts:
                counts[occ.card.category_id] += 1
            else:
                loose += 1
        out = [(c.name, counts[c.id]) for c in _in_wall_order(self.snapshot.functions)]
        return (*out, (LOOSE_FUNCTION, loose)) if loose else tuple(out)

    @property
    def top_note(self) -> str:
        """How `top` was chosen, in words (said whenever it is not the room's own list)."""
        if self.has_shortlist:
            return "The occupations the room agreed are most critical."
        return ORDER_WITHOUT_SHORTLIST.format(n=len(self.top))

    @property
    def most_common_reasons(self) -> tuple[tuple[str, ...], int]:
        """The reason labels given most often (all of them when tied) and how often."""
        if not self.reason_counts:
            return (), 0
        top = self.reason_counts[0][1]
        return tuple(label for label, n in self.reason_counts if n == top), top

    @property
    def hands_taken(self) -> bool:
        return any(o.hands is not None for o in self.occupations)

    @property
    def employers(self) -> int:
        """Distinct employers who took part."""
        return len(self.snapshot.attending_employers)

    @property
    def cards_written(self) -> int:
        """Every card written (each merged one counted); in a competencies meeting, task cards."""
        return sum(o.card.count for o in self.tasks)

    @property
    def categories(self) -> int:
        """Categories on the wall; in a competencies meeting, job functions (not paths)."""
        return len(self.snapshot.functions)

    @property
    def reengage_on(self) -> str:
        return self.snapshot.session.reengage_on.strip()

    @property
    def reengage_text(self) -> str:
        """'March 14, 2025' for the stored date, or '' when none is set."""
        return readable_date(self.reengage_on)

    @property
    def terms(self) -> dict[str, str]:
        """Words for each kind of meeting: occupations and categories, or tasks and functions."""
        if self.snapshot.is_competency_session:
            return {
                "card": "task",
                "cards": "tasks",
                "category": "job function",
                "categories": "job functions",
            }
        return {
            "card": "occupation",
            "cards": "occupations",
            "category": "category",
            "categories": "categories",
        }


def times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def most_often_line(summary: Summary) -> str:
    """'Given most often: Hardest to fill (16 times).', every tied reason named."""
    labels, count = summary.most_common_reasons
    if not labels:
        return ""
    each = " each" if len(labels) > 1 else ""
    return f"Given most often: {', '.join(labels)} ({times(count)}{each})."


def readable_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return value.strip()
    return f"{day:%B} {day.day}, {day.year}"


def summarize(snap: SessionSnapshot) -> Summary:
    by_card: dict[int, list[Competency]] = {}
    by_category: dict[int, list[Competency]] = {}
    general: list[Competency] = []
    for comp in snap.competencies:
        if comp.card_id is not None:
            by_card.setdefault(comp.card_id, []).append(comp)
        elif comp.category_id is not None and snap.category(comp.category_id) is not None:
            by_category.setdefault(comp.category_id, []).append(comp)
        else:
            general.append(comp)
    notes_by_card: dict[int, list[Note]] = {}
    for note in snap.notes:
        for card_id in note.card_ids:
            notes_by_card.setdefault(card_id, []).append(note)

    shortlist_places = _shortlist_places(snap.cards)
    occupations = []
    attribution = ""
    ranking = snap.ranking()
    for rank, ranked in enumerate(ranking, start=1):
        card = ranked.card
        comps = by_card.get(card.id, [])
        grouped: dict[str, tuple[Competency, ...]] = {}
        for key in (*snap.levels, ""):
            at_level = tuple(c for c in comps if c.level == key)
            if at_level:
                grouped[snap.level_label(key) if key else "Any level"] = at_level
        category = snap.category(card.category_id)
        facts, source = onet_facts(card)
        attribution = attribution or source
        linked = [n for cid in (c.id for c in card.all_cards) for n in notes_by_card.get(cid, ())]
        linked = list(dict.fromkeys(linked))
        occupations.append(
            OccupationSummary(
                card=card,
                rank=rank,
                employers=ranked.employers,
                hands=ranked.hands,
                reasons_given=ranked.reasons,
                category=category.name if category else UNSORTED_LABEL,
                level=snap.level_label(card.level),
                reasons=tuple(snap.reason_label(r) for r in card.all_reasons),
                competencies=grouped,
                lacking=tuple(c for c in comps if c.lacking),
                notes=tuple(n for n in linked if n.kind == "note"),
                quotes=tuple((n, snap.attribution(n)) for n in linked if n.kind == "quote"),
                onet_facts=facts,
                shortlist_place=shortlist_places.get(card.id, 0),
            )
        )

    tallies = wall_model.reason_tallies(snap.cards)
    reason_counts = tuple(
        (snap.reason_label(key), count)
        for key, count in sorted(tallies.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    known = dict(DISCUSSION_TOPICS)
    topic_keys = [k for k, _ in DISCUSSION_TOPICS] + [
        t.key for t in snap.protocol.topics if t.key not in known
    ]
    discussion = []
    for key in topic_keys:
        notes = tuple(n for n in snap.notes if n.kind == "note" and n.topic == key)
        if notes:
            discussion.append((known.get(key) or snap.topic_label(key), notes))
    other = tuple(
        n for n in snap.notes if n.kind == "note" and n.topic not in topic_keys and not n.card_ids
    )
    if other:
        discussion.append(("Other notes", other))
    categories = tuple(
        (cat.name, tuple(by_category[cat.id])) for cat in snap.categories if cat.id in by_category
    )
    summary = Summary(
        snapshot=snap,
        occupations=tuple(occupations),
        reason_counts=reason_counts,
        discussion=tuple(discussion),
        # Quotes tied to an occupation are shown with it; the rest have their own section.
        quotes=tuple((q, snap.attribution(q)) for q in snap.quotes() if not q.card_ids),
        general_competencies=tuple(general),
        category_competencies=categories,
        commitments=tuple(
            CommitmentLine(c, snap.offered_by(c.participant_id)) for c in snap.commitments
        ),
        onet_attribution=attribution,
    )
    written = tuple(t.text.strip() for t in snap.takeaways if t.text.strip())
    if written:
        return _with(summary, takeaways=written, takeaways_proposed=False)
    from focusgroup.export.takeaways import propose_takeaways

    return _with(summary, takeaways=tuple(propose_takeaways(summary)), takeaways_proposed=True)


def _in_wall_order(categories: Iterable[Category]) -> list[Category]:
    return sorted(categories, key=lambda c: (c.position, c.id))


def _with(summary: Summary, **changes: object) -> Summary:
    from dataclasses import replace

    return replace(summary, **changes)  # type: ignore[arg-type]


def _shortlist_places(cards: tuple[Card, ...]) -> dict[int, int]:
    """Lead card id -> 1-based place, renumbered so the list reads 1, 2, 3 with no gaps."""
    listed = sorted((c for c in cards if c.on_shortlist), key=lambda c: (c.shortlist_place, c.id))
    return {card.id: place for place, card in enumerate(listed, start=1)}


def onet_facts(card: Card) -> tuple[str, str]:
    """("Job zone 2 (...) · national median $48,000 a year", attribution) for a coded card.

    Empty when the card is not crosswalked or the O*NET index is not available: the
    summary never depends on it.
    """
    code = card.onet_code or card.soc_code
    if not code:
        return "", ""
    try:
        from focusgroup.crosswalk.profile import occupation_profile
        from focusgroup.crosswalk.zones import level_disagreement

        profile = occupation_profile(code)
    except (ImportError, FocusGroupError, OSError):
        return "", ""
    if profile is None:
        return "", ""
    parts = []
    if profile.job_zone:
        # "Job Zone Three: Medium Preparation Needed" -> "medium preparation needed"
        plain = profile.job_zone_name.split(": ", 1)[-1].lower()
        name = f" ({plain})" if plain else ""
        parts.append(f"O*NET job zone {profile.job_zone}{name}")
    wage = profile.wage
    if wage is not None and wage.median_annual:
        parts.append(f"national median ${wage.median_annual:,} a year")
    flag = level_disagreement(profile.job_zone, card.level)
    if flag:
        parts.append(f"\u26a0 {flag}")
    source = profile.attribution
    if wage is not None and wage.median_annual and wage.source:
        source = f"{source} {wage.source}"
    return " · ".join(parts), source
