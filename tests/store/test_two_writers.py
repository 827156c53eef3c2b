"""Two processes writing one file at once: nothing lost, no "database is locked"."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from focusgroup.store import SessionStore
from tests.builders import tiny_protocol

pytestmark = pytest.mark.slow  # subprocesses: `make test-fast` leaves these out

ACTIONS = 200


def _writer(path: str, actor: str, queue: multiprocessing.Queue) -> None:
    errors = []
    try:
        store = SessionStore.open(path, actor=actor)
        for i in range(ACTIONS):
            try:
                card = store.add_card(f"{actor} card {i}")
                if i % 3 == 0:
                    store.step_card_category(card, +1)
                if i % 10 == 0:
                    store.undo()  # undoes this seat's own last action only
                    store.redo()
            except Exception as error:
                errors.append(f"{type(error).__name__}: {error}")
        store.close()
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    queue.put((actor, errors))


def test_two_processes_interleave_without_losing_anything(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    SessionStore.create(path, tiny_protocol(), title="T").close()
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    seats = [ctx.Process(target=_writer, args=(str(path), a, queue)) for a in ("fac", "note")]
    for p in seats:
        p.start()
    results = dict(queue.get(timeout=120) for _ in seats)
    for p in seats:
        p.join(timeout=30)
    assert results == {"fac": [], "note": []}
    with SessionStore.open(path) as store:
        texts = {c.text for c in store.cards()}
        assert texts == {f"{a} card {i}" for a in ("fac", "note") for i in range(ACTIONS)}
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
