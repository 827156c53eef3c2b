"""Two seats as two processes on one session file: 500 interleaved changes each, none lost."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from focusgroup.store import SessionStore

pytestmark = pytest.mark.slow  # subprocesses: `make test-fast` leaves these out

CHANGES = 500


def seat(path: str, actor: str, start: multiprocessing.synchronize.Barrier, out) -> None:
    """Adds notes, competencies and commitments, and edits what it just added."""
    errors: list[str] = []
    store = SessionStore.open(path, actor=actor)
    start.wait()
    try:
        note_id = comp_id = None
        for i in range(CHANGES):
            try:
                match i % 5:
                    case 0:
                        note_id = store.add_note(f"{actor} note {i}", tags=[actor])
                    case 1:
                        comp_id = store.add_competency(f"{actor} skill {i}", ksa="skill")
                    case 2:
                        store.update_note(note_id, text=f"{actor} note {i - 2} edited")
                    case 3:
                        store.update_competency(comp_id, lacking=True)
                    case 4:
                        store.add_commitment("mentoring", owner=actor, detail=str(i))
            except Exception as error:
                errors.append(f"{i}: {type(error).__name__}: {error}")
            # Without a pause each writer wins the lock in long bursts (SQLite's busy handler
            # sleeps); a short one makes the two seats alternate, still far above human rate.
            time.sleep(0.001)
    finally:
        store.close()
    out.put((actor, errors))


def test_two_processes_lose_nothing_and_never_see_a_lock_error(store: SessionStore) -> None:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(2), ctx.Queue()
    first_event = store.last_event_id()
    procs = [
        ctx.Process(target=seat, args=(str(store.path), actor, start, out))
        for actor in ("facilitator", "note-taker")
    ]
    began = time.monotonic()
    for proc in procs:
        proc.start()
    results = dict(out.get(timeout=60) for _ in procs)
    for proc in procs:
        proc.join(timeout=10)
        assert proc.exitcode == 0
    assert results == {"facilitator": [], "note-taker": []}

    notes, comps, commitments = store.notes(), store.competencies(), store.commitments()
    for actor in ("facilitator", "note-taker"):
        mine = [n.text for n in notes if n.tags == (actor,)]
        assert mine == [f"{actor} note {i} edited" for i in range(0, CHANGES, 5)]
        skills = [c for c in comps if c.text.startswith(actor)]
        assert len(skills) == CHANGES // 5 and all(c.lacking for c in skills)
        assert len([c for c in commitments if c.owner == actor]) == CHANGES // 5

    events = store.events_since(first_event)
    assert len(events) == 2 * CHANGES
    switches = sum(a.actor != b.actor for a, b in zip(events, events[1:], strict=False))
    assert switches > 50, "the two seats should really have been writing at the same time"
    assert time.monotonic() - began < 30
