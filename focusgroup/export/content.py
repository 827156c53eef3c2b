"""What the summary says, computed once from a snapshot and shared by PDF, Markdown and e-mail.

Keeping the wording and ordering here means the PDF and the e-mail body never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from focusgroup.domain import wall as wall_model
from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.model import Card, Competency, Note
from focusgroup.export.snapshot import SessionSnapshot

TOP_OCCUPATIONS = 5
"""The guide's typical result: 3 to 5 (up to 10) top critical occupations."""

DISCUSSION_TOPICS: tuple[tuple[str, str], ...] = (
    ("shifting-needs", "Where needs are shifting"),
    ("entry-gaps", "Skills most often lacking in entry-level candidates"),
    ("advancement", "How people advance, and wages"),
    ("applicant-sources", "Where employers find qualified applicants"),
    ("why-critical", "Why these positions are critical"),
    ("recap-caveats", "Recap: additions and caveats"),
)


@dataclass(frozen=True)
class OccupationSummary:
    card: Card
    rank: int
    employers: int
    hands: int
    category: str
    level: str
    reasons: tuple[str, ...]
    competencies: dict[str, tuple[Competency, ...]]
    """Level label -> competencies named for it ("Any level" for those without one)."""
    lacking: tuple[Competency, ...]
    notes: tuple[Note, ...]
    onet_facts: str = ""
    """Job zone and national median wage for a crosswalked card, with any level flag."""


@dataclass(frozen=True)
class Summary:
    snapshot: SessionSnapshot
    occupations: tuple[OccupationSummary, ...]
    reason_counts: tuple[tuple[str, int], ...]
    """(label, count), most frequent first."""
    discussion: tuple[tuple[str, tuple[Note, ...]], ...]
    quotes: tuple[tuple[Note, str], ...]
    """(quote, attribution) pairs; attribution already respects quote_as and anonymity."""
    general_competencies: tuple[Competency, ...]
    """Competencies not tied to one occupation."""
    onet_attribution: str = ""
    """Set when any O*NET content is shown; O*NET's licence requires it with the content."""

    @property
    def top(self) -> tuple[OccupationSummary, ...]:
        return self.occupations[:TOP_OCCUPATIONS]

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


def summarize(snap: SessionSnapshot) -> Summary:
    by_card: dict[int, list[Competency]] = {}
    general: list[Competency] = []
    for comp in snap.competencies:
        (by_card.setdefault(comp.card_id, []) if comp.card_id is not None else general).append(comp)
    notes_by_card: dict[int, list[Note]] = {}
    for note in snap.notes:
        for card_id in note.card_ids:
            notes_by_card.setdefault(card_id, []).append(note)

    occupations = []
    attribution = ""
    for rank, ranked in enumerate(wall_model.rank_occupations(snap.cards), start=1):
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
        occupations.append(
            OccupationSummary(
                card=card,
                rank=rank,
                employers=ranked.employers,
                hands=ranked.hands,
                category=category.name if category else "Unsorted",
                level=snap.level_label(card.level),
                reasons=tuple(snap.reason_label(r) for r in card.all_reasons),
                competencies=grouped,
                lacking=tuple(c for c in comps if c.lacking),
                notes=tuple(notes_by_card.get(card.id, ())),
                onet_facts=facts,
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
    return Summary(
        snapshot=snap,
        occupations=tuple(occupations),
        reason_counts=reason_counts,
        discussion=tuple(discussion),
        quotes=tuple((q, snap.attribution(q)) for q in snap.quotes()),
        general_competencies=tuple(general),
        onet_attribution=attribution,
    )


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


def how_used(summary: Summary) -> str:
    """How the information will be used, in the guide's terms."""
    if summary.snapshot.is_competency_session:
        return (
            "Your corrections update the job profile for this occupation. Education and training "
            "partners will use it, and the skills gaps you named, to decide what to teach first."
        )
    return (
        "The occupations you ranked become the focus of the career pathway. For each of the top "
        "occupations we will draft a job profile (functions, tasks, skills) from what you said "
        "and national O*NET data, and bring it to hiring managers and to high-performing "
        "employees to correct."
    )


def when_next(summary: Summary) -> str:
    """When participants will hear again."""
    if summary.snapshot.is_competency_session:
        return (
            "You will receive the updated profile for review. We will come back to you with a "
            "second round, or with the career pathway map, once all the occupations are done."
        )
    return (
        "You will hear from us when the draft job profiles are ready, with an invitation to the "
        "focus group on each top occupation. Please send us official job descriptions for these "
        "positions if you can."
    )
