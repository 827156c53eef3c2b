"""The one-command benchmark: `make bench`, or `python -m bench [--runs 3] [--out FILE]` from the
repository root.

Generates sessions of 50, 500 and 2,000 cards and measures, each in fresh processes:
start-up to a usable wall against a bare Textual app started the same way; add / move /
merge / undo latency (key or action to the wall repainted) at 500 and 2,000 cards; how long
a change in the other seat's process takes to show on the wall; the summary + all profiles
export at 500 cards (the exports engineer's bench/export_bench.py child); `import-cards` on
2,000 and 20,000 rows and the undo of the large one; and the app's peak memory at 2,000
cards. Every figure is the median over --runs runs; missed targets say so.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZE = (200, 60)  # a projector-sized terminal; the default 80x24 hides most of the wall
SAMPLES = int(os.environ.get("FOCUSGROUP_BENCH_SAMPLES", "10"))  # timed repeats per run
SYNC_SAMPLES = 8


# -- children: each measurement runs in its own process ----------------------------------------


def _child_startup(db: str, kind: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    import resource

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    if kind == "bare":

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("ready")

        app: App[None] = Bare()
        tiles = lambda: 1  # noqa: E731
    else:
        from focusgroup.store import SessionStore
        from focusgroup.tui.app import make_app

        app = make_app(SessionStore.open(db, actor="facilitator"), "facilitator")
        tiles = lambda: len(_board(app).tiles)  # noqa: E731

    first_frame: list[float] = []
    display = app._display

    def record(screen: Any, renderable: Any) -> None:
        if not first_frame:
            first_frame.append(time.perf_counter() - t0)
        display(screen, renderable)

    app._display = record  # type: ignore[method-assign]

    async def run() -> dict[str, Any]:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            ready = time.perf_counter() - t0
            count = tiles()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        frame = first_frame[0] if first_frame else ready
        return {"ready": ready, "first_frame": frame, "tiles": count, "maxrss_mb": rss / 1024}

    return asyncio.run(run())


def _board(app: Any) -> Any:
    from focusgroup.tui.widgets.wall_board import WallBoard

    return app.screen.query_one(WallBoard)


def _child_latency(db: str, samples: str = str(SAMPLES)) -> dict[str, list[float]]:
    """Each action as the facilitator does it, timed until the app has processed everything
    it caused (store write, sync, repaint of the changed tiles)."""
    from focusgroup.store import SessionStore
    from focusgroup.tui.app import make_app

    store = SessionStore.open(db, actor="facilitator")
    app = make_app(store, "facilitator")
    times: dict[str, list[float]] = {"add": [], "move": [], "merge": [], "undo": [], "idle": []}
    for kind in ("add", "move", "merge", "undo"):
        times[f"{kind}_frame"] = []
    frames: list[float] = []
    """When each frame went to the terminal."""
    applied: list[float] = []
    """When the wall took each change (WallBoard.apply returned)."""
    from focusgroup.tui.widgets.wall_board import WallBoard

    apply = WallBoard.apply

    def timed_apply(board: WallBoard, *args: Any, **kwargs: Any) -> None:
        apply(board, *args, **kwargs)
        applied.append(time.perf_counter())

    WallBoard.apply = timed_apply  # type: ignore[method-assign]

    async def timed(
        kind: str, pilot: Any, *keys: str, call: Callable[[], Any] | None = None
    ) -> None:
        del applied[:]
        start = time.perf_counter()
        if call is not None:
            call()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        times[kind].append((time.perf_counter() - start) * 1000)
        if kind == "idle":
            return
        if not applied:
            raise RuntimeError(f"the benchmark's {kind} never reached the wall")
        # The first frame painted after the wall took the change: what a person sees.
        after = bisect.bisect_left(frames, applied[0])
        if after == len(frames):
            raise RuntimeError(f"no frame was painted after the {kind}")
        times[f"{kind}_frame"].append((frames[after] - start) * 1000)

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            display = app._display

            def record(screen: Any, renderable: Any) -> None:
                frames.append(time.perf_counter())
                display(screen, renderable)

            app._display = record  # type: ignore[method-assign]
            await pilot.pause()
            for i in range(int(samples)):
                await timed("idle", pilot)  # the harness alone: one pause with nothing to do
                await timed("add", pilot, call=lambda i=i: app.perform(store.add_card, f"New {i}"))
                # Right, then back left: the same card never runs out of categories.
                await timed("move", pilot, "shift+right" if i % 2 == 0 else "shift+left")
                # Select a card with a neighbour below, mark it (Space also moves the
                # selection down one), then stack it on that neighbour.
                await pilot.press("up", "space")
                merged = len(store.cards())
                await timed("merge", pilot, "m")
                if len(store.cards()) != merged - 1:
                    raise RuntimeError("the benchmark's merge did not merge two cards")
                await timed("undo", pilot, "ctrl+z")

    asyncio.run(run())
    store.close()
    return times


def _child_sync(db: str) -> dict[str, list[float]]:
    """Another process (the note-taker's seat) adds a card; time until its tile is on the wall."""
    from focusgroup.store import SessionStore
    from focusgroup.tui.app import make_app

    app = make_app(SessionStore.open(db, actor="facilitator"), "facilitator")
    writer = subprocess.Popen(
        [sys.executable, "-m", "bench", "--child", "writer", db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    delays: list[float] = []

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert writer.stdin and writer.stdout
            for _ in range(SYNC_SAMPLES):
                writer.stdin.write("go\n")
                writer.stdin.flush()
                card_id, committed = writer.stdout.readline().split()
                while int(card_id) not in _board(app).tiles:
                    await pilot.pause(0.005)
                    if time.time() - float(committed) > 10:
                        raise TimeoutError("the other seat's card never appeared")
                delays.append((time.time() - float(committed)) * 1000)
                await pilot.pause(0.1)

    try:
        asyncio.run(run())
    finally:
        writer.kill()
    return {"sync": delays}


def _child_writer(db: str) -> None:
    from focusgroup.store import SessionStore

    store = SessionStore.open(db, actor="note-taker")
    for n, _ in enumerate(sys.stdin):
        card = store.add_card(f"From the other seat {n}")
        print(card, time.time(), flush=True)  # wall-clock: compared across processes


# -- the parent ------------------------------------------------------------------------------------


def _spawn(*args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--child", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "**MISSED**")


def _export(db: Path, runs: int, tmp: Path) -> list[float]:
    """The exports engineer's measuring child (bench/export_bench.py), in a fresh process."""
    from bench.export_bench import CHILD

    totals = []
    for run in range(runs):
        line = subprocess.run(
            [sys.executable, "-c", CHILD, str(db), str(tmp / f"export{run}")],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout.split()
        totals.append(float(line[3]))
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--out", default="bench-results.md", help="markdown table written here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "writer":
            _child_writer(*rest)
            return 0
        runner = {"startup": _child_startup, "latency": _child_latency, "sync": _child_sync}[kind]
        print(json.dumps(runner(*rest)))
        return 0

    from bench.workload import make_session

    # Like for like: Textual's modules were byte-compiled when pip installed them; ours may
    # not be (an editable install, or PYTHONDONTWRITEBYTECODE), and compiling ~40 modules
    # from source on every start would be counted against the wall.
    compileall.compile_dir(str(ROOT / "focusgroup"), quiet=1)
    began = time.perf_counter()
    rows: list[tuple[str, str, str, str]] = []  # measure, value, target, verdict

    def add(measure: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((measure, value, target, _verdict(ok)))
        print(f"  {measure:<44} {value:<26} {target:<14} {_verdict(ok)}", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        sessions = {n: make_session(tmp / f"s{n}.db", n, seed=n) for n in (50, 500, 2000)}
        print(f"focusgroup benchmark, {args.runs} runs per figure (median)", flush=True)

        # Interleaved (bare, 50, 500, 2,000, bare, ...): this shared machine speeds up and
        # slows down over a minute, and each ratio should compare like with like.
        bare_runs: list[dict[str, Any]] = []
        wall_runs: dict[int, list[dict[str, Any]]] = {n: [] for n in sessions}
        for _ in range(args.runs):
            bare_runs.append(_spawn("startup", "", "bare"))
            for n, db in sessions.items():
                wall_runs[n].append(_spawn("startup", str(db), "wall"))
        bare = statistics.median(r["ready"] for r in bare_runs)
        bare_frame = statistics.median(r["first_frame"] for r in bare_runs)
        add("start-up: bare Textual app (one Static)", f"{bare:.2f} s")
        peak_mb: list[float] = []
        for n in sessions:
            results = wall_runs[n]
            ready = statistics.median(r["ready"] for r in results)
            ratio = ready / bare
            target = "<= 2x bare" if n == 500 else ""
            add(
                f"start-up: wall with {n} cards ({results[0]['tiles']} tiles)",
                f"{ready:.2f} s = {ratio:.2f}x bare",
                target,
                ratio <= 2 if n == 500 else None,
            )
            frame = statistics.median(r["first_frame"] for r in results)
            add(
                f"  first frame with the wall, {n} cards (bare: {bare_frame:.2f} s)",
                f"{frame:.2f} s = {frame / bare_frame:.1f}x bare",
            )
            if n == 2000:
                peak_mb = [r["maxrss_mb"] for r in results]

        for n in (500, 2000):
            samples = str(SAMPLES if n <= 500 else max(3, SAMPLES // 2))  # 2,000 is slow
            per_run = [_spawn("latency", str(sessions[n]), samples) for _ in range(args.runs)]
            for kind in ("idle", "add", "move", "merge", "undo"):
                p50 = statistics.median(_pct(r[kind], 50) for r in per_run)
                p95 = statistics.median(_pct(r[kind], 95) for r in per_run)
                if kind == "idle":  # Pilot's pause() walks every widget: the floor of each figure
                    add(f"(harness floor: Pilot pause at {n} cards)", f"{p50:.0f} / {p95:.0f} ms")
                    continue
                f50 = statistics.median(_pct(r[f"{kind}_frame"], 50) for r in per_run)
                f95 = statistics.median(_pct(r[f"{kind}_frame"], 95) for r in per_run)
                add(
                    f"{kind} at {n} cards: key to repainted frame, p50 / p95",
                    f"{f50:.0f} / {f95:.0f} ms",
                    "p95 < 50 ms" if n == 500 else "",
                    f95 < 50 if n == 500 else None,
                )
                add(f"  {kind} at {n}: until the app is idle (Pilot)", f"{p50:.0f} / {p95:.0f} ms")

        syncs = [_spawn("sync", str(sessions[500]))["sync"] for _ in range(args.runs)]
        p50 = statistics.median(statistics.median(s) for s in syncs)
        worst = statistics.median(max(s) for s in syncs)
        add(
            "other seat's change on the wall (500), p50 / max",
            f"{p50:.0f} / {worst:.0f} ms",
            "< 1 s",
            worst < 1000,
        )

        from focusgroup.sample import build_sample_session

        export_db = build_sample_session(tmp / "export.db", cards=500)
        total = statistics.median(_export(export_db, args.runs, tmp))
        add(
            "export summary (pdf, md, json, csv) + all profiles, 500 cards",
            f"{total:.2f} s",
            "< 3 s",
            total < 3,
        )

        from bench.map_bench import build as build_map_session
        from bench.map_bench import run_once as map_once

        map_db, map_cards, map_links = build_map_session(tmp / "map.db", 500)
        map_total = statistics.median(
            map_once(map_db, tmp / f"map{run}")[0] for run in range(args.runs)
        )
        add(
            f"career pathway map (pdf, svg, md, json), {map_cards} cards, {map_links} links",
            f"{map_total:.2f} s",
            "< 1 s",
            map_total < 1,
        )

        from bench.imports import measure_imports

        measure_imports(tmp, args.runs, ROOT, add)

        add(
            "peak memory of the app at 2,000 cards (max RSS)",
            f"{statistics.median(peak_mb):.0f} MB",
        )

    elapsed = time.perf_counter() - began
    header = (
        f"Measured by `make bench` on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"median of {args.runs} runs; whole run {elapsed:.0f} s; focusgroup byte-compiled "
        "first, as pip does for an installed wheel."
    )
    table = ["| measure | result | target | |", "|---|---|---|---|"]
    table += [f"| {m} | {v} | {t} | {k} |" for m, v, t, k in rows]
    Path(args.out).write_text(header + "\n\n" + "\n".join(table) + "\n", "utf-8")
    print(f"\n{header}\nTable written to {args.out}")
    return 1 if any(k for *_, k in rows if "MISSED" in k) else 0


if __name__ == "__main__":
    sys.exit(main())
