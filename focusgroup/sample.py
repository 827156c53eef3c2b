"""Deterministic sample sessions for the tests, the UI snapshots and the benchmark.

Two meetings, each built through the store as a user would build it (no clock, no random
beyond a fixed seed): `sample_session` is a wall of plain job titles for the UI, and
`build_sample_session` a finished meeting 1 with names in several scripts, notes, competencies
and commitments for the exports. Same input, same file.
"""

from __future__ import annotations

import random
from pathlib import Path

from focusgroup.domain.protocol import Protocol
from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore

# -- the wall (UI tests and snapshots) ----------------------------------------------------------

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
                    **place,
                )
            )
        if cards > len(categories):
            store.merge_cards(ids[0], [ids[len(categories)]])
        if cards >= 3:
            store.set_hands(ids[1], 7)
            store.add_competency("Reads blueprints", card_id=ids[0])


def sample_session(path: Path, cards: int = 12, protocol: Protocol | None = None) -> SessionStore:
    """The wall's sample: `cards` cards over the built-in categories, returned open."""
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


# -- a finished meeting (export tests and the export benchmark) --------------------------------

FOLLOW_UP_URL = "https://example.org/focus/amfg-2025?s=wall&id=42"

PEOPLE = (
    ("Zoë Adeyemi", "Front Range Precision", "named"),
    ("Nguyễn Thị Mai", "Mai Electronics", "organization"),
    ("Łukasz Wójcik", "Łódź Tooling USA", "named"),
    ("田中 東京", "東京 Robotics", "named"),
    ("Dr. <Smith> & Sons", "Smith & Sons Fabrication", "anonymous"),
    ("María José Peña", "Peña Aerospace", "named"),
)
CATEGORIES = ("Production", "Engineering", "Maintenance", "Quality", "Logistics")
OCCUPATIONS = {
    "Production": [
        ("CNC machinist", "entry"),
        ("Production supervisor", "advanced"),
        ("Assembler", "entry"),
        ("Welder", "mid"),
    ],
    "Engineering": [("Manufacturing engineer", "advanced"), ("Engineering technician", "mid")],
    "Maintenance": [("Industrial maintenance mechanic", "mid"), ("Electrician", "mid")],
    "Quality": [("Quality inspector", "entry"), ("Quality engineer", "advanced")],
    "Logistics": [("Forklift operator", "entry"), ("Logistics planner", "mid")],
}
WORDINGS = {
    "CNC machinist": ("CNC operator", "Machinist — 5-axis", "CNC setup tech"),
    "Industrial maintenance mechanic": ("Maintenance tech", "Millwright"),
    "Quality inspector": ("QC inspector", "CMM operator"),
}
COMPETENCIES = (
    ("Reads blueprints and GD&T", "skill", "occupation-specific", "entry", True),
    ("Shows up on time, every shift", "work style", "personal-effectiveness", "entry", True),
    ("Shop math: fractions, metric conversion", "knowledge", "academic", "entry", True),
    ("Programs G-code by hand", "skill", "occupation-specific", "mid", False),
    ("Troubleshoots PLC faults", "skill", "industry-sector", "mid", False),
    ("Leads continuous-improvement projects", "ability", "management", "advanced", False),
)
NOTES = (
    ("shifting-needs", "note", "Manual lathe work is disappearing; 5-axis programming is growing."),
    ("advancement", "note", "Machinists move to programmer in 3–5 years; wage goes $22 → $34/h."),
    ("applicant-sources", "note", "Most hires come from the community college and word of mouth."),
    ("entry-gaps", "quote", "We can teach the machine. We can't teach showing up. 👍"),
    ("why-critical", "quote", "If I can't hire two machinists this year, we turn away a contract."),
    ("recap-caveats", "quote", "東京の工場でも同じ問題があります。"),
)


def build_sample_session(path: str | Path, *, cards: int = 0, seed: int = 7) -> Path:
    """Write a session file at `path`; with `cards` > 0, pad the wall up to that many cards."""
    path = Path(path)
    rng = random.Random(seed)
    protocol = builtin_protocol()
    store = SessionStore.create(
        path,
        protocol,
        title="Advanced manufacturing: critical occupations",
        with_categories=False,
        sector="Advanced manufacturing",
        region="Łódź County & Front Range",
        date="2025-03-14",
        facilitator="Jordan Ellis",
        follow_up_url=FOLLOW_UP_URL,
    )
    try:
        people = [
            store.add_participant(name, org, email=f"p{i}@example.org", quote_as=quote_as)
            for i, (name, org, quote_as) in enumerate(PEOPLE)
        ]
        for person in people:  # all of them came; exports list attendees only
            store.set_attended(person, True)
        reasons = [r.key for r in protocol.reasons]
        cat_ids = {name: store.add_category(name) for name in CATEGORIES}
        for category, occupations in OCCUPATIONS.items():
            for title, level in occupations:
                lead = store.add_card(
                    title,
                    people[0],
                    category_id=cat_ids[category],
                    level=level,
                    reasons=reasons[: 1 + len(title) % 3],
                )
                others = [
                    store.add_card(w, people[1 + i % (len(people) - 1)], reasons=[reasons[1]])
                    for i, w in enumerate(WORDINGS.get(title, ()))
                ]
                if others:
                    store.merge_cards(lead, others)
                store.set_hands(lead, len(title) % 7)
                if title == "CNC machinist":
                    store.set_soc(
                        lead, soc_code="51-4041", onet_code="51-4041.00", soc_title="Machinists"
                    )
                    for text, ksa, tier, lvl, lacking in COMPETENCIES:
                        store.add_competency(
                            text,
                            card_id=lead,
                            ksa=ksa,
                            tier=tier,
                            level=lvl,
                            lacking=lacking,
                            participant_id=people[2],
                        )
        for topic, kind, text in NOTES:
            store.add_note(text, kind=kind, topic=topic, participant_id=people[len(text) % 5])
        store.add_note(
            "Quoted by name: reliability matters more than speed.",
            kind="quote",
            participant_id=people[0],
            topic="why-critical",
        )
        store.add_commitment(
            "job descriptions",
            participant_id=people[0],
            owner="Zoë Adeyemi",
            detail="Send official machinist job descriptions",
            due="2025-03-28",
        )
        store.add_commitment(
            "mentoring",
            participant_id=people[5],
            detail="Two senior machinists mentor apprentices",
        )
        store.add_commitment(
            "curriculum review",
            owner="Community college",
            due="2025-04-30",
            detail="Review the CNC certificate against the profile",
        )
        padding = max(0, cards - len(store.cards()))
        levels = protocol.level_keys()
        cat_list = list(cat_ids.values())
        for i in range(padding):
            store.add_card(
                f"Occupation {i:03d} {rng.choice(['technician', 'operator', 'planner', 'lead'])}",
                rng.choice(people),
                category_id=rng.choice(cat_list),
                level=rng.choice(levels),
                reasons=rng.sample(reasons, rng.randint(0, 3)),
            )
    finally:
        store.close()
    return path
