"""A generated meeting-1 session for the export tests and the benchmark.

Small by default (a realistic advanced-manufacturing wall with names in several scripts);
`cards=500` scales it up for `bench/export_bench.py`. Deterministic: same input, same file.
"""

from __future__ import annotations

import random
from pathlib import Path

from focusgroup.domain.protocol_loader import find_protocol
from focusgroup.store.session_store import SessionStore

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
    protocol = find_protocol("critical-occupations")
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
