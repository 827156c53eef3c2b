"""How long `focusgroup combine` takes for many meetings, and how fast the canned queries answer.

    .venv/bin/python bench/combine_bench.py [--meetings 1000] [--cards 200]

Builds one sample meeting of CARDS cards, copies it MEETINGS times as distinct meetings (each
copy gets its own creation time, so combine sees separate meetings), then times the combine and
each Datasette canned query through Datasette's own in-process client. Prints figures only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def _sample(path: Path, cards: int) -> None:
    from focusgroup.sample import build_sample_session

    build_sample_session(path, cards=cards)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _copies(source: Path, folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        path = folder / f"meeting-{index:04d}.db"
        shutil.copy(source, path)
        conn = sqlite3.connect(path)
        conn.execute(
            "UPDATE sessions SET created_at = ?, title = ?",
            [f"2026-01-01T00:00:00.{index:03d}+00:{index // 1000:02d}", f"Meeting {index}"],
        )
        conn.commit()
        conn.close()
        paths.append(path)
    return paths


async def _query_times(region: Path, runs: int) -> dict[str, list[float]]:
    from datasette.app import Datasette

    from focusgroup.store.region_queries import CANNED_QUERIES

    metadata = json.loads(region.with_name(region.stem + ".metadata.json").read_text())
    ds = Datasette([str(region)], metadata=metadata)
    await ds.invoke_startup()
    times: dict[str, list[float]] = {}
    for query in CANNED_QUERIES:
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            response = await ds.client.get(f"/{region.stem}/{query.name}.json?_shape=array")
            samples.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"{query.name}: HTTP {response.status_code}")
        times[query.name] = samples
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from focusgroup.export.region_datasette import write_datasette_metadata
    from focusgroup.store.region import combine

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _sample(folder / "sample.db", args.cards)
        inputs = _copies(folder / "sample.db", folder, args.meetings)
        region = folder / "region.db"
        start = time.perf_counter()
        outcomes = combine(inputs, region)
        combine_s = time.perf_counter() - start
        added = sum(o.status == "added" for o in outcomes)
        cards = sqlite3.connect(region).execute("SELECT count(*) FROM cards").fetchone()[0]
        start = time.perf_counter()
        combine(inputs[:10], region)
        refresh_s = time.perf_counter() - start
        write_datasette_metadata(region)
        size_mb = region.stat().st_size / 1e6
        times = asyncio.run(_query_times(region, args.runs))

    print(
        f"combine {args.meetings} meetings x {args.cards} cards: {combine_s:.1f} s "
        f"({added} added, {cards} card rows, {size_mb:.0f} MB, "
        f"{1000 * combine_s / args.meetings:.1f} ms per meeting)"
    )
    print(f"re-run with 10 of them again: {refresh_s:.2f} s (refreshed, not duplicated)")
    for name, samples in times.items():
        print(
            f"datasette {name}: median {1000 * statistics.median(samples):.0f} ms, "
            f"max {1000 * max(samples):.0f} ms over {len(samples)} runs"
        )


if __name__ == "__main__":
    main()
