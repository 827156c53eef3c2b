"""Phones in the room: 25 phones press Send at once; how long until each card is on the wall?

    .venv/bin/python bench/phones_bench.py [--phones 25] [--rounds 5]

Runs the real wall (headless, through Textual's Pilot) with its in-app collector, and real
HTTP phones (aiohttp) on loopback. For every card it times Send (the POST leaving the phone) to
the first moment the wall's board holds it; meanwhile a 10 ms timer on the app's loop measures
how late it fires (how long the wall could not react). Prints figures only.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from pathlib import Path


class _Phone:
    """One phone: its own cookies, opened once from the join link."""

    def __init__(self, url: str, index: int) -> None:
        import aiohttp

        self.url, self.index = url, index
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""

    async def open(self) -> None:
        async with self.http.get(self.url) as response:
            page = await response.text()
        found = re.search(r"name='csrf' value='([0-9a-f]+)'", page)
        if found is None:
            raise SystemExit(f"phone {self.index}: HTTP {response.status} {page[:80]}")
        self.csrf = found.group(1)

    async def send(self, round_: int, sent: dict[str, float]) -> None:
        texts = [f"Card {round_}-{self.index}a", f"Card {round_}-{self.index}b"]
        form = {
            "name": f"Person {self.index}",
            "organization": f"Org {self.index}",
            "first_card": texts[0],
            "second_card": texts[1],
            "csrf": self.csrf,
        }
        start = time.perf_counter()
        for text in texts:
            sent[text] = start
        base = self.url.split("/?")[0]
        async with self.http.post(f"{base}/send", data=form) as response:
            if response.status != 200:
                raise SystemExit(f"phone {self.index}: HTTP {response.status}")


async def run(phones: int, rounds: int) -> None:
    from focusgroup.sample import sample_session
    from focusgroup.serve import collect_file
    from focusgroup.tui.app import make_app
    from focusgroup.tui.widgets.wall_board import WallBoard

    with tempfile.TemporaryDirectory() as tmp:
        store = sample_session(Path(tmp) / "meeting.db", cards=50)
        app = make_app(store, "facilitator")
        delays: list[float] = []
        landed: list[float] = []
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.press("C")
            while collect_file.read(store.path) is None:
                await pilot.pause(0.05)
            url = collect_file.read(store.path)[0]
            await pilot.press("escape")
            expected = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                delays.append(now - expected[0])
                expected[0] = now + 0.01

            room = [_Phone(url, i) for i in range(phones)]
            await asyncio.gather(*(phone.open() for phone in room))
            app.set_interval(0.01, tick)
            for round_ in range(rounds):
                sent: dict[str, float] = {}
                tasks = [asyncio.create_task(phone.send(round_, sent)) for phone in room]
                seen: set[str] = set()
                deadline = time.perf_counter() + 30
                while len(seen) < 2 * phones and time.perf_counter() < deadline:
                    await asyncio.sleep(0.005)
                    shown = {v.text for v in app.screen.query_one(WallBoard).views.values()}
                    for text in set(sent) & shown - seen:
                        seen.add(text)
                        landed.append(time.perf_counter() - sent[text])
                await asyncio.gather(*tasks)
                if len(seen) < 2 * phones:
                    raise SystemExit(f"round {round_}: only {len(seen)} of {2 * phones} cards")
                await asyncio.sleep(1.0)  # the room between two rounds (and the rate limit)
            await asyncio.gather(*(phone.http.close() for phone in room))
        cards = len(store.cards())
        store.close()

    landed.sort()
    p95 = landed[int(0.95 * (len(landed) - 1))]
    print(
        f"{phones} phones x {rounds} rounds, 2 cards each: {len(landed)} cards, none lost "
        f"({cards} on the wall at the end)"
    )
    print(
        f"Send to card on the wall: p50 {1000 * statistics.median(landed):.0f} ms, "
        f"p95 {1000 * p95:.0f} ms, max {1000 * landed[-1]:.0f} ms"
    )
    late = sorted(max(0.0, d) for d in delays)
    print(
        "wall's 10 ms timer during the bursts: late by "
        f"p50 {1000 * statistics.median(late):.0f} ms, "
        f"p95 {1000 * late[int(0.95 * (len(late) - 1))]:.0f} ms, max {1000 * late[-1]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.phones, args.rounds))


if __name__ == "__main__":
    main()
