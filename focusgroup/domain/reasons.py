"""Matching what people wrote about "why critical" to the protocol's reasons.

Employers and transcribers word the same reason many ways: "hard to fill", "Hardest-to-fill",
"biggest impact on growth" (the protocol says "Biggest effect on growth and profit"). A
wording that clearly means one reason is stored as that reason's key, so it is counted with
the others; one that matches none is kept, in the employer's own words, as their own
definition of "critical" (the guide: employers may define it themselves).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from focusgroup.domain.protocol import Reason

_STOP = frozenset(
    "a an and are as at be by for from have in is it of on or our the to we us very most "
    "much many lot lots them they this that with".split()
)
# Words people use interchangeably for the same idea, mapped to one spelling.
_SAME = {
    "impact": "effect",
    "affect": "effect",
    "affects": "effect",
    "influence": "effect",
    "costs": "cost",
    "expensive": "cost",
    "profits": "profit",
    "profitability": "profit",
    "revenue": "profit",
    "grow": "growth",
    "growing": "growth",
    "turnover": "turnover",
    "churn": "turnover",
    "attrition": "turnover",
    "quit": "turnover",
    "hardest": "hard",
    "harder": "hard",
    "difficult": "hard",
    "filled": "fill",
    "filling": "fill",
    "hire": "fill",
    "hiring": "fill",
    "recruit": "fill",
    "largest": "biggest",
    "greatest": "biggest",
    "highest": "high",
    "higher": "high",
    "need": "need",
    "needs": "need",
    "needed": "need",
    "numbers": "many",
    "volume": "many",
    "depends": "depend",
    "dependent": "depend",
    "rely": "depend",
    "relies": "depend",
    "kingpin": "depend",
}
MIN_SCORE = 0.6
"""Share of the typed words a reason must cover to count as the same reason."""


def _words(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    out = set()
    for word in words:
        if word in _STOP:
            continue
        word = _SAME.get(word, word)
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = _SAME.get(word[:-1], word[:-1])
        out.add(word)
    return frozenset(out)


def _flat(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def match_reason(text: str, reasons: Iterable[Reason]) -> Reason | None:
    """The protocol reason `text` names (by key, hotkey, label or close wording), or None.

    Close wording: after dropping filler words and folding synonyms, the reason's key and
    label together cover at least MIN_SCORE of the typed words, and no other reason covers
    as many. A tie means the wording is ambiguous, so it stays the employer's own.
    """
    reasons = tuple(reasons)
    flat = _flat(text)
    if not flat:
        return None
    for reason in reasons:
        if flat in (_flat(reason.key), _flat(reason.label)) or text.strip() == reason.hotkey:
            return reason
    typed = _words(text)
    if not typed:
        return None
    scored = []
    for reason in reasons:
        known = _words(reason.label) | _words(reason.key.replace("-", " "))
        scored.append((len(typed & known) / len(typed), reason))
    scored.sort(key=lambda pair: -pair[0])
    best, reason = scored[0]
    if best < MIN_SCORE or (len(scored) > 1 and scored[1][0] == best):
        return None
    return reason
