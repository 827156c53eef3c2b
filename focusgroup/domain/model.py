"""Domain objects read from a session. Frozen: the store hands out snapshots, never live rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    EMPLOYER = "employer"
    HIRING_AUTHORITY = "hiring authority"
    HIGH_PERFORMER = "high-performing employee"
    SUPPORT_PARTNER = "support partner"
    FACILITATOR = "facilitator"
    NOTE_TAKER = "note-taker"

    @property
    def writes_cards(self) -> bool:
        """Support partners listen; staff run the room. Only the others turn in cards."""
        return self not in (Role.SUPPORT_PARTNER, Role.FACILITATOR, Role.NOTE_TAKER)


class QuoteAs(StrEnum):
    """How a participant's words may be attributed in the summary."""

    NAMED = "named"
    ORGANIZATION = "organization"
    ANONYMOUS = "anonymous"


class Seat(StrEnum):
    """Who made a change: each seat has its own undo history."""

    FACILITATOR = "facilitator"
    NOTE_TAKER = "note-taker"
    CLI = "cli"
    PHONES = "phones"
    """Cards employers sent from their phones (`collect`)."""


UNSORTED = "unsorted"
DEFAULT_LEVELS: tuple[str, ...] = ("entry", "mid", "advanced")
CARDS_PER_EMPLOYER = 2
"""Each employer writes their two most critical positions; a card beyond those is a third card."""
SHIFTS: dict[str, str] = {"disappearing": "Disappearing", "transforming": "Transforming"}
"""The guide's "where are needs shifting": a position marked as going away or changing."""


@dataclass(frozen=True)
class Session:
    title: str
    sector: str
    region: str
    date: str
    protocol_id: str
    facilitator: str
    follow_up_url: str
    anonymous: bool
    current_step: int
    source_profile: str
    """For a competencies session started from a job profile: that profile's YAML."""
    created_at: str
    reengage_on: str = ""
    """When participants will hear from us again (YYYY-MM-DD), set at the recap."""
    next_steps: str = ""
    """The facilitator's own next steps for the summary; empty means the standard wording."""
    area: str = ""
    """The BLS OEWS area code (a state or metropolitan area) for regional wages; '' for none."""
    timer: str = ""
    """The step timer's stored state (JSON, see domain.timer); empty before it first runs."""

    @property
    def from_profile(self) -> bool:
        """A competencies round started from a job profile: its cards are the profile's tasks
        (nobody wrote them) and its categories the job functions, with two path columns."""
        return bool(self.source_profile.strip())


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    organization: str
    role: str
    email: str
    consent: bool
    """Agreed to receive the summary by e-mail."""
    quote_as: str = QuoteAs.NAMED.value
    title: str = ""
    """Their job title, as the registration list gives it ("HR Director")."""
    attended: bool = False
    """Marked present on the participants screen (a card also makes them present)."""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organization})" if self.organization else self.name


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    colour: str
    position: float


@dataclass(frozen=True)
class Card:
    """An occupation card. A merged stack is its lead card plus `members`."""

    id: int
    text: str
    participant_id: int | None
    category_id: int | None
    level: str
    position: float
    reasons: tuple[str, ...]
    third_card: bool
    step: int | None
    soc_code: str
    onet_code: str
    soc_title: str
    hands: int
    """Show of hands: how many in the room back this card."""
    stack_id: int | None
    """Set on a card merged into another: the lead card's id."""
    created_at: str
    hands_taken: bool = False
    """A show of hands was taken (so `hands` of 0 means nobody, not "never asked")."""
    shortlist: float = 0.0
    """Place on the room's agreed shortlist (1 = first); 0 when not on it."""
    shift: str = ""
    """Where needs are shifting: "disappearing", "transforming" or "" (see SHIFTS)."""
    members: tuple[Card, ...] = field(default=(), compare=False)

    @property
    def count(self) -> int:
        """How many employers' cards this stack holds."""
        return 1 + len(self.members)

    @property
    def all_cards(self) -> tuple[Card, ...]:
        return (self, *self.members)

    @property
    def all_reasons(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for card in self.all_cards:
            seen.update(dict.fromkeys(card.reasons))
        return tuple(seen)

    @property
    def wordings(self) -> tuple[str, ...]:
        """The distinct ways employers wrote this occupation, lead first."""
        return tuple(dict.fromkeys(card.text for card in self.all_cards))

    @property
    def employer_ids(self) -> tuple[int, ...]:
        ids = (c.participant_id for c in self.all_cards if c.participant_id is not None)
        return tuple(dict.fromkeys(ids))

    @property
    def employers(self) -> int:
        """How many distinct employers named this occupation.

        An employer's first and third card in one stack count once. A card with no author
        (transcribed or anonymised) counts as one employer of its own: it is someone's card.
        """
        unattributed = sum(1 for c in self.all_cards if c.participant_id is None)
        return len(self.employer_ids) + unattributed

    @property
    def on_shortlist(self) -> bool:
        return any(c.shortlist > 0 for c in self.all_cards)

    @property
    def shortlist_place(self) -> float:
        places = [c.shortlist for c in self.all_cards if c.shortlist > 0]
        return min(places) if places else 0.0


@dataclass(frozen=True)
class CardLink:
    """On the wall, "advances to": people in `card_id`'s job move up into `to_card_id`'s.

    Both are top-level cards (stack leads); links follow cards into stacks."""

    id: int
    card_id: int
    to_card_id: int
    created_at: str


@dataclass(frozen=True)
class Projection:
    """Annual openings for one occupation, from a projections table the user imported
    (a state labour-market office's, typically); the figure is kept as written."""

    id: int
    soc_code: str
    title: str
    annual_openings: str
    area: str
    period: str
    """The projection period as the source gives it, e.g. "2022-2032"."""
    source: str
    created_at: str


@dataclass(frozen=True)
class Competency:
    id: int
    text: str
    card_id: int | None
    category_id: int | None
    ksa: str
    tier: str
    level: str
    lacking: bool
    """Employers say it is most often lacking in entry-level candidates (a skills gap)."""
    participant_id: int | None
    step: int | None
    created_at: str


@dataclass(frozen=True)
class Note:
    id: int
    text: str
    kind: str
    """"note" or "quote"."""
    participant_id: int | None
    step: int | None
    card_ids: tuple[int, ...]
    tags: tuple[str, ...]
    topic: str
    quote_as: str
    created_at: str


@dataclass(frozen=True)
class Takeaway:
    """One of the 3 to 5 things the summary says the room told us, in the facilitator's words."""

    id: int
    text: str
    position: float
    created_at: str


TAKEAWAYS_MAX = 5
SHORTLIST_MAX = 10
"""The guide: 3 to 5, at most 10, top critical occupations."""


@dataclass(frozen=True)
class Commitment:
    id: int
    participant_id: int | None
    offer: str
    """mentoring, advisory board, curriculum review, work-based learning, job descriptions..."""
    detail: str
    owner: str
    due: str
    created_at: str


COMMITMENT_OFFERS: tuple[str, ...] = (
    "mentoring",
    "advisory board",
    "curriculum review",
    "work-based learning",
    "job descriptions",
    "other",
)


@dataclass(frozen=True)
class Change:
    """One row changed by an action: `before` is None for an insert, `after` None for a delete."""

    table: str
    row_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Event:
    """One entry of the append-only log: an action, an undo or a redo."""

    id: int
    actor: str
    at: str
    kind: str
    """"do", "undo" or "redo"."""
    action: str
    """What happened, in words: "Move card 'CNC machinist' to Production / mid"."""
    changes: tuple[Change, ...]
    target: int | None
    """For undo/redo: the event it reverses or replays."""
    reverted: bool
    undoable: bool
    batch: str | None = None
    """Set on the parts of one large action (an import) committed separately: one undo
    takes back every part."""

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(change.table for change in self.changes)


@dataclass(frozen=True)
class Send:
    """One e-mail sent (or attempted) to a participant."""

    id: int
    participant_id: int | None
    email: str
    at: str
    message_id: str
    status: str
    """"sent", "failed", "unknown" (the connection dropped mid-message) or "sending" (the
    intent, recorded before the message went; left so if the run was killed)."""
    error: str
