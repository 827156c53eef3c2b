"""Suggestions for a whole stack in a sector's meeting, and whether the best one is sure.

`search` reads one wording. A stack holds every way employers wrote the occupation, and the
session says which sector the room is: each wording is searched as written and, where the
sector has a reading for it, as the sector means it (`sector_hints`). Occupations found are
merged (best score, plus a little for each other wording that agrees) and nudged towards the
sector's own occupations. The sector's glossary (`glossary`) goes first: a wording it knows is
suggested its code, and a card that ends in one ("Cath lab RN") is offered that job.

Confidence: the glossary's reading of a card is sure, unless the stack's wordings read as two
jobs. Otherwise the best suggestion is *confident* when its score clears `MIN_SCORE` and it
leads the best suggestion with another SOC minor group by at least `MIN_MARGIN`, or by
`ASKED_MARGIN` when the glossary marks the wording as more than one job in the sector.
`--accept-top` stores only confident ones; the rest are listed for a person. The figures were
set on the tuning parts of bench/crosswalk_sector_labelled.tsv; the README gives every part's
rates, held-out parts apart."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from focusgroup.crosswalk.glossary import (
    EVERY_SECTOR,
    GlossaryEntry,
    head_lookup,
    lookup,
    respelled,
)
from focusgroup.crosswalk.search import Match, occupation_of, search
from focusgroup.crosswalk.sector_employment import affinity
from focusgroup.crosswalk.sector_hints import only_a_lead, sector_key, spelled_out
from focusgroup.domain.sectors import sector_label

SECTOR_BONUS = 0.08
"""Score added for an occupation at the heart of the sector (scaled by its affinity)."""
AGREEMENT_BONUS = 0.02
"""Per further wording of the stack that also suggests the occupation."""
GENERIC_DISCOUNT = 0.97
"""When the sector has its own reading of a card, the card's everyday readings count less."""
QUALIFIED_DISCOUNT = 0.97
"""The whole card, qualifier and all ("Lineman - distribution"), counts less than its job part."""
MIN_SCORE = 0.8
"""Below this (before the sector's nudges are scaled away) nothing matched well."""
MIN_MARGIN = 0.015
"""How far the best must lead the best suggestion outside its own SOC minor group."""
VAGUE_DF = 1400
"""A word in this many titles or more (operator, technician, manager, specialist) names no
occupation on its own: a card that says only that is left for the room to explain."""
GLOSSARY_SCORE = 1.1
"""A wording in the sector's glossary: above any whole-title match, so the glossary decides."""
ASKED_MARGIN = 0.03
"""The lead needed where the sector's glossary knows the wording as more than one job
("Plant operator" at a power company): twice `MIN_MARGIN`."""
CHOICE_BONUS = 0.06
"""Added to the jobs the glossary lists for a wording it marks as several ("Mason": brick,
stone or cement); only one of them is ever stored for such a card."""
CHOICE_FLOOR = 0.7
"""The score of a listed job the search did not find, so the room still sees it."""
HEAD_SCORE = 1.0
"""A card that ends in a glossary wording ("Cath lab RN"): level with a whole-title match, so
the search's own reading of the whole card can still win, and sure only by the usual margin."""
_FETCH = 25
"""Occupations fetched per wording before merging and re-ranking."""


@dataclass(frozen=True)
class Suggestions:
    matches: tuple[Match, ...]
    """Best first; scores include the sector and agreement nudges (capped at 1)."""
    confident: bool
    reason: str
    """Why the best one is or isn't sure, in words for the facilitator."""
    note: str = ""
    """What to check though it is sure: the other jobs the sector's glossary lists."""

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


def suggest(wordings: Sequence[str] | str, sector: str = "", limit: int = 10) -> Suggestions:
    """Ranked suggestions for the wordings of one stack, read in the session's sector."""
    texts = [wordings] if isinstance(wordings, str) else list(wordings)
    texts = list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))
    # "RN - med/surg", "Welder (TIG)": the job is searched, and the whole card as a second reading.
    qualified = {job: t for t in texts if (job := _job_part(t)) != t}
    texts = list(dict.fromkeys(_job_part(t) for t in texts))
    slashed = {part: t for t in texts for part in _slash_readings(t)[1:]}
    texts = list(dict.fromkeys(part for t in texts for part in _slash_readings(t)))
    # In a stack "Lead" beside "MIG welder" grades the welder; only alone is it a supervisor.
    texts = [t for t in texts if not only_a_lead(t)] or texts
    key = sector_key(sector)
    # Each wording's glossary entry, read once: a code it is sure of, or the jobs it can be.
    entries = {t: e for t in texts if (e := _glossary_entry(t, qualified.get(t), key))}
    asking = {t: e for t, e in entries.items() if e.asks and not spelled_out(t, key)}
    glossary = {t: e for t, e in entries.items() if not e.asks}
    # "Barista/cashier" is one entry: the glossary's reading of its sides does not split it.
    glossary = {t: e for t, e in glossary.items() if slashed.get(t) not in glossary}
    heads = {t: e for t in texts if t not in glossary and (e := _head(t, qualified.get(t), key))}
    for t in list(heads):
        # "Plant operator, reactor": the sector asks which plant operator, and the card's
        # qualifier ends in a job the glossary knows (a reactor operator): that answers it.
        if t in qualified and t in asking and head_lookup(qualified[t], key):
            glossary[t] = heads.pop(t)
    asked = {t: e for t, e in asking.items() if t not in glossary}
    vague = [
        t for t in texts if not (key and spelled_out(t, key)) and t not in glossary and _vague(t)
    ]
    merged: dict[str, tuple[float, Match]] = {}
    votes: dict[str, int] = {}
    for text in texts:
        found = _found(text, qualified.get(text), key, asked=text in asked)
        if text in glossary:
            _add_glossary_reading(found, glossary[text])
        elif text in heads:
            _add_glossary_reading(found, heads[text], HEAD_SCORE, head=True)
        for code, (score, m) in found.items():
            votes[code] = votes.get(code, 0) + 1
            if code not in merged or score > merged[code][0]:
                merged[code] = (score, m)
    choices = list(dict.fromkeys(code for e in asked.values() for code in e.choices))
    _add_choices(merged, choices)
    matches, top = _ranked(merged, votes, key)
    shown = _shown(matches, {*choices, *(e.soc_code for e in heads.values())}, limit)
    if matches and texts and len(vague) == len(texts):
        reason = f"{texts[0]!r} alone is too general to code: ask the room what the job is"
        return Suggestions(shown, False, reason)
    readings = {e.soc_code: e for e in glossary.values()}
    if len(readings) > 1:
        # "Welder" and "Machinist" in one stack, or "RN/LPN/CNA" on one card: the glossary is
        # sure of each, so the stack holds several jobs, and the room must say which it meant.
        jobs = ", ".join(f"{e.wording!r} is {e.soc_code}" for e in readings.values())
        count = "two" if len(readings) == 2 else str(len(readings))
        reason = f"the stack holds {count} jobs: {jobs}"
        return Suggestions(shown, False, reason)
    if matches and matches[0].soc_code in readings:
        return Suggestions(shown, True, "the sector glossary's reading")
    confident, reason = _confidence(matches, top, ASKED_MARGIN if asked else MIN_MARGIN)
    entry = next(iter(asked.values()), None)
    if entry is None:
        return Suggestions(shown, confident, reason)
    where = "in this sector" if key else "without the meeting's sector"
    # The stack's other wordings name no job the glossary knows ("Apprentice" beside "Carpet
    # and tile installer"): they cannot say the job is none of those the glossary lists.
    only_asked = len(asked) == len(texts) or not (glossary or heads)
    if confident and choices and only_asked and matches[0].soc_code not in choices:
        # The sector's glossary lists the jobs the wording can be, and this is none of them.
        confident = False
        reason = f"{where} {entry.wording!r} is one of {jobs_named(choices)}: ask the room"
    elif confident and len(asked) == len(texts) and not any(e.choices for e in asked.values()):
        # `?`: the sector's glossary says the wording can be almost any job there ("Director"
        # in a hospital), so no code the search finds for it is the room's without asking.
        confident = False
        reason = f"{where} {entry.wording!r} can be almost any job: ask the room which"
    elif not confident and choices and only_asked and matches[0].soc_code not in choices:
        # "Restoration technician": the search's two best (museum conservators, medical
        # appliance technicians) are close to each other, and neither is a job listed for it.
        reason = f"{where} {entry.wording!r} is one of {jobs_named(choices)}: ask the room"
    elif not confident and "too close" in reason:
        reason += f" ({where} {entry.wording!r} can be more than one job)"
    elif not confident and entry.choices:
        # "Welding foreman": nothing matched well, but the glossary knows which jobs it can be.
        reason = f"{where} {entry.wording!r} is one of {jobs_named(entry.choices)}: ask the room"
    elif not confident:
        reason = f"{where} {entry.wording!r} can be almost any job: ask the room which"
    note = ""
    if confident:
        # Each asked wording with its own jobs ("Rig mechanic" and "Foreman" in one stack).
        said = []
        for asked_entry in dict.fromkeys(asked.values()):
            others = [c for c in asked_entry.choices if c != matches[0].soc_code]
            also = f"also be {jobs_named(others)}" if others else "be more than one job"
            said.append(f"{asked_entry.wording!r} can {also}")
        note = f"{where} {'; '.join(said)}: check with the room"
    return Suggestions(shown, confident, reason, note)


def jobs_named(codes: Sequence[str]) -> str:
    """'47-2021 Brickmasons and Blockmasons, 47-2022 Stonemasons': the codes a facilitator is
    to choose between, each with its SOC title, for a list read where no suggestions show."""
    return ", ".join(f"{code} {_soc_title(code)}".rstrip() for code in codes)


@functools.lru_cache(maxsize=4096)
def _soc_title(code: str) -> str:
    match = occupation_of(code, 0.0, "")
    return (match.soc_title or match.title) if match else ""


def _found(
    text: str, card: str | None, sector: str, *, asked: bool
) -> dict[str, tuple[float, Match]]:
    """Occupations one wording of the stack suggests, by O*NET code, with their scores."""
    found: dict[str, tuple[float, Match]] = {}
    sector_text = spelled_out(text, sector) if sector else ""
    readings = [(text, GENERIC_DISCOUNT if sector_text else 1.0)]
    if card is not None:
        if asked:
            # "Plant operator (coal)": the sector knows the job part as several jobs, so the
            # qualifier is what says which.
            readings = [(text, QUALIFIED_DISCOUNT), (card, 1.0)]
        else:
            readings.append((card, QUALIFIED_DISCOUNT))
    if sector_text:
        readings.append((sector_text, 0.0))
    tops: dict[str, Match] = {}
    for reading, factor in readings:
        results = search(reading, limit=_FETCH)
        if results:
            tops[reading] = results[0]
        # A longer spelled-out reading covers less of each title, so its scores run lower;
        # its best match is what the sector means by the card, so it is put level with a
        # whole-title match of the card as written.
        scale = factor or (1.0 / results[0].score if results else 1.0)
        for m in results:
            score = min(m.score * scale, 1.0)
            if sector_text and reading == sector_text:
                m = replace(m, why=f"{m.why}; read in this sector as '{sector_text}'")
            if m.onet_code not in found or score > found[m.onet_code][0]:
                found[m.onet_code] = (score, m)
    if card is not None:
        _refine(found, tops.get(text), tops.get(card))
    return found


def _add_choices(merged: dict[str, tuple[float, Match]], choices: Sequence[str]) -> None:
    """Lift the jobs the glossary says an asked wording can be, and add those the search
    did not find, so the room is shown them."""
    present = set()
    for code, (score, m) in list(merged.items()):
        if m.soc_code in choices:
            merged[code] = (score + CHOICE_BONUS, m)
            present.add(m.soc_code)
    why = "one of the jobs the sector's glossary lists for this wording"
    # In the glossary's order, most likely first: the same card is shown the same list in
    # every run (a set's order changes with each process's hash seed).
    for soc in [c for c in choices if c not in present]:
        if (listed := occupation_of(soc, CHOICE_FLOOR, why)) is not None:
            merged[listed.onet_code] = (CHOICE_FLOOR, listed)


def _shown(matches: tuple[Match, ...], offered: set[str], limit: int) -> tuple[Match, ...]:
    """The first `limit` suggestions: the best, then room kept for the jobs the glossary offers
    (those it lists for an asked wording, the one a card ends in), then the rest, as ranked."""
    rest = matches[1:]
    kept = [m for m in rest if m.soc_code in offered][: limit - 1]
    others = [m for m in rest if m.soc_code not in offered][: limit - 1 - len(kept)]
    chosen = {id(m) for m in kept + others}
    return matches[:1] + tuple(m for m in rest if id(m) in chosen) if limit > 0 else ()


def _ranked(
    merged: dict[str, tuple[float, Match]], votes: dict[str, int], sector: str
) -> tuple[tuple[Match, ...], float]:
    """The stack's occupations best first, nudged by agreement and the sector, and the top
    score before it is scaled to 1."""
    ranked: list[tuple[float, Match]] = []
    for code, (score, m) in merged.items():
        bonus = AGREEMENT_BONUS * (votes.get(code, 1) - 1)
        # An "All Other" code (53-7199, 29-1229) is a catch-all, not the sector's own job: the
        # sector must not lift it over the named occupation ("CDL-A driver" is 53-3032).
        catch_all = "All Other" in (m.soc_title or m.title)
        fit = affinity(m.soc_code, sector) if sector and not catch_all else 0.0
        bonus += SECTOR_BONUS * fit
        why = m.why
        if fit >= 0.5:
            why += "; common in this sector"
        if votes.get(code, 1) > 1:
            why += f"; {votes[code]} of the stack's wordings agree"
        ranked.append((score + bonus, replace(m, why=why)))
    ranked.sort(key=lambda item: -item[0])
    top = ranked[0][0] if ranked else 0.0
    scale = max(top, 1.0)
    return tuple(replace(m, score=round(s / scale, 3)) for s, m in ranked), top


_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+")
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]?")
_SHORT_TAIL = re.compile(r",\s*(\S+(\s+\S+)?)\s*$")


def _job_part(text: str) -> str:
    """The job a card names, without what qualifies it: 'RN - ICU' is 'RN', 'Welder (TIG)' is
    'Welder', 'Driver, local' is 'Driver'. A hyphen inside a word ('X-ray tech', 'CDL-A') and
    a comma before more than two words ('Cutting, punching press operator') are kept.
    """
    job = _BRACKETS.sub("", text).strip()
    job = _DASH.split(job, maxsplit=1)[0].strip()
    job = _SHORT_TAIL.sub("", job).strip()
    return job if any(ch.isalnum() for ch in job) else text


def _refine(found: dict[str, tuple[float, Match]], job: Match | None, card: Match | None) -> None:
    """'RN - ICU': where the whole card's best match is the job's own SOC occupation, the
    qualifier picks its O*NET sub-occupation (29-1141.03 Critical Care Nurses)."""
    if job is None or card is None or card.soc_code != job.soc_code:
        return
    if card.onet_code != job.onet_code and card.onet_code in found:
        score, match = found[card.onet_code]
        found[card.onet_code] = (max(score, found[job.onet_code][0]) + 1e-6, match)


def _glossary_entry(text: str, card: str | None, sector: str) -> GlossaryEntry | None:
    """The glossary's entry for the whole card ('Extrusion operator - plastics'), else its job,
    else its job with misspelt words put right ('Electricain'); None where the sector has its
    own spelled-out reading (`sector_hints`) and the entry is not the sector's own."""
    for wording in (card, text, respelled(text, sector)):
        entry = lookup(wording, sector) if wording else None
        if entry is None:
            continue
        if entry.sector == EVERY_SECTOR and spelled_out(text, sector):
            return None
        return entry
    return None


def _head(text: str, card: str | None, sector: str) -> GlossaryEntry | None:
    """The glossary's job for what the whole card, or else its job part, ends with."""
    return (head_lookup(card, sector) if card else None) or head_lookup(text, sector)


def _add_glossary_reading(
    found: dict[str, tuple[float, Match]],
    entry: GlossaryEntry,
    score: float = GLOSSARY_SCORE,
    *,
    head: bool = False,
) -> None:
    """Put the glossary's code first, as the occupation the search found for it where it did
    (which keeps a sub-occupation the card's words chose: 'Validation engineer' 17-2112.02)."""
    sector = entry.sector
    where = "every sector's" if sector == EVERY_SECTOR else f"the {sector_label(sector)}"
    why = (
        f"ends in '{entry.wording}', which {where} glossary reads as {entry.soc_code}"
        if head
        else f"{where} glossary: '{entry.wording}' is {entry.soc_code}"
    )
    same = [(s, m) for s, m in found.values() if m.soc_code == entry.soc_code]
    if same:
        earlier, match = max(same, key=lambda item: item[0])
        # What the search matched still explains the code: "alternate title 'User ...'".
        found[match.onet_code] = (max(score, earlier), replace(match, why=f"{why}; {match.why}"))
    elif (standing := occupation_of(entry.soc_code, 1.0, why)) is not None:
        found[standing.onet_code] = (score, standing)


def _slash_readings(text: str) -> list[str]:
    """'Host/Hostess', 'UX/UI designer', 'Maint/Electrician': one card, several wordings.

    The card as written comes first; then each side of the slash, the last side's trailing
    words shared by a one-word first side ('UX/UI designer' is 'UX designer' and 'UI designer').
    """
    parts = [p.strip() for p in text.split("/")]
    if len(parts) < 2 or not all(parts):
        return [text]
    tail = parts[-1].split()[1:]
    readings = [" ".join([p, *tail]) if len(p.split()) == 1 and tail else p for p in parts[:-1]]
    return [text, *readings, parts[-1]]


def _vague(text: str) -> bool:
    """Only generic title words ('Tech', 'Operator', 'Lead supervisor'), once read."""
    from focusgroup.crosswalk.abbreviations import ABBREVIATIONS, FILLER, SENIORITY
    from focusgroup.crosswalk.index import reading
    from focusgroup.crosswalk.text import STOPWORDS, stem, words

    kept = [w for w in words(text) if w not in SENIORITY and w not in FILLER and w not in STOPWORDS]
    if not kept or len(kept) > 2:
        return False
    with reading() as (_, vocab):
        for word in kept:
            # An abbreviation is as vague as its main reading ("tech": technician).
            main = ABBREVIATIONS.get(word, (word,))[0]
            if not all(vocab.df.get(stem(w), 0) >= VAGUE_DF for w in main.split()):
                return False
    return True


def _confidence(matches: tuple[Match, ...], top: float, margin: float) -> tuple[bool, str]:
    if not matches:
        return False, "no suggestion"
    if top < MIN_SCORE:
        return False, "no close match"
    best = matches[0]
    # Relatives in one SOC minor group (51-2000 Assemblers and Fabricators: 51-2092 Team
    # Assemblers, 51-2022 Electrical Equipment Assemblers) often tie on a one-word card; a
    # rival from another minor group is a different kind of job.
    rival = next((m for m in matches[1:] if m.soc_code[:4] != best.soc_code[:4]), None)
    if rival is not None and best.score - rival.score < margin:
        return False, f"too close to {rival.soc_code} {rival.soc_title or rival.title}"
    return True, "clear best match"
