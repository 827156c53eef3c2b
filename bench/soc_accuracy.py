"""Crosswalk accuracy and speed on the hand-labelled employer titles (bench/soc_labelled.tsv).

    .venv/bin/python bench/soc_accuracy.py [--misses] [--set dev|holdout]

Figures are given for the whole set, for the dev and holdout parts (see the file header), and
split by whether the card's text happens to be word for word a title in the index
("same-as-onet") or not ("own-wording"). A row counts as a top-k hit when any of its
acceptable SOC codes is among the SOC codes of the first k suggestions. Latency is per
lookup, measured after one warm-up search (the index is opened and its vocabulary loaded once
per process, as in the app).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from focusgroup.crosswalk.index import reading
from focusgroup.crosswalk.search import search

LABELLED = Path(__file__).resolve().parent / "soc_labelled.tsv"


def load(path: Path = LABELLED) -> list[tuple[str, set[str], str, str]]:
    rows = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("#")][1:]  # comments, then header
    for line in lines:
        card, codes, sector, subset = line.split("\t")
        rows.append((card, set(codes.split("|")), sector, subset))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the rows missed at top 3")
    parser.add_argument("--set", choices=("dev", "holdout"), help="only this part of the set")
    args = parser.parse_args()
    rows = [r for r in load() if args.set in (None, r[3])]
    search("warm up")
    with reading() as (conn, _vocab):
        known = {text.lower() for (text,) in conn.execute("SELECT text FROM title")}
    timings: list[float] = []
    cpu: list[float] = []
    hits: dict[str, list[int]] = {}
    misses = []
    for card, codes, _sector, subset in rows:
        start, start_cpu = time.perf_counter(), time.thread_time()
        matches = search(card, limit=10)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        socs = [m.soc_code for m in matches]
        top1 = bool(socs[:1]) and socs[0] in codes
        top3 = any(s in codes for s in socs[:3])
        # Plain cards ("Plumber") are often word for word an O*NET title; report those apart.
        wording = "same-as-onet" if card.lower() in known else "own-wording"
        for key in ("all", subset, wording):
            hits.setdefault(key, [0, 0, 0])
            hits[key][0] += top1
            hits[key][1] += top3
            hits[key][2] += 1
        if not top3:
            misses.append((card, codes, matches[:3]))
    timings.sort()
    cpu.sort()
    order = ["all", "dev", "holdout", "own-wording", "same-as-onet"]
    for key, (one, three, n) in sorted(hits.items(), key=lambda kv: order.index(kv[0])):
        print(f"{key:13} n={n:3}  top-1 {one / n:6.1%}  top-3 {three / n:6.1%}")
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(
        f"lookup        p50 {statistics.median(timings):.1f} ms  p95 {p95:.1f} ms  "
        f"max {timings[-1]:.1f} ms  (wall clock)"
    )
    cpu95 = cpu[max(0, round(0.95 * len(cpu)) - 1)]
    print(
        f"lookup CPU    p50 {statistics.median(cpu):.1f} ms  p95 {cpu95:.1f} ms  "
        "(this thread only: what the lookup costs when the machine is busy)"
    )
    if args.misses:
        for card, codes, matches in misses:
            got = ", ".join(f"{m.soc_code} {m.title[:40]}" for m in matches) or "nothing"
            print(f"MISS {card!r} want {'|'.join(sorted(codes))}: {got}")


if __name__ == "__main__":
    main()
