"""What a sector's meeting means by its shorthand, and which occupations it is about.

"Operator" in a construction meeting is an equipment operator, in a power company's meeting a
plant operator, and never a switchboard operator. Two kinds of knowledge, both general to the
sector rather than fixes for particular cards:

- `FIELDS`: SOC code prefixes the sector employs, with how central they are (1.0 = the
  sector's own occupations, 0.5 = common there). A suggestion in one of them gets a bonus; the
  longest matching prefix decides.
- `SHORTHAND`: whole-card wordings that mean a particular thing in the sector. The card is
  searched as written *and* as spelled out; the spelled-out form only adds candidates.
"""

from __future__ import annotations

import functools

from focusgroup.crosswalk.abbreviations import FILLER, SENIORITY, card_words
from focusgroup.crosswalk.text import stem, words
from focusgroup.domain.sectors import SECTOR_KEYS, find_sector

FIELDS: dict[str, tuple[tuple[str, float], ...]] = {
    "manufacturing": (
        ("51-", 1.0), ("51-5", 0.5), ("51-3", 0.6), ("51-6", 0.6), ("51-7", 0.6),
        ("49-9", 0.8), ("49-2094", 0.8), ("17-2", 0.7), ("17-3", 0.7),
        ("53-7", 0.6), ("11-3051", 0.8), ("13-1023", 0.8), ("43-5", 0.5), ("51-8", 0.3),
    ),
    "health-care": (
        ("29-", 1.0), ("31-", 1.0), ("43-6013", 0.8), ("43-4171", 0.7), ("11-9111", 0.8),
        ("21-1", 0.5), ("37-2012", 0.5), ("43-3021", 0.5), ("19-1042", 0.4),
    ),
    "it": (
        ("15-1", 1.0), ("15-2051", 0.8), ("11-3021", 0.9), ("13-1082", 0.5), ("13-1111", 0.5),
        ("49-2022", 0.5), ("17-2061", 0.5), ("43-9011", 0.4),
    ),
    "construction": (
        ("47-1", 1.0), ("47-2", 1.0), ("47-3", 1.0), ("47-4", 1.0), ("11-9021", 1.0),
        ("13-1051", 0.8), ("17-1", 0.8), ("17-2051", 0.7), ("17-3022", 0.6), ("49-9021", 0.8),
        ("53-7021", 0.7), ("49-3042", 0.6), ("51-4121", 0.6), ("51-2041", 0.5),
    ),
    "transportation-logistics": (
        ("53-", 1.0), ("53-2", 0.5), ("53-5", 0.5), ("43-5", 0.8), ("43-5032", 1.0),
        ("49-3", 0.8), ("11-3071", 0.9), ("13-1081", 0.8), ("41-3091", 0.4),
    ),
    "hospitality": (
        ("35-", 1.0), ("37-2", 0.8), ("43-4081", 0.9), ("11-9081", 1.0), ("11-9051", 1.0),
        ("39-6", 0.8), ("13-1121", 0.7), ("53-6021", 0.6), ("39-3", 0.4), ("49-9071", 0.5),
    ),
    "energy": (
        ("51-801", 1.0), ("51-809", 0.8), ("49-9051", 1.0), ("49-9081", 1.0), ("49-2095", 1.0),
        ("47-5", 0.9), ("47-2231", 0.9), ("17-2071", 0.8), ("17-2171", 0.8), ("17-3023", 0.6),
        ("49-9012", 0.6), ("13-1023", 0.6), ("51-4121", 0.5), ("37-3013", 0.5), ("51-8", 0.5),
    ),
}  # fmt: skip

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


def affinity(soc_code: str, sector: str) -> float:
    """How central an occupation is to the sector, 0..1 (longest matching prefix wins)."""
    best_len, best = -1, 0.0
    for prefix, weight in FIELDS.get(sector, ()):
        if soc_code.startswith(prefix) and len(prefix) > best_len:
            best_len, best = len(prefix), weight
    return best


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
