"""Wall speed: startup against a bare Textual app, and per-action repaint latency.

Run: .venv/bin/python bench/wall_bench.py [--sizes 50,500,2000] [--repeats 3] [--ops 30]

Startup: from `run_test()` to the wall being laid out and idle, headless, 200x60, compared
with a bare App holding one Static started the same way in the same process (ratio).
Latency: one action (add / move / merge / undo) through `app.perform`, including the store
write, the sync read and the board diff, until Textual has processed every resulting message
(`pilot.pause()`); p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from focusgroup.store import SessionStore  # noqa: E402
from focusgroup.tui.app import make_app  # noqa: E402
from focusgroup.tui.clock import fixed_clock  # noqa: E402
from focusgroup.tui.sample import sample_session  # noqa: E402

SIZE = (200, 60)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


async def _time_start(app: App[Any]) -> float:
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


def make_session(folder: Path, cards: int) -> Path:
    path = folder / f"bench-{cards}.db"
    if not path.exists():
        sample_session(path, cards=cards).close()
    return path


async def measure_startup(path: Path, repeats: int = 3) -> tuple[float, float]:
    """Median seconds to a usable wall, and to a bare one-Static app, measured alternately."""
    wall, bare = [], []
    for _ in range(repeats):
        bare.append(await _time_start(BareApp()))
        store = SessionStore.open(path, actor="facilitator")
        try:
            app = make_app(store, clock=fixed_clock())
            wall.append(await _time_start(app))
        finally:
            store.close()
    return statistics.median(wall), statistics.median(bare)


async def measure_latency(path: Path, ops: int = 30) -> dict[str, list[float]]:
    """Milliseconds per action, from the call to every message processed, per action kind."""
    results: dict[str, list[float]] = {"add": [], "move": [], "merge": [], "undo": []}
    store = SessionStore.open(path, actor="facilitator")
    try:
        app = make_app(store, clock=fixed_clock())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen: Any = app.screen

            async def timed(kind: str, action: Callable[[], object]) -> None:
                start = time.perf_counter()
                action()
                await pilot.pause()
                results[kind].append((time.perf_counter() - start) * 1000)

            placed = [c.id for c in store.cards() if c.category_id is not None]
            for i in range(ops):
                await timed("add", lambda i=i: app.perform(store.add_card, f"Bench card {i}"))
                screen.board.select_card(placed[i % len(placed)], scroll=False)
                direction = 1 if i % 2 == 0 else -1
                await timed("move", lambda d=direction: screen.action_step_category(d))
                unsorted = [c.id for c in store.cards() if c.category_id is None]
                if len(unsorted) >= 2:
                    a, b = unsorted[-2:]
                    await timed("merge", lambda a=a, b=b: app.perform(store.merge_cards, a, [b]))
                await timed("undo", app.action_undo)
    finally:
        store.close()
    return results


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


async def run(sizes: list[int], repeats: int, ops: int) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = make_session(Path(folder), cards)
            wall, bare = await measure_startup(path, repeats)
            latency = await measure_latency(path, ops)
            rows.append({"cards": cards, "wall": wall, "bare": bare, "latency": latency})
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    kinds = ("add", "move", "merge", "undo")
    head = f"{'cards':>6} {'wall s':>7} {'bare s':>7} {'ratio':>6} " + " ".join(
        f"{k + ' p50/p95 ms':>20}" for k in kinds
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        cells = " ".join(
            f"{percentile(row['latency'][k], 50):>9.1f} /{percentile(row['latency'][k], 95):>8.1f}"
            for k in kinds
        )
        ratio = row["wall"] / row["bare"]
        print(f"{row['cards']:>6} {row['wall']:>7.2f} {row['bare']:>7.2f} {ratio:>5.1f}x {cells}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ops", type=int, default=30)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print_table(asyncio.run(run(sizes, args.repeats, args.ops)))


if __name__ == "__main__":
    main()
