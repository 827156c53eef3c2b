"""Import speed for `python -m bench`: `import-cards` on 2,000 and 20,000 rows.

Each import is the real command in a fresh process (Python's start included), on a CSV like a
large transcription: two cards per participant, a quarter of them unsorted, the rest spread
over categories and levels. The 20,000-row time over the 2,000-row time shows whether the
cost grows with the rows (about 10x) or with their square (about 100x, as it did before
positions were looked up by index). Undo of the large import is timed too (one undo, every
part of it).
"""

from __future__ import annotations

import csv
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SIZES = (2_000, 20_000)

_UNDO = """
import sys, time
from focusgroup.store import SessionStore
store = SessionStore.open(sys.argv[1], actor="cli")
t = time.perf_counter()
store.undo()
print(time.perf_counter() - t)
"""


def write_cards_csv(path: Path, rows: int) -> Path:
    categories = ("", "Production", "Engineering", "Logistics", "Office support")
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "organization", "email", "card", "category", "level"])
        for i in range(rows):
            person = i // 2
            category = categories[i % len(categories)]
            level = ("entry", "mid", "advanced")[i % 3] if category else ""
            writer.writerow(
                [
                    f"Person {person}",
                    f"Employer {person % 400}",
                    f"p{person}@example.org",
                    f'Job {i}, "shift {i % 3}"',
                    category,
                    level,
                ]
            )
    return path


def _new_session(path: Path) -> Path:
    from focusgroup.protocol_files import find_protocol
    from focusgroup.store import SessionStore

    SessionStore.create(path, find_protocol("critical-occupations"), title="Import bench").close()
    return path


def _timed_import(db: Path, csv_file: Path, root: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the command (CPU: unaffected by a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "focusgroup", "import-cards", str(db), str(csv_file)],
        check=True,
        capture_output=True,
        cwd=root,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure_imports(tmp: Path, runs: int, root: Path, add: Callable[..., None]) -> None:
    """Add the import rows to the benchmark table through `add(measure, value, target, ok)`."""
    medians: dict[int, float] = {}
    cpu: dict[int, float] = {}
    undo_times: list[float] = []
    for rows in SIZES:
        csv_file = write_cards_csv(tmp / f"cards{rows}.csv", rows)
        times, cpu_times = [], []
        for run in range(runs):
            db = _new_session(tmp / f"import{rows}-{run}.db")
            wall, used = _timed_import(db, csv_file, root)
            times.append(wall)
            cpu_times.append(used)
            if rows == SIZES[-1]:
                out = subprocess.run(
                    [sys.executable, "-c", _UNDO, str(db)],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=root,
                ).stdout
                undo_times.append(float(out.split()[-1]))
        medians[rows] = statistics.median(times)
        cpu[rows] = statistics.median(cpu_times)
    small, large = SIZES
    add(
        f"import-cards, {small:,} rows (whole command; CPU)",
        f"{medians[small]:.2f} s (CPU {cpu[small]:.2f} s)",
    )
    add(
        f"import-cards, {large:,} rows ({large // 2:,} participants)",
        f"{medians[large]:.2f} s = {medians[large] / medians[small]:.1f}x the {small:,} "
        f"(CPU {cpu[large]:.2f} s)",
        "< 5 s",
        medians[large] < 5,
    )
    add(
        f"  undo of the {large:,}-row import (all its parts)",
        f"{statistics.median(undo_times):.2f} s",
    )
