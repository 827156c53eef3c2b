"""From what an employer wrote on a card to ranked O*NET-SOC suggestions.

A query is read into *slots*: one per meaningful word, each with the spellings that count as a
hit (an abbreviation's expansions, a spelling fix, a compound split or joined). FTS5 fetches the
titles (official, SOC, alternate and reported) sharing any token; each is scored by how much of
the query it covers and how much of itself the query explains, both weighted by how rare the
tokens are. An occupation takes its best title, plus small nudges for how many of its titles
agree and for how many people hold the job (a card is likelier to be a common occupation).
"""

from __future__ import annotations

import difflib
import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from focusgroup.crosswalk.abbreviations import (
    ABBREVIATIONS,
    FILLER,
    SENIORITY,
    SHIFT_PATTERN,
    card_words,
)
from focusgroup.crosswalk.index import Vocabulary, reading
from focusgroup.crosswalk.text import STOPWORDS, index_tokens, stem

CANDIDATES = 400
"""Titles fetched from FTS5 (by bm25) per query before re-ranking."""
ENOUGH = 100
"""When the all-words query finds fewer titles than this, partial matches are fetched too."""
COMMON_DF = 1500
"""A word in more titles than this is not worth a query of its own."""
LONGEST_TITLE_WORDS = 16
"""At least as many words as the wordiest title in the index has (O*NET 30.0: 14; a test
checks the shipped index): a card with more different words than this, less one, matches no
title on all of them but one, so those queries are not run (a pasted job ad: 360 of them)."""
_TOP_SCORE = 1.1
"""A perfect title match with every bonus scores about this; shown as 1.0."""
_TYPICAL_WEIGHT = 6.0
"""About the idf of a common trade word (welder, nurse)."""
_MAX_ABBREVIATION_WORDS = max(len(key.split()) for key in ABBREVIATIONS)
_KIND_BONUS = {"title": 0.03, "soc": 0.03, "alt": 0.015, "reported": 0.01}
_KIND_LABEL = {
    "title": "title match",
    "soc": "SOC title",
    "alt": "alternate title",
    "reported": "reported title",
}


@dataclass(frozen=True)
class Match:
    onet_code: str
    soc_code: str
    title: str
    score: float
    """0..1, higher is better; about 0.9 and up is a whole-title match."""
    why: str
    job_zone: int | None = None
    soc_title: str = ""
    """The SOC title of `soc_code`; `title` is the O*NET-SOC occupation's own (often a
    sub-occupation: 47-4011.01 Energy Auditors sits under SOC 47-4011 Construction and
    Building Inspectors)."""


@dataclass(frozen=True)
class _Slot:
    """One meaningful piece of the query and the token sets that count as a hit for it."""

    alternatives: tuple[tuple[str, ...], ...]
    weight: float
    note: str = ""
    quality: float = 1.0
    """Below 1 for guesses (spelling fixes, prefix completions)."""
    literal: tuple[str, ...] = ()
    """The word as the employer wrote it, when titles use it too ("CNC")."""


def search(text: str, limit: int = 10) -> list[Match]:
    """Ranked O*NET occupations for a card's text; [] when nothing sensible matches."""
    with reading() as (conn, vocab):
        slots, notes = _read_query(text, vocab)
        if not slots:
            return []
        rows = _candidates(conn, slots, vocab)
        ranked = _rank(conn, rows, slots, vocab)[:limit]
        if not ranked:
            return []
        occupations = {
            r["id"]: r
            for r in conn.execute(
                "SELECT o.id, o.onet_code, o.soc_code, o.title, o.job_zone, s.title AS soc_title "
                "FROM occupation o LEFT JOIN soc s ON s.soc_code = o.soc_code "
                f"WHERE o.id IN ({','.join('?' * len(ranked))})",
                [occ for occ, *_ in ranked],
            )
        }
    matches = []
    for occ, raw, row, covered in ranked:
        score = min(raw, _TOP_SCORE) / _TOP_SCORE
        info = occupations[occ]
        why = _why(row, info["title"], covered, slots, notes)
        matches.append(
            Match(
                info["onet_code"], info["soc_code"], info["title"], round(score, 3), why,
                info["job_zone"], info["soc_title"] or "",
            )
        )  # fmt: skip
    return matches


# --- fetching candidate titles ---------------------------------------------------------------


def _candidates(
    conn: sqlite3.Connection, slots: list[_Slot], vocab: Vocabulary
) -> list[sqlite3.Row]:
    """Titles matching every slot; if too few, titles matching all slots but one.

    Each query is an AND, so FTS5 ranks few rows: bm25 costs a lookup per matching row, and
    OR-ing in a word like 'operator' (in 5,800 titles) would cost ~10 ms per search.
    """
    if len(slots) > LONGEST_TITLE_WORDS:
        # Longer than any title: a word the card repeats asks the same of a title, so each
        # is queried once (a short card is read exactly as before).
        slots = list({s.alternatives: s for s in slots}.values())
    rows = _fetch(conn, " AND ".join(_slot_query(s) for s in slots))
    if len(rows) >= ENOUGH or len(slots) < 2 or len(slots) - 1 > LONGEST_TITLE_WORDS:
        return rows
    seen = {r["id"] for r in rows}
    for dropped in slots:
        rest = [s for s in slots if s is not dropped]
        if len(rest) == 1 and _commonness(rest[0], vocab) > COMMON_DF:
            continue
        for row in _fetch(conn, " AND ".join(_slot_query(s) for s in rest)):
            if row["id"] not in seen:
                seen.add(row["id"])
                rows.append(row)
    return rows


def _commonness(slot: _Slot, vocab: Vocabulary) -> int:
    return max(vocab.df.get(t, 0) for alt in slot.alternatives for t in alt)


def _slot_query(slot: _Slot) -> str:
    return (
        "("
        + " OR ".join("(" + " AND ".join(f'"{t}"' for t in alt) + ")" for alt in slot.alternatives)
        + ")"
    )


def _fetch(conn: sqlite3.Connection, fts_query: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT t.id, t.occ, t.kind, t.text FROM title t JOIN ("
        "  SELECT rowid AS id FROM title_fts WHERE title_fts MATCH ? ORDER BY rank LIMIT ?"
        ") hits USING (id)",
        (fts_query, CANDIDATES),
    ).fetchall()


# --- reading the query ------------------------------------------------------------------------


def _read_query(text: str, vocab: Vocabulary) -> tuple[list[_Slot], list[str]]:
    notes: list[str] = []
    lowered = text.lower()
    for phrase in re.findall(SHIFT_PATTERN, lowered):
        notes.append(f"ignored '{phrase}'")
    ws = card_words(text)
    ignored = [w for w in ws if w in SENIORITY or w in FILLER]
    kept = [w for w in ws if w not in SENIORITY and w not in FILLER]
    if ignored and kept:
        notes.append("ignored " + " ".join(f"'{w}'" for w in ignored))
    elif not kept:
        kept = [w for w in ws if w not in FILLER]  # "Lead" alone is still something to look up
    slots: list[_Slot] = []
    i = 0
    while i < len(kept):
        slot, used = _abbreviation(kept, i, vocab) or _compound(kept, i, vocab) or (None, 1)
        if slot is None:
            slot = _single(kept[i], vocab)
        if slot is not None:
            slots.append(slot)
        i += used
    return slots, notes


def _abbreviation(ws: list[str], i: int, vocab: Vocabulary) -> tuple[_Slot, int] | None:
    for size in range(min(_MAX_ABBREVIATION_WORDS, len(ws) - i), 0, -1):
        key = " ".join(ws[i : i + size])
        if key not in ABBREVIATIONS:
            continue
        alternatives = [tuple(index_tokens(e)) for e in ABBREVIATIONS[key]]
        own = tuple(index_tokens(key))
        if own and all(t in vocab for t in own) and own not in alternatives:
            alternatives.insert(0, own)  # "CNC" is itself in many titles
        alternatives = [a for a in alternatives if a]
        if not alternatives:
            return None
        expansion = ABBREVIATIONS[key][0]
        note = f"abbreviation {key} → {expansion}" if expansion != key else ""
        literal = own if own in alternatives else ()
        return _Slot(tuple(alternatives), _weight(alternatives, vocab), note, literal=literal), size
    return None


def _compound(ws: list[str], i: int, vocab: Vocabulary) -> tuple[_Slot, int] | None:
    """'fork lift' and 'forklift' are the same word to an employer."""
    if i + 1 >= len(ws) or ws[i] in STOPWORDS or ws[i + 1] in STOPWORDS:
        return None
    joined = stem(ws[i] + ws[i + 1])
    if joined not in vocab:
        return None
    alternatives: list[tuple[str, ...]] = [(joined,)]
    pair = (stem(ws[i]), stem(ws[i + 1]))
    if all(t in vocab for t in pair):
        alternatives.append(pair)
    return _Slot(tuple(alternatives), _weight(alternatives, vocab)), 2


def _single(word: str, vocab: Vocabulary) -> _Slot | None:
    if word in STOPWORDS:
        return None
    token = stem(word)
    if token in vocab:
        return _Slot(((token,),), vocab.weight(token), literal=(token,))
    if not token.isalpha():
        return None
    split = _split(token, vocab)
    if split:
        return _Slot((split,), _weight([split], vocab), f"read {word} as '{' '.join(split)}'")
    if len(token) >= 3:
        completions = [t for t in vocab.by_initial.get(token[0], ()) if t.startswith(token)]
        if completions:
            best = sorted(completions, key=lambda t: -vocab.df[t])[:2]
            alternatives: list[tuple[str, ...]] = [(t,) for t in best]
            weight = _weight(alternatives, vocab)
            return _Slot(tuple(alternatives), weight, f"abbreviation {word} → {best[0]}", 0.9)
    if token.endswith("ing") and token[:-3] in vocab:  # "trucking" -> "truck"
        return _Slot(((token[:-3],),), vocab.weight(token[:-3]), f"read {word} as {token[:-3]}")
    fixed = _spelling(token, vocab)
    if fixed:
        # A guess should not outweigh the words we are sure of, however rare its fix is.
        weight = min(vocab.weight(fixed), _TYPICAL_WEIGHT)
        return _Slot(((fixed,),), weight, f"spelling {word} → {fixed}", 0.85)
    return None


def _split(token: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """'helpdesk' -> ('help', 'desk') when both halves are title words."""
    best: tuple[int, tuple[str, str]] | None = None
    for cut in range(3, len(token) - 2):
        left, right = token[:cut], stem(token[cut:])
        if left in vocab and right in vocab:
            support = min(vocab.df[left], vocab.df[right])
            if best is None or support > best[0]:
                best = (support, (left, right))
    return best[1] if best else None


def _spelling(token: str, vocab: Vocabulary) -> str | None:
    # Same first letter, similar length: keeps difflib to a few hundred candidates (< 2 ms).
    pool = [t for t in vocab.by_initial.get(token[0], ()) if abs(len(t) - len(token)) <= 2]
    close = difflib.get_close_matches(token, pool, n=3, cutoff=0.8)
    if not close:
        return None
    # Among equally close words prefer the one more titles use.
    best_ratio = difflib.SequenceMatcher(None, token, close[0]).ratio()
    tied = [c for c in close if difflib.SequenceMatcher(None, token, c).ratio() == best_ratio]
    return max(tied, key=lambda t: vocab.df[t])


def _weight(alternatives: list[tuple[str, ...]], vocab: Vocabulary) -> float:
    """A slot counts as much as its most telling spelling (rare words tell more)."""
    return max(max(vocab.weight(t) for t in alt) for alt in alternatives)


# --- scoring ----------------------------------------------------------------------------------


def _rank(
    conn: sqlite3.Connection, rows: list[sqlite3.Row], slots: list[_Slot], vocab: Vocabulary
) -> list[tuple[int, float, sqlite3.Row, set[str]]]:
    total_weight = sum(s.weight for s in slots)
    best: dict[int, tuple[float, sqlite3.Row, set[str]]] = {}
    full_cover: dict[int, int] = defaultdict(int)
    for row in rows:
        title_tokens, title_weight = _title_tokens(row["id"], row["text"], vocab)
        covered_weight = 0.0
        explained: set[str] = set()
        for slot in slots:
            hit, fraction = _best_alternative(slot, title_tokens, vocab)
            if hit:
                covered_weight += slot.weight * fraction * slot.quality
                explained.update(t for t in hit if t in title_tokens)
        if not explained:
            continue
        query_cover = covered_weight / total_weight
        title_cover = sum(vocab.weight(t) for t in explained) / title_weight
        score = 0.65 * query_cover + 0.35 * title_cover + _KIND_BONUS.get(row["kind"], 0)
        if any(s.literal and title_tokens.issuperset(s.literal) for s in slots):
            score += 0.02  # the employer's own word beats our expansion of it
        occ = row["occ"]
        if query_cover > 0.99:
            full_cover[occ] += 1
        if occ not in best or score > best[occ][0]:
            best[occ] = (score, row, explained)
    if not best:
        return []
    employment = dict(
        conn.execute(
            f"SELECT id, employment FROM occupation WHERE id IN ({','.join('?' * len(best))})",
            list(best),
        ).fetchall()
    )
    ranked = []
    for occ, (score, row, explained) in best.items():
        agreement = 0.03 * min(math.log2(1 + full_cover[occ]) / 3, 1)
        people = employment.get(occ) or 0
        prior = 0.04 * min(math.log10(people + 1) / 6.5, 1)
        ranked.append((occ, score + agreement + prior, row, explained))
    ranked.sort(key=lambda item: -item[1])
    return ranked


def _title_tokens(title_id: int, text: str, vocab: Vocabulary) -> tuple[frozenset[str], float]:
    """A title's tokens and their total weight, computed once per title per open index."""
    cached = vocab.title_cache.get(title_id)
    if cached is None:
        tokens = frozenset(index_tokens(text))
        cached = vocab.title_cache[title_id] = (tokens, sum(vocab.weight(t) for t in tokens))
    return cached


def _best_alternative(
    slot: _Slot, title_tokens: frozenset[str], vocab: Vocabulary
) -> tuple[tuple[str, ...], float]:
    best: tuple[tuple[str, ...], float] = ((), 0.0)
    for alt in slot.alternatives:
        present = [t for t in alt if t in title_tokens]
        if not present:
            continue
        fraction = sum(vocab.weight(t) for t in present) / sum(vocab.weight(t) for t in alt)
        if fraction > best[1]:
            best = (alt, fraction)
    return best


def _why(
    row: sqlite3.Row, occupation_title: str, covered: set[str], slots: list[_Slot], notes: list[str]
) -> str:
    kind = row["kind"]
    if kind == "title":
        reason = f"title match: {row['text'].lower()}"
    else:
        reason = f"{_KIND_LABEL.get(kind, kind)} '{row['text']}'"
    used = [
        s.note
        for s in slots
        if s.note and any(t in covered and t not in s.literal for a in s.alternatives for t in a)
    ]
    return "; ".join([reason, *used, *notes])


def occupation_of(soc_code: str, score: float, why: str) -> Match | None:
    """The O*NET-SOC occupation that stands for a SOC code (its '.00' one where it has one)."""
    with reading() as (conn, _):
        row = conn.execute(
            "SELECT o.onet_code, o.soc_code, o.title, o.job_zone, s.title AS soc_title "
            "FROM occupation o LEFT JOIN soc s ON s.soc_code = o.soc_code "
            "WHERE o.soc_code = ? ORDER BY o.onet_code LIMIT 1",
            (soc_code,),
        ).fetchone()
    if row is None:
        return None
    return Match(
        row["onet_code"], row["soc_code"], row["title"], score, why, row["job_zone"],
        row["soc_title"] or "",
    )  # fmt: skip
