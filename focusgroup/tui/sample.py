"""Deterministic sample walls for tests, snapshots and the benchmark (no clock, no random)."""

from __future__ import annotations

from pathlib import Path

from focusgroup.domain.protocol import Protocol
from focusgroup.store import SessionStore

EMPLOYERS = (
    ("Ana Ruiz", "Ruiz Precision"),
    ("Ben Okafor", "Okafor Fabrication"),
    ("Chen Wei", "Lakeside Plastics"),
    ("Dana Kowalski", "Northfield Foods"),
    ("Eli Haddad", "Haddad Logistics"),
    ("Fatima Zahra", "Atlas Machining"),
    ("Greg Lund", "Lund Electric"),
    ("Hana Sato", "Sato Robotics"),
)
TITLES = (
    "CNC machinist",
    "Maintenance technician",
    "Welder",
    "Quality inspector",
    "Production supervisor",
    "Industrial electrician",
    "Truck driver (CDL-A)",
    "Inside sales rep",
    "Process engineer",
    "Forklift operator",
    "Tool and die maker",
    "Plant manager",
)


def builtin_protocol() -> Protocol:
    """The shipped critical-occupations protocol (it round-trips through a session file)."""
    from focusgroup.protocol_files import find_protocol

    return find_protocol("critical-occupations")


def seed_wall(store: SessionStore, cards: int, *, placed: float = 0.7) -> None:
    """Add employers and `cards` cards in one transaction: most placed, some merged, tagged."""
    protocol = store.protocol()
    levels = protocol.level_keys()
    reasons = [r.key for r in protocol.reasons]
    with store.action("Seed sample wall", undoable=False):
        people = [store.add_participant(n, o, email="") for n, o in EMPLOYERS]
        categories = [c.id for c in store.categories()]
        if not categories:
            categories = [store.add_category("Production", "#d9534f")]
        cutoff = int(cards * placed)
        ids = []
        for i in range(cards):
            place: dict[str, object] = {}
            if i < cutoff:
                place = {
                    "category_id": categories[i % len(categories)],
                    "level": levels[(i // len(categories)) % len(levels)],
                }
            ids.append(
                store.add_card(
                    TITLES[i % len(TITLES)] + ("" if i < len(TITLES) else f" #{i}"),
                    people[i % len(people)],
                    reasons=reasons[i % 3 : i % 3 + 1] if reasons and i % 4 == 0 else (),
                    third_card=False,
                    **place,  # type: ignore[arg-type]
                )
            )
        if cards > len(categories):
            store.merge_cards(ids[0], [ids[len(categories)]])
        if cards >= 3:
            store.set_hands(ids[1], 7)
            store.add_competency("Reads blueprints", card_id=ids[0])


def sample_session(path: Path, cards: int = 12, protocol: Protocol | None = None) -> SessionStore:
    store = SessionStore.create(
        path,
        protocol or builtin_protocol(),
        title="Advanced manufacturing, Lake County",
        actor="facilitator",
        sector="Advanced manufacturing",
        region="Lake County",
        date="2025-03-14",
        facilitator="Sam Rivera",
    )
    seed_wall(store, cards)
    return store
