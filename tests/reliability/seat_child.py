"""A seat in its own process, driven by a seeded random workload (see tests/reliability).

    python -m tests.reliability.seat_child PATH ACTOR SEED COUNT OUT [--wait GO] [--view DONE...]

Each action's event id is written to OUT only *after* the store call returned, so every line
in OUT is an acknowledged action. COUNT 0 means run until killed. With --wait the seat waits
for the file GO before starting; with --view it writes `VIEW <json>` once every DONE file
exists (the other seats are finished), so the parent can compare what each seat sees.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

from bench.workload import Done, run_actions
from focusgroup.store import SessionStore


def view(store: SessionStore) -> str:
    wall = store.wall()
    return json.dumps(
        {
            "wall": repr(wall),
            "cards": [(c.id, c.text, c.category_id, c.level, c.stack_id) for c in wall.cards()],
            "notes": [(n.id, n.text) for n in store.notes()],
            "competencies": [(c.id, c.text, c.card_id) for c in store.competencies()],
            "last_event": store.last_event_id(),
        },
        sort_keys=True,
    )


def main(argv: list[str]) -> int:
    path, actor, seed, count, out = argv[:5]
    options = argv[5:]
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def say(line: str) -> None:
        os.write(fd, (line + "\n").encode())  # unbuffered: in the kernel before the next call

    store = SessionStore.open(path, actor=actor)
    if "--wait" in options:
        go = Path(options[options.index("--wait") + 1])
        while not go.exists():
            time.sleep(0.005)
    say("READY")
    rng = random.Random(int(seed))

    def ack(done: Done) -> None:
        say(f"ACK {done.kind} {done.event_id}")
        if "--pace" in options:
            # Lets the two seats alternate instead of winning the lock in long bursts.
            time.sleep(0.0005)

    total = int(count)
    refused: list[str] = []
    while True:
        refused += run_actions(store, rng, total or 50, ack)
        if total:
            break
    say(f"REFUSED {len(refused)}")
    if "--view" in options:
        others = [Path(p) for p in options[options.index("--view") + 1 :]]
        Path(out + ".done").touch()
        while not all(p.exists() for p in others):
            time.sleep(0.01)
        say("VIEW " + view(store))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
