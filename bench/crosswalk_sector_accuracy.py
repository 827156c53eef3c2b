"""Right / wrong / left-for-review rates of `crosswalk --accept-top` on short sector shorthand.

    .venv/bin/python bench/crosswalk_sector_accuracy.py [--set PART] [--misses] [--plain]

Each row of bench/crosswalk_sector_labelled.tsv is a card written in a session of that sector;
PART is dev, holdout, dev2, dev3, fresh, blind2, blind3, blind4, blind4-seen, blind5 or
blind5-seen (the file header says how each was written). "As written" is blind4 and blind5
with their -seen parts: every card their writers wrote, everyday titles included, which the
held-out parts' de-duplication drops.
"right": the suggestion --accept-top would store is one of the row's codes; "wrong": it would
store another; "review": it stores nothing (not confident) and lists the card for a person.
`--plain` measures the old behaviour for comparison: the top suggestion of `search` on the card
text alone, always stored. Misses are listed for the dev part only unless another --set is
given explicitly: the held-out parts are for measuring, not for tuning (see the file's header
for why several).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from focusgroup.crosswalk.search import search
from focusgroup.crosswalk.suggest import suggest

LABELLED = Path(__file__).resolve().parent / "crosswalk_sector_labelled.tsv"


def load(path: Path = LABELLED) -> list[tuple[str, set[str], str, str]]:
    rows = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for line in [ln for ln in lines if not ln.startswith("#")][1:]:
        card, codes, sector, subset = line.split("\t")
        rows.append((card, set(codes.split("|")), sector, subset))
    return rows


def outcome(card: str, codes: set[str], sector: str, plain: bool) -> tuple[str, str, bool]:
    """The verdict, what was stored or suggested, and whether a right code is in the top 3."""
    if plain:
        matches = search(card, limit=3)
        stored = matches[0] if matches else None
    else:
        result = suggest([card], sector=sector, limit=3)
        matches = list(result.matches)
        stored = result.best if result.confident else None
    top3 = any(m.soc_code in codes for m in matches)
    if stored is None:
        best = matches[0] if matches else None
        reason = "" if plain else f" ({result.reason})"
        return "review", f"{best.soc_code} {best.title}{reason}" if best else "", top3
    verdict = "right" if stored.soc_code in codes else "wrong"
    return verdict, f"{stored.soc_code} {stored.title}", top3


PARTS = (
    *("dev", "holdout", "dev2", "dev3", "fresh", "blind2", "blind3"),
    *("blind4", "blind4-seen", "blind5", "blind5-seen"),
)
HELD_OUT = ("fresh", "blind2", "blind3", "blind4", "blind5")
"""Never tuned on; their rows together are the honest figure."""


def measure(rows, plain: bool = False) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for card, codes, sector, subset in rows:
        verdict, _, top3 = outcome(card, codes, sector, plain)
        keys = ["all", subset]
        if subset in HELD_OUT:
            keys.append("held out")
        if subset.startswith(("blind4", "blind5")):
            keys.append("as written (blind4, blind5)")
        for key in keys:
            counts = table.setdefault(key, {"right": 0, "wrong": 0, "review": 0, "top3": 0})
            counts[verdict] += 1
            counts["top3"] += top3
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=PARTS)
    parser.add_argument("--misses", action="store_true", help="list wrong and review rows")
    parser.add_argument("--plain", action="store_true", help="the old top-1, no sector")
    args = parser.parse_args()
    rows = [r for r in load() if args.set in (None, r[3])]
    table = measure(rows, args.plain)
    print("| set | cards | right | wrong | left for review | right code in top 3 |")
    print("|---|---|---|---|---|---|")
    for key in (*PARTS, "held out", "as written (blind4, blind5)", "all"):
        if key not in table:
            continue
        c = table[key]
        n = c["right"] + c["wrong"] + c["review"]
        rates = " | ".join(f"{c[k] / n:.1%}" for k in ("right", "wrong", "review", "top3"))
        print(f"| {key} | {n} | {rates} |")
    if args.misses:
        shown = args.set or "dev"
        for card, codes, sector, subset in rows:
            if subset != shown:
                continue
            verdict, detail, _ = outcome(card, codes, sector, args.plain)
            if verdict != "right":
                want = "|".join(sorted(codes))
                print(f"{verdict.upper():6} [{sector}] {card!r} want {want}: {detail}")


if __name__ == "__main__":
    main()
