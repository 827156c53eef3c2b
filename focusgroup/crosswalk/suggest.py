"""Suggestions for a whole stack in a sector's meeting, and whether the best one is sure.

`search` reads one wording. A stack holds every way employers wrote the occupation, and the
session says which sector the room is: each wording is searched as written and, where the
sector has a reading for it, as the sector means it (`sector_hints`). Occupations found are
merged (best score, plus a little for each other wording that agrees) and nudged towards the
sector's own occupations.

Confidence: the best suggestion is *confident* when its score clears `MIN_SCORE` and it leads
the best suggestion with another SOC code by at least `MIN_MARGIN`. `--accept-top` stores only
confident ones; the rest are listed for a person. Both figures were set on the tuning parts of
bench/crosswalk_sector_labelled.tsv (dev, holdout, dev2); its `fresh` part only measures, and
the README gives every part's rates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from focusgroup.crosswalk.search import Match, search
from focusgroup.crosswalk.sector_employment import affinity
from focusgroup.crosswalk.sector_hints import only_a_lead, sector_key, spelled_out

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
_FETCH = 25
"""Occupations fetched per wording before merging and re-ranking."""


@dataclass(frozen=True)
class Suggestions:
    matches: tuple[Match, ...]
    """Best first; scores include the sector and agreement nudges (capped at 1)."""
    confident: bool
    reason: str
    """Why the best one is or isn't sure, in words for the facilitator."""

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
    texts = list(dict.fromkeys(part for t in texts for part in _slash_readings(t)))
    # In a stack "Lead" beside "MIG welder" grades the welder; only alone is it a supervisor.
    texts = [t for t in texts if not only_a_lead(t)] or texts
    key = sector_key(sector)
    merged: dict[str, tuple[float, Match]] = {}
    votes: dict[str, int] = {}
    vague = [t for t in texts if not (key and spelled_out(t, key)) and _vague(t)]
    for text in texts:
        found: dict[str, tuple[float, Match]] = {}
        sector_text = spelled_out(text, key) if key else ""
        readings = [(text, GENERIC_DISCOUNT if sector_text else 1.0)]
        if text in qualified:
            readings.append((qualified[text], QUALIFIED_DISCOUNT))
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
        if text in qualified:
            _refine(found, tops.get(text), tops.get(qualified[text]))
        for code, (score, m) in found.items():
            votes[code] = votes.get(code, 0) + 1
            if code not in merged or score > merged[code][0]:
                merged[code] = (score, m)
    ranked: list[tuple[float, Match]] = []
    for code, (score, m) in merged.items():
        bonus = AGREEMENT_BONUS * (votes[code] - 1)
        # An "All Other" code (53-7199, 29-1229) is a catch-all, not the sector's own job: the
        # sector must not lift it over the named occupation ("CDL-A driver" is 53-3032).
        catch_all = "All Other" in (m.soc_title or m.title)
        fit = affinity(m.soc_code, key) if key and not catch_all else 0.0
        bonus += SECTOR_BONUS * fit
        why = m.why
        if fit >= 0.5:
            why += "; common in this sector"
        if votes[code] > 1:
            why += f"; {votes[code]} of the stack's wordings agree"
        ranked.append((score + bonus, replace(m, why=why)))
    ranked.sort(key=lambda item: -item[0])
    top = ranked[0][0] if ranked else 0.0
    scale = max(top, 1.0)
    matches = tuple(replace(m, score=round(s / scale, 3)) for s, m in ranked)
    if matches and texts and len(vague) == len(texts):
        reason = f"{texts[0]!r} alone is too general to code: ask the room what the job is"
        return Suggestions(matches[:limit], False, reason)
    return Suggestions(matches[:limit], *_confidence(matches, top))


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


def _confidence(matches: tuple[Match, ...], top: float) -> tuple[bool, str]:
    if not matches:
        return False, "no suggestion"
    if top < MIN_SCORE:
        return False, "no close match"
    best = matches[0]
    # Relatives in one SOC minor group (51-2000 Assemblers and Fabricators: 51-2092 Team
    # Assemblers, 51-2022 Electrical Equipment Assemblers) often tie on a one-word card; a
    # rival from another minor group is a different kind of job.
    rival = next((m for m in matches[1:] if m.soc_code[:4] != best.soc_code[:4]), None)
    if rival is not None and best.score - rival.score < MIN_MARGIN:
        return False, f"too close to {rival.soc_code} {rival.soc_title or rival.title}"
    return True, "clear best match"
