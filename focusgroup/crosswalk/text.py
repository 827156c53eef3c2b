"""Turning job titles into comparable tokens: the same rules for the index and for a query.

Deliberately small and predictable: lower case, split on anything that is not a letter or a
digit, drop a few glue words, and fold plurals ("welders" and "welder" are one token). No
derivational stemming: "engineer" must not become "engine".
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE_S = re.compile(r"['\u2019]s\b")

STOPWORDS = frozenset({"a", "an", "the", "of", "and", "for", "in", "at", "to", "or", "on", "with"})
"""Glue words that never decide between two occupations."""

ROMAN_LEVELS = frozenset({"i", "ii", "iii", "iv"})
"""Pay-grade suffixes ("Accountant II"): a grade of the job, not a different job."""


def words(text: str) -> list[str]:
    """Lower-case words, possessives dropped ("Sheriff's" -> "sheriff"), '&' read as 'and',
    accents folded ("Wélder", "Maître d'" are "welder", "maitre d"): O*NET's titles are plain
    ASCII, so an accented card would otherwise split into pieces that match nothing."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHE_S.sub("", text.replace("&", " and "))
    return _WORD.findall(text)


def stem(word: str) -> str:
    """Fold a plural onto its singular; leave everything else alone."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def index_tokens(text: str) -> list[str]:
    """Tokens for a title as stored in the index (order kept, duplicates dropped)."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word in STOPWORDS or word in ROMAN_LEVELS:
            continue
        seen.setdefault(stem(word), None)
    return list(seen)


def split_title(title: str) -> list[str]:
    """O*NET writes 'Help Desk Tech (Help Desk Technician)': two ways to say one title."""
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", title)
    if not match:
        return [title.strip()]
    return [part for part in (match.group(1), match.group(2)) if part.strip()]
