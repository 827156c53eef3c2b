"""The education and training inventory: programs, employers' step-8 answers, openings.

The guide's step 4 asks the support team for "a simple inventory of the existing education and
training assets" (institution, program, certification/credential; where easy, length, cost,
prerequisites, placement rate, linkages), starting with the programs employers named at step 8
("where do you find qualified applicants?"). Pure Python: the store reads and writes these, the
gap analysis (`domain/gaps.py`) and the pathway map read them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from focusgroup.domain.model import Card

PROGRAM_LEVELS: tuple[str, ...] = ("entry", "mid", "advanced")
"""Credential attainment levels the guide organises the asset map by."""

PROGRAM_TYPES: tuple[str, ...] = (
    "credit",
    "non-credit",
    "apprenticeship",
    "on-the-job",
    "adult basic education",
    "pre-college",
    "incumbent worker",
    "internship",
)
"""The kinds of program the guide says to consider; others are kept as written."""

TEMPLATE_COLUMNS: tuple[str, ...] = (
    "institution",
    "program",
    "credential",
    "level",
    "length",
    "cost",
    "prerequisites",
    "placement rate",
    "type",
    "linkages",
    "occupations",
    "competencies",
)
"""The inventory template's columns, in order (the guide's three plus "where easy to collect")."""

EXTRA_COLUMNS: tuple[str, ...] = ("completions",)
"""Not in the guide's template, but needed to set supply against demand."""

COLUMN_FIELDS: dict[str, str] = {
    "institution": "institution",
    "program": "program",
    "credential": "credential",
    "level": "level",
    "length": "length",
    "cost": "cost",
    "prerequisites": "prerequisites",
    "placement rate": "placement_rate",
    "type": "type",
    "linkages": "linkages",
    "occupations": "occupations",
    "competencies": "competencies",
    "completions": "completions",
}
"""CSV column -> Program field."""

HEADER_ALIASES: dict[str, str] = {
    "institution/organization": "institution",
    "organization": "institution",
    "certification/credential": "credential",
    "certification": "credential",
    "placement": "placement rate",
    "placement_rate": "placement rate",
    "job placement rate": "placement rate",
    "pre-requisites": "prerequisites",
    "occupations served": "occupations",
    "competencies taught": "competencies",
    "linkage": "linkages",
}
"""Spellings of the template's headers seen in real spreadsheets (the guide's own first)."""

LIST_FIELDS = frozenset({"occupations", "competencies", "linkages"})
"""Stored as a tuple; `;`-separated in the CSV."""

SOURCE_IMPORT = "import"
SOURCE_STEP8 = "employers (step 8)"
SOURCE_APP = "entered"


@dataclass(frozen=True)
class Program:
    """One row of the inventory: a program and the credential it leads to."""

    id: int
    institution: str
    program: str
    credential: str = ""
    level: str = ""
    """entry, mid, advanced or "" (not known yet)."""
    length: str = ""
    cost: str = ""
    prerequisites: str = ""
    placement_rate: str = ""
    type: str = ""
    linkages: tuple[str, ...] = ()
    """"articulation: X", "stackable to: Y" ... each naming another program or credential."""
    occupations: tuple[str, ...] = ()
    """SOC codes or the wall's occupation names, as written."""
    competencies: tuple[str, ...] = ()
    completions: str = ""
    """Completions or graduates a year, where given."""
    source: str = SOURCE_IMPORT
    created_at: str = ""

    @property
    def label(self) -> str:
        """'Credential — Institution', or the program name when no credential is known."""
        what = self.credential or self.program
        return f"{what} \u2014 {self.institution}" if self.institution else what

    @property
    def title(self) -> str:
        """Program and credential as one line: 'Manufacturing Technology (AAS)'."""
        if self.credential and norm(self.credential) != norm(self.program):
            return f"{self.program} ({self.credential})"
        return self.program


@dataclass(frozen=True)
class Referral:
    """One employer's answer at step 8: where they find qualified applicants."""

    id: int
    participant_id: int | None
    program: str
    institution: str
    occupation: str
    """The occupation it feeds, in the wall's words."""
    favourite: bool
    out_of_state: str
    """Share of hires from out of state, as said ("about 30%")."""
    promotes_within: str
    """"yes", "no", "some" or as said."""
    note: str
    program_id: int | None
    """The inventory row this answer seeded (or joined)."""
    created_at: str


@dataclass(frozen=True)
class Opening:
    """Demand for one occupation: openings a year, with where the figure came from."""

    id: int
    occupation: str
    openings: int
    source: str
    created_at: str


def norm(text: str) -> str:
    """A matching key: case, accents, punctuation and spacing ignored ('A.A.S.' == 'aas')."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = " ".join(re.sub(r"[^\w]+", " ", plain).split())
    # A name of punctuation alone ("[/]", "+++") still has to match itself.
    return words or " ".join(plain.split())


def split_list(value: str) -> tuple[str, ...]:
    """A `;`-separated cell as its items, each stripped, blanks dropped, order kept."""
    return tuple(dict.fromkeys(item.strip() for item in value.split(";") if item.strip()))


def parse_count(text: str) -> int | None:
    """A whole number as a spreadsheet holds it ('1,200' -> 1200); None for anything else.

    `str.isdigit` would pass '²' or '①', which `int` then refuses: only decimal digits count
    (those of any script, which `int` reads), so a figure that passes here always converts.
    """
    plain = (text or "").strip().replace(",", "")
    return int(plain) if plain.isdecimal() else None


SOC_PATTERN = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")


def is_soc_code(text: str) -> bool:
    return bool(SOC_PATTERN.match(text.strip()))


def occupation_keys(card: Card) -> frozenset[str]:
    """Every way a program may name this wall occupation: wordings, SOC and O*NET codes/title."""
    keys = {norm(w) for w in card.wordings}
    if card.soc_title:
        keys.add(norm(card.soc_title))
    for code in (card.soc_code, card.onet_code):
        if code:
            keys.add(code.strip())
            keys.add(code.strip()[:7])  # 51-4041.00 is served by a program listing 51-4041
    keys.discard("")
    return frozenset(keys)


def names_occupation(program: Program, keys: frozenset[str]) -> bool:
    """True when one of the program's occupations is one of `keys` (see `occupation_keys`)."""
    for served in program.occupations:
        served = served.strip()
        if is_soc_code(served):
            if served in keys or served[:7] in keys:
                return True
        elif norm(served) in keys:
            return True
    return False


def programs_for_occupation(programs: Iterable[Program], card: Card) -> tuple[Program, ...]:
    """The inventory's programs that prepare people for the occupation on `card`.

    For the pathway map's "certifications and degrees offered here" column. A program
    matches when its occupations name any wording of the card's stack, its SOC title, or
    its SOC/O*NET code (a 6-digit SOC code matches every O*NET code under it). Ordered by
    level (entry, mid, advanced, unknown), then institution and program.
    """
    keys = occupation_keys(card)
    found = [p for p in programs if names_occupation(p, keys)]
    return tuple(sorted(found, key=_order))


def offered_here(programs: Iterable[Program], card: Card) -> tuple[str, ...]:
    """ "Credential — Institution" lines for `card`, as the pathway map prints them."""
    return tuple(dict.fromkeys(p.label for p in programs_for_occupation(programs, card)))


def credentials_finder(
    programs: Iterable[Program], cards: Iterable[Card]
) -> Callable[[str, str], tuple[str, ...]]:
    """`find(soc_code, onet_code)` for the pathway map's "certifications and degrees" column.

    The map knows an occupation by its codes; programs often name it by the wall's words. So
    a program counts when it lists the code itself (6-digit SOC or O*NET-SOC) or names any
    card crosswalked to that code (see `programs_for_occupation`). Built from snapshots of
    the programs and cards, so it is safe to call from an export thread.
    """
    programs = tuple(programs)
    cards = tuple(cards)

    def find(soc_code: str, onet_code: str = "") -> tuple[str, ...]:
        codes = {c.strip() for c in (soc_code, onet_code) if c and c.strip()}
        codes |= {c[:7] for c in codes}
        keys: set[str] = set(codes)
        for card in cards:
            if {card.soc_code.strip(), card.onet_code.strip()[:7]} & codes - {""}:
                keys |= occupation_keys(card)
        found = [p for p in programs if names_occupation(p, frozenset(keys))]
        return tuple(dict.fromkeys(p.label for p in sorted(found, key=_order)))

    return find


def inventory_citation(programs: Sequence[Program], session_title: str) -> str:
    """The footnote for figures taken from the inventory."""
    count = len(programs)
    return (
        f"Education and training programs inventory of \u201c{session_title}\u201d "
        f"({count} program{'s' if count != 1 else ''}; focusgroup programs list)"
    )


def _order(program: Program) -> tuple[int, str, str]:
    rank = PROGRAM_LEVELS.index(program.level) if program.level in PROGRAM_LEVELS else 9
    return (rank, norm(program.institution), norm(program.program))


# -- what is still to collect ---------------------------------------------------------------

CHECKED_FIELDS: tuple[tuple[str, str], ...] = (
    ("institution", "institution"),
    ("credential", "credential"),
    ("level", "level"),
    ("length", "length"),
    ("cost", "cost"),
    ("prerequisites", "prerequisites"),
    ("placement_rate", "placement rate"),
    ("type", "type"),
    ("linkages", "linkages"),
    ("occupations", "occupations"),
    ("competencies", "competencies"),
)
"""Fields `programs check` names when blank (a program name is never blank)."""


def missing_fields(program: Program) -> tuple[str, ...]:
    """The template columns still blank for this program, in template order."""
    return tuple(label for name, label in CHECKED_FIELDS if not getattr(program, name))


def parse_level(value: str) -> str | None:
    """'Entry', 'entry-level', 'MID' -> the level key; '' -> ''; anything else -> None."""
    key = norm(value)
    if not key:
        return ""
    for level in PROGRAM_LEVELS:
        if key == level or key.startswith(level[:3]):
            return level
    return None
