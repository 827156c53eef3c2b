"""Time the career pathway map (PDF, SVG, Markdown, JSON) of a 500-card session.

    .venv/bin/python bench/map_bench.py [--cards 500] [--runs 3]

Target (issue 16): under 1 s. The session is the sample meeting padded to 500 cards, every
card crosswalked to a real O*NET occupation, an area set (Kansas City, MO-KS) and about a
hundred "advances to" links. Each run is a fresh process: importing reportlab, reading the
session, the O*NET and OEWS look-ups, layout and writing all four files are counted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODES = (
    "51-4121.00", "51-2092.00", "51-4041.00", "51-1011.00", "17-2112.00", "49-9041.00",
    "51-9061.00", "53-3032.00", "43-5071.00", "41-4012.00", "11-3051.00", "17-2141.00",
    "51-4011.00", "49-2094.00", "51-9111.00", "53-7062.00", "13-1023.00", "17-3026.00",
)  # fmt: skip
CHILD = """
import resource, sys, time
t0 = time.perf_counter()
from focusgroup.export.map_export import export_map
pages = export_map(sys.argv[1], sys.argv[2])
t1 = time.perf_counter()
r = resource.getrusage(resource.RUSAGE_SELF)
print(f"{t1 - t0:.3f} {len(pages)} {r.ru_utime + r.ru_stime:.3f}")
"""


def build(path: Path, cards: int) -> tuple[Path, int, int]:
    """The sample session, crosswalked and linked; returns (path, cards, links)."""
    sys.path.insert(0, str(ROOT))
    from focusgroup.regional.index import find_area
    from focusgroup.sample import build_sample_session
    from focusgroup.store import SessionStore

    build_sample_session(path, cards=cards)
    rng = random.Random(16)
    with SessionStore.open(path) as store:
        store.update_session(area=find_area("Kansas City").code)
        wall = store.cards()
        with store.action("Bench: crosswalk and link"):
            for card in wall:
                code = rng.choice(CODES)
                store.set_soc(card.id, soc_code=code[:7], onet_code=code, soc_title="")
            levels = store.levels()
            links = 0
            by_place: dict[tuple[int | None, str], list[int]] = {}
            for card in wall:
                by_place.setdefault((card.category_id, card.level), []).append(card.id)
            for (category, level), ids in by_place.items():
                if category is None or level not in levels[:-1]:
                    continue
                upper = by_place.get((category, levels[levels.index(level) + 1]), [])
                for card_id in ids[:8]:
                    if upper:
                        store.link_cards(card_id, rng.choice(upper))
                        links += 1
        count = sum(c.count for c in store.cards())
    return path, count, links


def run_once(db: Path, out: Path) -> tuple[float, int, float]:
    """(wall-clock seconds, files written, CPU seconds) of one fresh process."""
    line = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.split()
    return float(line[0]), int(line[1]), float(line[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, cards, links = build(Path(tmp) / "map.db", args.cards)
        times, cpus = [], []
        for run in range(args.runs):
            seconds, files, cpu = run_once(db, Path(tmp) / f"out{run}")
            times.append(seconds)
            cpus.append(cpu)
            print(f"run {run + 1}: {seconds:.3f} s wall, {cpu:.3f} s CPU, {files} files")
        pdf = next((Path(tmp) / "out0").glob("*.pdf"))
        from pypdf import PdfReader

        pages = len(PdfReader(str(pdf)).pages)
        median = statistics.median(times)
        verdict = "ok" if median < 1 else "MISSED"
        load = os.getloadavg()[0]
        print(
            f"career pathway map, {cards} cards, {links} links, {pages} pages: "
            f"median {median:.2f} s wall (target < 1 s: {verdict}), "
            f"{statistics.median(cpus):.2f} s CPU; load average {load:.1f} on "
            f"{os.cpu_count()} CPUs"
        )


if __name__ == "__main__":
    main()
