"""Industry sectors and the category header cards each one usually starts with.

A session's `sector` column stores a sector's stable `key` ("health-care") when the sector is
one of these, so other parts (the crosswalk's ranking, the start screen, the exports) agree on
what was chosen without parsing free text. Older sessions hold free text such as
"Advanced manufacturing"; `find_sector` maps that to a key where the wording is clear, and
`sector_label` shows whatever was stored when it is not one of ours.

The category sets follow the occupational families employers in each sector name first
(roughly the SOC major groups they hire from). `industries` names the BLS OEWS industries
(NAICS-based codes) whose employers such a meeting convenes: the crosswalk ranks suggestions
by how much of each occupation's employment is in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from focusgroup.domain.protocol import CategorySeed

# Colours for header cards: distinct on a projector and in greyscale order.
_PALETTE = (
    "#d9534f",
    "#3c78d8",
    "#8e63ce",
    "#e69138",
    "#6aa84f",
    "#a64d79",
    "#45818e",
    "#bf9000",
    "#666666",
    "#cc4125",
)


@dataclass(frozen=True)
class Sector:
    key: str
    """Stored in sessions.sector; never changes once shipped."""
    label: str
    """Shown to people: the start screen, the exports."""
    category_names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    """Other wordings that mean this sector (matched after normalising case and punctuation)."""
    industries: tuple[str, ...] = ()
    """OEWS industry codes of its employers ("31--34" manufacturing, "622000" hospitals)."""

    @property
    def categories(self) -> tuple[CategorySeed, ...]:
        return seeds(self.category_names)


SECTORS: tuple[Sector, ...] = (
    Sector(
        "manufacturing",
        "Manufacturing",
        (
            "Production",
            "Maintenance & repair",
            "Engineering",
            "Quality",
            "Transportation & logistics",
            "Sales",
            "Office support",
            "Management",
        ),
        aliases=("advanced manufacturing", "manufacturer", "production", "industrial"),
        industries=("31--34",),
    ),
    Sector(
        "health-care",
        "Health care",
        (
            "Nursing",
            "Physicians & advanced practice",
            "Allied health & therapy",
            "Diagnostics & laboratory",
            "Patient support",
            "Health information",
            "Administration & management",
        ),
        aliases=("healthcare", "health", "hospital", "hospitals", "medical", "health services"),
        # Clinics, hospitals and nursing care; not social assistance (624).
        industries=("621000", "622000", "623000"),
    ),
    Sector(
        "it",
        "Information technology",
        (
            "Software development",
            "Infrastructure & networks",
            "IT support",
            "Cybersecurity",
            "Data & analytics",
            "Project management",
        ),
        aliases=("information technology", "tech", "technology", "software", "ict"),
        # Software publishers, telecoms, data centres and hosting, and computer services firms.
        industries=("513200", "517000", "518000", "519000", "541500"),
    ),
    Sector(
        "construction",
        "Construction",
        (
            "Skilled trades",
            "Construction labor",
            "Equipment operation",
            "Design & engineering",
            "Project management & estimating",
            "Safety & inspection",
            "Office support",
        ),
        aliases=("building", "building trades", "construction trades"),
        industries=("23--24",),
    ),
    Sector(
        "transportation-logistics",
        "Transportation & logistics",
        (
            "Drivers",
            "Warehousing & material handling",
            "Fleet maintenance",
            "Dispatch & planning",
            "Air, rail & marine",
            "Sales & customer service",
            "Management",
        ),
        aliases=(
            "transportation",
            "logistics",
            "transportation and logistics",
            "trucking",
            "supply chain",
            "distribution",
            "warehousing",
        ),
        industries=("48--50",),
    ),
    Sector(
        "hospitality",
        "Hospitality",
        (
            "Culinary",
            "Food & beverage service",
            "Lodging & front desk",
            "Housekeeping & facilities",
            "Events & sales",
            "Management",
        ),
        aliases=("hospitality and tourism", "tourism", "hotels", "restaurants", "leisure"),
        # Hotels and restaurants, and the casinos, resorts and venues of amusement (713).
        industries=("72--73", "713000"),
    ),
    Sector(
        "energy",
        "Energy",
        (
            "Plant operations",
            "Line work & distribution",
            "Renewables",
            "Oil & gas field",
            "Maintenance & technicians",
            "Engineering",
            "Safety & environment",
            "Management",
        ),
        aliases=("utilities", "utility", "power", "oil and gas", "renewable energy", "electric"),
        # Power and gas utilities, oil and gas extraction and its field services, pipelines,
        # refineries, and power-line construction (not water and sewage, 221300).
        industries=("221100", "221200", "211000", "213000", "486000", "324000", "237130"),
    ),
)

SECTOR_KEYS: tuple[str, ...] = tuple(s.key for s in SECTORS)
NO_CATEGORIES = "none"
"""Said instead of a list: start with no header cards at all."""


def _norm(text: str) -> str:
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def find_sector(text: str) -> Sector | None:
    """The sector a key, label or common wording names ("Health care", "healthcare"), or None."""
    wanted = _norm(text)
    if not wanted:
        return None
    for sector in SECTORS:
        names = (sector.key, sector.label, *sector.aliases)
        if wanted in {_norm(name) for name in names}:
            return sector
    return None


def sector_label(stored: str) -> str:
    """How a stored sector reads to people: our label for a key, else the text as stored."""
    sector = find_sector(stored) if stored in SECTOR_KEYS else None
    return sector.label if sector else stored


def seeds(names: tuple[str, ...] | list[str]) -> tuple[CategorySeed, ...]:
    """Header cards for these names, coloured from the palette in order."""
    return tuple(
        CategorySeed(name=name, colour=_PALETTE[i % len(_PALETTE)]) for i, name in enumerate(names)
    )


def parse_category_list(text: str) -> tuple[str, ...]:
    """ "A, B ,C" as the category names the user typed; "none" (or nothing) as no categories.

    Blank items are dropped and repeats (ignoring case) kept once; the names are otherwise
    kept exactly as typed.
    """
    if _norm(text) in ("", NO_CATEGORIES):
        return ()
    names: dict[str, str] = {}
    for item in text.split(","):
        name = item.strip()
        if name:
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def choose_categories(
    protocol_default: tuple[CategorySeed, ...], sector: str, categories: str | None
) -> tuple[tuple[CategorySeed, ...], str]:
    """The header cards a new session starts with, and a line saying where they came from.

    An explicit list ("A,B,C" or "none") wins; else a known sector's set replaces the
    protocol's example set (a protocol without example categories, such as a competencies
    focus group, keeps none); else the protocol's own. The line is "" when nothing needs saying.
    """
    if categories is not None:
        return seeds(parse_category_list(categories)), ""
    known = find_sector(sector)
    if known is not None and protocol_default:
        return known.categories, ""
    if sector.strip() and known is None and protocol_default:
        names = ", ".join(SECTOR_KEYS)
        return protocol_default, (
            f"No category set for sector {sector.strip()!r}; started with the protocol's "
            f'example categories (sets: {names}; or --categories "A,B,C" or "none").'
        )
    return protocol_default, ""
