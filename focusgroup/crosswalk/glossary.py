"""The sector glossary: wordings employers in a sector write on cards, and the SOC code each means.

O*NET's titles say what a job is called in a job posting; a room of employers writes "Lowboy
driver", "PCT" or "Blow molder", which its lists miss or share between occupations. The
glossary (`sector_glossary.tsv`) was written by hand, sector by sector, from the trade's usage
and the SOC 2018 definitions. A wording whose code is not in doubt in the sector has that code,
and a card with that wording is suggested it first, as sure. A wording that is more than one
job there lists the jobs it can be ("Mason" on a building site: 47-2021|47-2022|47-2051), or
is `ASK` when it can be almost any ("Operator"): the room is asked, and such a card is only
ever stored as one of its listed jobs.

A wording the glossary gives the same code in three or more sectors ("Welder", "Accountant")
holds in every meeting, and for sessions without a sector, except where a sector's writer
marked it `?` (more than one job in that sector: "General manager" in hospitality). In a
meeting of no known sector, a wording two sectors know as more than one job ("Director") is
asked about too.

Wordings are compared as the search reads a card: case, punctuation and plurals ignored,
shift phrases, grades and filler dropped ("Sr. welder (nights)" is "welder"), shorthand read
as its first expansion ("Maint tech" is "maintenance technician").
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from focusgroup.crosswalk.abbreviations import ABBREVIATIONS, FILLER, SENIORITY, card_words
from focusgroup.crosswalk.text import stem

PACKAGED_GLOSSARY = Path(__file__).with_name("sector_glossary.tsv")
EVERY_SECTOR = "*"
"""The table key of wordings that hold in every meeting."""
NO_SECTOR = ""
"""The table key of a meeting whose sector the crosswalk does not know."""
ASK = "?"
"""The code of a wording that can be almost any job in the sector ("Operator"); like a wording
with listed jobs, no other sector's reading decides it."""
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,4}s)\b")
"""'RNs', 'CMs': an acronym in capitals with a plural s (not 'Bus' or 'Gas')."""
_TECH = frozenset({"tech", "techs"})
"""Read as 'technician' though the search also tries 'technologist'."""
_AGREEING_SECTORS = 3
"""A wording holds in every meeting when this many sectors' glossaries give it one code (two
might agree by chance on a word a third left out as ambiguous)."""
_MAX_ABBREVIATION_WORDS = max(len(key.split()) for key in ABBREVIATIONS)


@dataclass(frozen=True)
class GlossaryEntry:
    wording: str
    """As written in the glossary."""
    soc_code: str
    sector: str
    """The sector whose glossary it is; `EVERY_SECTOR` when several sectors agree."""

    @property
    def asks(self) -> bool:
        """More than one job in the sector: `ASK`, or the jobs it can be ("47-2021|47-2051")."""
        return self.soc_code == ASK or "|" in self.soc_code

    @property
    def choices(self) -> tuple[str, ...]:
        """The SOC codes an asked wording can be, most likely first; () when any or sure."""
        return tuple(self.soc_code.split("|")) if "|" in self.soc_code else ()


def lookup(text: str, sector: str) -> GlossaryEntry | None:
    """The glossary's reading of a whole card in a sector's meeting, or None.

    The sector's entries are tried before every sector's, and in each the card's own words
    before its shorthand spelled out. An entry whose code is `ASK` says the sector knows the
    wording as more than one job.
    """
    tables = _tables()
    keys = wording_keys(text)
    for table in (tables.get(sector, {}), tables[EVERY_SECTOR]):
        for key in keys:
            if key in table:
                return _closest(table[key], key, keys[0] if keys else "")
    return None


def _closest(entry: GlossaryEntry, key: str, literal: str) -> GlossaryEntry:
    """Of the entries whose shorthand spelled out reads as `key` with one code ("MIG welder",
    "TIG welder": 'welder welder'), the one sharing most words with the card as written, so
    "Welder (TIG)" is explained by 'TIG welder'."""
    shared = _spelled_alike().get((entry.sector, key), ())
    if len(shared) < 2:
        return entry
    card = set(literal.split())
    return max(shared, key=lambda e: len(card & set(_literal_key(e.wording).split())))


@functools.cache
def _spelled_alike() -> dict[tuple[str, str], tuple[GlossaryEntry, ...]]:
    """Each sector's spelled-out keys that several entries with one code read as."""
    tables = _tables()
    alike: dict[tuple[str, str], list[GlossaryEntry]] = {}
    entries, _ = read_glossary(PACKAGED_GLOSSARY)
    for entry in entries:
        table = tables.get(entry.sector, {})
        for key in wording_keys(entry.wording)[1:]:
            found = table.get(key)
            if found is not None and found.soc_code == entry.soc_code and found is not entry:
                if key != _literal_key(found.wording):
                    alike.setdefault((entry.sector, key), [found]).append(entry)
    return {k: tuple(dict.fromkeys(v)) for k, v in alike.items()}


@functools.lru_cache(maxsize=1 << 15)
def wording_keys(text: str) -> tuple[str, ...]:
    """How a card is compared with the glossary, most literal first: with 'lead' kept ('Line
    lead') then without, each as written and then with its shorthand spelled out; last, with
    the plural of an acronym in capitals folded ('RNs', 'CMs'), which `stem` leaves alone."""
    ws = [w for w in card_words(text) if w not in FILLER]
    plurals = {m.lower() for m in _ACRONYM_PLURAL.findall(text)}
    singular = [w[:-1] if w in plurals or _shorthand_plural(w) else w for w in ws]
    keys = _keys(ws) + (_keys(singular) if singular != ws else ())
    return tuple(dict.fromkeys(k for k in keys if k))


def _keys(ws: list[str]) -> tuple[str, ...]:
    with_lead = [w for w in ws if w == "lead" or w not in SENIORITY]
    without = [w for w in ws if w not in SENIORITY]
    return (_key(with_lead), _key(without), _key(_expanded(with_lead)), _key(_expanded(without)))


def _shorthand_plural(word: str) -> bool:
    """'rns', 'pas' typed in lower case: the plural of a two-letter shorthand we know."""
    return len(word) == 3 and word.endswith("s") and word[:2] in ABBREVIATIONS


def _key(ws: list[str]) -> str:
    return " ".join(stem(w) for w in ws)


def _expanded(ws: list[str]) -> list[str]:
    """Shorthand with one reading spelled out ('maint tech', 'CNA'); 'tech' is a technician.

    Shorthand the search reads several ways ('mech': mechanic or mechanical) stays as written.
    """
    out: list[str] = []
    i = 0
    while i < len(ws):
        for size in range(min(_MAX_ABBREVIATION_WORDS, len(ws) - i), 0, -1):
            key = " ".join(ws[i : i + size])
            readings = ABBREVIATIONS.get(key, ())
            if len(readings) == 1 or key in _TECH:
                out.extend(readings[0].split())
                i += size
                break
        else:
            out.append(ws[i])
            i += 1
    return out


def read_glossary(path: Path) -> tuple[list[GlossaryEntry], list[str]]:
    """Every entry of a glossary file, and the problems found (line by line, in words)."""
    entries: list[GlossaryEntry] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], GlossaryEntry] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#") or line.startswith("sector\t"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                problems.append(f"line {number}: expected sector, wording, SOC code")
                continue
            sector, wording, code = (f.strip() for f in fields)
            entry = GlossaryEntry(wording, code, sector)
            key = _literal_key(wording)
            earlier = seen.get((sector, key))
            if earlier is not None and earlier.soc_code != code:
                problems.append(
                    f"line {number}: {wording!r} reads as {earlier.wording!r}, "
                    f"which is {earlier.soc_code}, not {code}"
                )
                continue
            seen[(sector, key)] = entry
            entries.append(entry)
    return entries, problems


def _literal_key(wording: str) -> str:
    return wording_keys(wording)[0] if wording_keys(wording) else ""


@functools.cache
def _tables(path: Path = PACKAGED_GLOSSARY) -> dict[str, dict[str, GlossaryEntry]]:
    """Each sector's entries by their words as written, then by their shorthand spelled out
    where that reading is not another entry's and no two entries' spelled-out readings clash;
    then the wordings three sectors agree on, under `EVERY_SECTOR`."""
    entries, _ = read_glossary(path)
    tables: dict[str, dict[str, GlossaryEntry]] = {EVERY_SECTOR: {}}
    by_sector: dict[str, list[GlossaryEntry]] = {}
    for entry in entries:
        by_sector.setdefault(entry.sector, []).append(entry)
    for sector, listed in by_sector.items():
        table = tables.setdefault(sector, {})
        for entry in listed:
            table.setdefault(_literal_key(entry.wording), entry)
        spelled: dict[str, set[str]] = {}
        for entry in listed:
            for key in wording_keys(entry.wording)[1:]:
                spelled.setdefault(key, set()).add(entry.soc_code)
        for entry in listed:
            for key in wording_keys(entry.wording)[1:]:
                if key not in table and len(spelled[key]) == 1:
                    table[key] = entry
    by_key: dict[str, list[GlossaryEntry]] = {}
    for sector, table in tables.items():
        for key, entry in table.items():
            if sector != EVERY_SECTOR and not entry.asks:
                by_key.setdefault(key, []).append(entry)
    for key, agreeing in by_key.items():
        codes = {e.soc_code for e in agreeing}
        if len(codes) == 1 and len({e.sector for e in agreeing}) >= _AGREEING_SECTORS:
            first = agreeing[0]
            tables[EVERY_SECTOR][key] = GlossaryEntry(first.wording, first.soc_code, EVERY_SECTOR)
    # A meeting of no known sector: a wording two sectors know as more than one job
    # ("Director") is not stored there either; which jobs it can be depends on the sector.
    asked_by: dict[str, list[GlossaryEntry]] = {}
    for sector, table in tables.items():
        for key, entry in table.items():
            if sector != EVERY_SECTOR and entry.asks:
                asked_by.setdefault(key, []).append(entry)
    tables[NO_SECTOR] = {
        key: GlossaryEntry(asking[0].wording, ASK, NO_SECTOR)
        for key, asking in asked_by.items()
        if len({e.sector for e in asking}) >= 2 and key not in tables[EVERY_SECTOR]
    }
    return tables


def head_lookup(text: str, sector: str) -> GlossaryEntry | None:
    """The glossary's reading of the job a card ends with, once the words before it are
    dropped ('Cath lab RN' is an RN, 'Hotel security guard' a security guard); None when the
    whole card is itself an entry, or no ending is, or the ending is more than one job."""
    if lookup(text, sector) is not None:
        return None
    tables = _tables()
    keys = wording_keys(text)
    for table in (tables.get(sector, {}), tables[EVERY_SECTOR]):
        for key in keys:
            ws = key.split()
            for start in range(1, len(ws)):
                entry = table.get(" ".join(ws[start:]))
                if entry is not None:
                    return None if entry.asks else entry
    return None


def respelled(text: str, sector: str) -> str:
    """The card with words the glossary does not know replaced by close ones it does
    ('Maintenence tech' -> 'maintenance tech'); "" when no word needed it or none fits."""
    known = _known_words(sector)
    out, changed = [], False
    for word in card_words(text):
        if len(word) >= 5 and word.isalpha() and word not in known:
            pool = [w for w in known if w[0] == word[0] and abs(len(w) - len(word)) <= 2]
            close = difflib.get_close_matches(word, pool, n=1, cutoff=0.85)
            if close:
                out.append(close[0])
                changed = True
                continue
        out.append(word)
    return " ".join(out) if changed else ""


@functools.cache
def _known_words(sector: str) -> frozenset[str]:
    tables = _tables()
    found: set[str] = set()
    for table in (tables.get(sector, {}), tables[EVERY_SECTOR]):
        for entry in table.values():
            found.update(card_words(entry.wording))
    found |= SENIORITY | FILLER
    return frozenset(found)
