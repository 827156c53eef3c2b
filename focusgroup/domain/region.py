"""What many meetings say together: the region report's facts, read from a combined file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RegionMeeting:
    id: int
    title: str
    date: str
    region: str
    sector: str
    kind: str
    """"occupations" (a sticky-wall meeting) or "competencies" (one occupation's tasks)."""
    source_file: str
    employers: int
    """Distinct participants who wrote at least one card."""
    occupations: int
    """Cards on the wall once stacks are merged."""
    uncoded: tuple[str, ...]
    """Occupations on this meeting's wall without a SOC code."""


@dataclass(frozen=True)
class RegionOccupation:
    soc_code: str
    soc_title: str
    meetings: int
    employers: int
    """Distinct (meeting, employer) pairs: the same person at two meetings counts twice."""
    cards: int
    shortlisted: int | None
    """Meetings whose room shortlisted it; None when no meeting recorded a shortlist."""
    levels: tuple[tuple[str, int], ...]
    """(level key, stacks placed there), in the order entry, mid, advanced, then the rest."""
    reasons: tuple[tuple[str, int], ...]
    """(reason label, cards giving it), most given first."""
    wordings: tuple[str, ...] = field(default=())

    @property
    def line(self) -> str:
        meetings = "meeting" if self.meetings == 1 else "meetings"
        employers = "employer" if self.employers == 1 else "employers"
        return (
            f"{self.soc_title} ({self.soc_code}): named in {self.meetings} {meetings} "
            f"by {self.employers} {employers}"
        )


@dataclass(frozen=True)
class RecurringGap:
    competency: str
    meetings: int
    mentions: int
    occupations: tuple[str, ...]


@dataclass(frozen=True)
class RegionReport:
    meetings: tuple[RegionMeeting, ...]
    occupations: tuple[RegionOccupation, ...]
    gaps: tuple[RecurringGap, ...]
    """Competencies flagged lacking in entry-level candidates, most meetings first."""
    anonymous: bool

    @property
    def recurring_gaps(self) -> tuple[RecurringGap, ...]:
        return tuple(g for g in self.gaps if g.meetings > 1)
