"""Seeded meeting workloads: realistic sessions of any size and random streams of user actions.

Shared by the benchmark (`make bench`) and the reliability tests (crash and
two-writer runs), so both exercise the same mix of actions the wall and the note-taker make.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from focusgroup.domain.errors import DomainError
from focusgroup.domain.protocol import Protocol
from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore

OCCUPATIONS = (
    "Machinist",
    "CNC operator",
    "Maintenance technician",
    "Welder",
    "Quality inspector",
    "Production supervisor",
    "Industrial electrician",
    "Truck driver",
    "Sales engineer",
    "Office manager",
    "Process engineer",
    "Forklift operator",
    "Tool and die maker",
    "Logistics planner",
)
SKILLS = ("blueprint reading", "GD&T", "PLC troubleshooting", "teamwork", "shop math", "safety")


def session_protocol() -> Protocol:
    """The built-in meeting 1 protocol (critical occupations: the sticky wall)."""
    return find_protocol("critical-occupations")


def make_session(
    path: Path, cards: int, *, seed: int = 0, protocol: Protocol | None = None, actor: str = "bench"
) -> Path:
    """A session with `cards` occupation cards spread over categories and levels.

    About a fifth of the cards stay in Unsorted, one in ten is merged into a stack, and there
    are 20 employers, a few competencies and notes per card, like a real (if huge) meeting.
    """
    rng = random.Random(seed)
    store = SessionStore.create(
        path, protocol or session_protocol(), title=f"Bench {cards} cards", actor=actor
    )
    try:
        with store.action("Generate bench session", undoable=False):
            people = [store.add_participant(f"Employer {i}", f"Firm {i}") for i in range(20)]
            categories = [c.id for c in store.categories()] or [store.add_category("Production")]
            levels = store.levels()
            ids: list[int] = []
            for i in range(cards):
                place: dict = {}
                if rng.random() > 0.2:
                    place = {"category_id": rng.choice(categories), "level": rng.choice(levels)}
                ids.append(
                    store.add_card(
                        f"{rng.choice(OCCUPATIONS)} {i}", rng.choice(people), **place, step=0
                    )
                )
            for i in range(0, len(ids) - 1, 10):
                store.merge_cards(ids[i], [ids[i + 1]])
            for i in range(0, len(ids), 5):
                store.add_competency(rng.choice(SKILLS), card_id=ids[i], step=0)
                store.add_note(f"Quote about card {i}", participant_id=rng.choice(people), step=0)
    finally:
        store.close()
    return path


@dataclass(frozen=True)
class Done:
    """One acknowledged action: what it was and the id of the event that recorded it."""

    kind: str
    event_id: int | None  # None: the action changed nothing (e.g. undo with nothing to undo)


def _pick_card(store: SessionStore, rng: random.Random) -> int | None:
    ids = [row[0] for row in store.db.execute("SELECT id FROM cards WHERE stack_id IS NULL")]
    return rng.choice(ids) if ids else None


def _add_card(store: SessionStore, rng: random.Random) -> None:
    store.add_card(f"{rng.choice(OCCUPATIONS)} {rng.randrange(10**6)}")


def _move(store: SessionStore, rng: random.Random) -> None:
    card = _pick_card(store, rng)
    if card is not None:
        if rng.random() < 0.5:
            store.step_card_category(card, rng.choice((-1, 1)))
        else:
            store.step_card_level(card, rng.choice((-1, 1)))


def _merge(store: SessionStore, rng: random.Random) -> None:
    ids = [row[0] for row in store.db.execute("SELECT id FROM cards WHERE stack_id IS NULL")]
    if len(ids) >= 2:
        lead, other = rng.sample(ids, 2)
        store.merge_cards(lead, [other])


def _edit(store: SessionStore, rng: random.Random) -> None:
    card = _pick_card(store, rng)
    if card is not None:
        store.edit_card(card, f"{rng.choice(OCCUPATIONS)} (edited {rng.randrange(1000)})")


def _delete(store: SessionStore, rng: random.Random) -> None:
    card = _pick_card(store, rng)
    if card is not None:
        store.delete_card(card)


def _note(store: SessionStore, rng: random.Random) -> None:
    store.add_note(f"Employers said {rng.randrange(10**6)}", kind=rng.choice(("note", "quote")))


def _competency(store: SessionStore, rng: random.Random) -> None:
    store.add_competency(
        rng.choice(SKILLS), card_id=_pick_card(store, rng), lacking=rng.random() < 0.3
    )


def _participant(store: SessionStore, rng: random.Random) -> None:
    store.add_participant(f"Employer {rng.randrange(10**6)}", "Firm")


def _undo(store: SessionStore, rng: random.Random) -> None:
    store.undo()


def _redo(store: SessionStore, rng: random.Random) -> None:
    store.redo()


ACTIONS: dict[str, tuple[float, Callable[[SessionStore, random.Random], None]]] = {
    # kind: (weight, action); adds dominate, as in a meeting, with plenty of moves and undos.
    "add_card": (5, _add_card),
    "move": (5, _move),
    "merge": (2, _merge),
    "edit": (1, _edit),
    "delete": (1, _delete),
    "note": (3, _note),
    "competency": (2, _competency),
    "participant": (1, _participant),
    "undo": (3, _undo),
    "redo": (1, _redo),
}


def random_action(store: SessionStore, rng: random.Random) -> Done:
    """Do one random action; raises only what the store raises (DomainError is expected)."""
    kinds = list(ACTIONS)
    kind = rng.choices(kinds, weights=[ACTIONS[k][0] for k in kinds])[0]
    before = store.last_event_id()
    ACTIONS[kind][1](store, rng)
    after = store.last_event_id()
    # With one writer, the newest event is this action's; with two, find it by actor.
    if after == before:
        return Done(kind, None)
    row = store.db.execute(
        "SELECT max(id) FROM events WHERE actor = ? AND id > ?", [store.actor, before]
    ).fetchone()
    return Done(kind, row[0])


def run_actions(
    store: SessionStore, rng: random.Random, count: int, on_done: Callable[[Done], None]
) -> list[str]:
    """Run `count` random actions; returns the domain refusals (expected under contention)."""
    refused: list[str] = []
    for _ in range(count):
        try:
            done = random_action(store, rng)
        except DomainError as error:
            refused.append(f"{type(error).__name__}: {error}")
            continue
        on_done(done)
    return refused
