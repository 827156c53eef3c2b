"""What a sector's meeting means by its shorthand.

"Operator" in a construction meeting is an equipment operator, in a power company's meeting a
plant operator, and never a switchboard operator. `SHORTHAND` holds whole-card wordings that
mean a particular thing in the sector: the card is searched as written *and* as spelled out;
the spelled-out form only adds candidates. Which occupations the sector employs is not written
here but read from where people work (`sector_employment`).
"""

from __future__ import annotations

import functools

from focusgroup.crosswalk.abbreviations import FILLER, SENIORITY, card_words
from focusgroup.crosswalk.text import stem, words
from focusgroup.domain.sectors import SECTOR_KEYS, find_sector

SHORTHAND: dict[str, dict[str, str]] = {
    "manufacturing": {
        "operator": "machine operator",
        "line lead": "first line supervisor production",
        "lead": "first line supervisor production",
        "shift supervisor": "first line supervisor production",
        "supervisor": "first line supervisor production",
        "buyer": "purchasing agent",
        "field service technician": "industrial machinery mechanic",
        "field service tech": "industrial machinery mechanic",
        # Injection molding is a plastics process: 51-4072, not "except metal and plastic".
        "injection molding tech": "plastic molding machine setter operator",
        "injection molding technician": "plastic molding machine setter operator",
        "injection molder": "plastic molding machine setter operator",
        "molding tech": "plastic molding machine setter operator",
        "scheduler": "production planning expediting clerk",
        "production scheduler": "production planning expediting clerk",
    },
    "health-care": {
        "front desk": "medical receptionist",
    },
    "it": {
        "architect": "computer systems architect",
        "engineer": "computer systems engineer",
    },
    "construction": {
        "operator": "construction equipment operator",
        "laborer": "construction laborer",
        "framer": "carpenter framer",
        "super": "construction superintendent",
        "project manager": "construction manager",
        "helper": "helper construction trades",
        "general helper": "helper construction trades",
    },
    "transportation-logistics": {
        "picker": "order picker stocker order filler",
        "warehouse supervisor": "first line supervisor material mover",
    },
    "hospitality": {
        "server": "waiter waitress",
        "line cook": "restaurant cook",
        "gm": "lodging manager",
        "shift lead": "first line supervisor food preparation serving",
        "front desk": "hotel desk clerk",
        "room attendant": "maid housekeeping cleaner",
        "housekeeper": "maid housekeeping cleaner",
    },
    "energy": {
        "operator": "power plant operator",
        "buyer": "purchasing agent",
        "derrick hand": "derrick operator",
        "field service technician": "wind turbine service technician",
        "field service tech": "wind turbine service technician",
        "solar installer": "solar photovoltaic installer",
        "sro": "nuclear power reactor operator",
        "ro": "nuclear power reactor operator",
        "reactor operator": "nuclear power reactor operator",
        "hand": "roustabout",
    },
}
"""Whole-card wordings (as `text.words` reads them) and what the sector means by them."""

_ALIASES: dict[str, str] = {
    "manufacturing": "manufacturing", "manufacturer": "manufacturing",
    "production": "manufacturing",
    "health": "health-care", "healthcare": "health-care", "hospital": "health-care",
    "medical": "health-care", "nursing": "health-care",
    "it": "it", "tech": "it", "technology": "it", "software": "it", "information": "it",
    "construction": "construction", "building": "construction", "trades": "construction",
    "transportation": "transportation-logistics", "logistics": "transportation-logistics",
    "warehousing": "transportation-logistics", "trucking": "transportation-logistics",
    "hospitality": "hospitality", "restaurant": "hospitality", "restaurants": "hospitality",
    "hotel": "hospitality", "hotels": "hospitality", "tourism": "hospitality",
    "energy": "energy", "utility": "energy", "utilities": "energy", "power": "energy",
    "oil": "energy",
}  # fmt: skip


def sector_key(text: str) -> str:
    """The sector key a session's sector field stands for; "" when it names none we know.

    Sessions store a key ("health-care"); older ones hold free text ("Advanced
    manufacturing", "Healthcare"), read here by its words.
    """
    cleaned = (text or "").strip().lower()
    if cleaned in SECTOR_KEYS:
        return cleaned
    known = find_sector(cleaned)
    if known is not None:
        return known.key
    for word in words(cleaned):
        if word in _ALIASES:
            return _ALIASES[word]
    return ""


SUPERVISES: dict[str, str] = {
    "manufacturing": "first line supervisor production operating",
    "construction": "first line supervisor construction trades",
    "transportation-logistics": "first line supervisor transportation material moving",
    "hospitality": "first line supervisor food preparation serving",
}
"""Who a bare "Lead", "Team lead" or "Shift supervisor" card supervises in the sector's meeting."""

_LEADS = frozenset({"lead", "leader", "leadman", "leadperson", "head", "supervisor", "supv"})
_LEAD_CONTEXT = frozenset({"team", "crew", "line", "shift", "floor", "working", "hand"})
"""A card made only of these, with at least one of `_LEADS`, names a supervisor rather than a
job: "Team lead" is no team assembler and "Lead hand" no production worker."""


def spelled_out(text: str, sector: str) -> str:
    """The sector's reading of a whole card, or "" when it has none.

    Read as the search reads a card: plurals folded ("Servers" is "Server"), shifts and grades
    dropped ("Sr. server", "2nd shift operator"); "lead" is tried first, because the sector may
    have a reading for it ("line lead").
    """
    with_lead, without = _card_keys(text)
    table = _folded_shorthand(sector)
    for key in (with_lead, without):
        if key and key in table:
            return table[key]
    if sector in SUPERVISES and only_a_lead(text):
        return SUPERVISES[sector]
    return ""


def only_a_lead(text: str) -> bool:
    """'Lead', 'Team lead', 'Shift supv': a card that names a supervisor and no trade."""
    card = set(_card_keys(text)[0].split())
    return bool(card & _LEADS) and card <= _LEADS | _LEAD_CONTEXT


@functools.cache
def _folded_shorthand(sector: str) -> dict[str, str]:
    return {_fold(words(k)): v for k, v in SHORTHAND.get(sector, {}).items()}


def _fold(ws: list[str]) -> str:
    return " ".join(stem(w) for w in ws)


def _card_keys(text: str) -> tuple[str, str]:
    """The card's words, shifts and filler dropped: grades but "lead" dropped, then all grades."""
    ws = [w for w in card_words(text) if w not in FILLER]
    with_lead = [w for w in ws if w == "lead" or w not in SENIORITY]
    return _fold(with_lead), _fold([w for w in ws if w not in SENIORITY])
