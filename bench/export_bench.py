"""Time the summary (PDF, Markdown, JSON, CSV) plus all profiles for a 500-card session.

    .venv/bin/python bench/export_bench.py [--cards 500] [--runs 3]

Target (issue 5): under 3 s on a 2-core machine. Each run is a fresh process, so the
reportlab import, font loading and reading the session file are all counted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import sys, time
t0 = time.perf_counter()
from focusgroup.export.exporter import export_session, export_profiles
from focusgroup.export.snapshot import take_snapshot
from focusgroup.store.session_store import SessionStore
db, out = sys.argv[1], sys.argv[2]
with SessionStore.open(db) as store:
    snap = take_snapshot(store)
t1 = time.perf_counter()
files = export_session(snap, out)
t2 = time.perf_counter()
files += export_profiles(snap, out)
t3 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f} {t3 - t0:.3f} {len(files)}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from focusgroup.sample import build_sample_session

    with tempfile.TemporaryDirectory() as tmp:
        db = build_sample_session(Path(tmp) / "bench.db", cards=args.cards)
        print(f"Session: {args.cards} cards")
        print(f"{'run':<6}{'read':>8}{'summary':>10}{'profiles':>10}{'total':>8}  files")
        totals = []
        for run in range(1, args.runs + 1):
            out = Path(tmp) / f"out{run}"
            line = subprocess.run(
                [sys.executable, "-c", CHILD, str(db), str(out)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            read, summary, profiles, total, files = line
            totals.append(float(total))
            print(f"{run:<6}{read:>8}{summary:>10}{profiles:>10}{total:>8}  {files}")
        print(
            f"best total {min(totals):.2f} s (target < 3 s; includes imports and the session read)"
        )


if __name__ == "__main__":
    main()
