"""A meeting built to catch wrong numbers (issue 14), and the numbers read straight from its file.

The builder goes through the real store, as the app does. `facts_from_file` reads the
SQLite file with plain SQL, independently of the domain and export code, so a test can
compare every number an export prints against what the file says.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from focusgroup.protocol_files import find_protocol
from focusgroup.store.session_store import SessionStore

FOLLOW_UP = "https://example.org/focus/room"
REENGAGE = "2027-02-15"
REENGAGE_TEXT = "February 15, 2027"
TAKEAWAYS = (
    "Welders are the hardest hire for every shop in the room.",
    "Entry-level candidates lack blueprint reading more than machine skills.",
    "Employers want the college's welding certificate to add pipe work.",
)


def build_room(path: Path, *, shortlist: bool = True, takeaways: bool = True) -> Path:
    protocol = find_protocol("critical-occupations")
    reasons = [r.key for r in protocol.reasons]
    store = SessionStore.create(
        path,
        protocol,
        title="Metro manufacturing roundtable",
        with_categories=False,
        sector="manufacturing",
        region="Metro",
        date="2026-11-30",
        facilitator="Jordan Ellis",
        follow_up_url=FOLLOW_UP,
    )
    try:
        ann = store.add_participant("Ann Ames", "Ames Welding", email="ann@example.org")
        bo = store.add_participant(
            "Bo Bell", "Bell Fab", email="bo@example.org", quote_as="organization"
        )
        cy = store.add_participant("Cy Cole", "Cole Machine", email="cy@example.org")
        di = store.add_participant("Di Dunn", "Dunn Plastics", email="di@example.org")
        ed = store.add_participant("Ed Eng", "Eng Tool & Die", email="ed@example.org")
        store.add_participant("Fay Fox", "Fox Foundry", email="fay@example.org")  # no-show
        gil = store.add_participant(
            "Gil Gray", "Metro Community College", role="support partner", email="gil@example.org"
        )
        store.set_attended(gil, True)  # listening in the room: marked present (issue 13)
        store.add_participant("Jordan Ellis", "Workforce Board", role="facilitator")
        production = store.add_category("Production")
        quality = store.add_category("Quality")
        # Ann's first and third card and Bo's card are one stack: named by 2, not 3.
        welder = store.add_card("Welder", ann, category_id=production, level="mid",
                                reasons=reasons[:2])  # fmt: skip
        third = store.add_card("Pipe welder", ann, reasons=[reasons[0]], third_card=True)
        bo_welder = store.add_card("Welder/fabricator", bo, reasons=[reasons[1]])
        store.merge_cards(welder, [third, bo_welder])
        store.set_hands(welder, 7)
        # Two stacks of 2 employers: the one with more reasons ranks first, whatever its name.
        zebra = store.add_card("Zebra-press operator", cy, category_id=production,
                               level="entry", reasons=reasons[:3])  # fmt: skip
        store.merge_cards(zebra, [store.add_card("Press operator", di, reasons=[reasons[0]])])
        store.set_hands(zebra, 2)
        alpha = store.add_card("Assembler", cy, category_id=production, level="entry",
                               reasons=[reasons[0]])  # fmt: skip
        store.merge_cards(alpha, [store.add_card("Assembly tech", ed)])
        store.set_hands(alpha, 9)
        # One employer each: equal reasons, broken by hands; the last never had a show.
        inspector = store.add_card("QC inspector", di, category_id=quality, level="entry",
                                   reasons=[reasons[1]])  # fmt: skip
        store.set_hands(inspector, 0)
        engineer = store.add_card("Quality engineer", ed, category_id=quality, level="advanced",
                                  reasons=[reasons[1]])  # fmt: skip
        store.set_hands(engineer, 4)
        store.add_card("Machinist", bo, category_id=production, level="mid", reasons=[reasons[1]])
        store.add_card("Mold setter", cy)  # unsorted, nothing more to say
        store.add_competency("Reads blueprints", card_id=welder, level="entry", lacking=True)
        store.add_competency("Measures to a thousandth", category_id=quality)
        store.add_competency("Shows up on time")
        store.add_note(
            "Pipe welding is where the growth is.", card_ids=[welder], participant_id=ann
        )
        store.add_note("We lose a welder a month to the refinery.", kind="quote",
                       card_ids=[welder], participant_id=bo)  # fmt: skip
        store.add_note("Automation is replacing hand assembly.", topic="shifting-needs")
        store.add_note("Say it plainly: we need people.", kind="quote", participant_id=cy)
        store.add_commitment("job descriptions", participant_id=cy, owner="Cy Cole",
                             due="2026-12-15", detail="Machinist and press operator")  # fmt: skip
        store.add_commitment("work-based learning", participant_id=ed, detail="Two summer interns")
        if shortlist:
            for card_id in (zebra, welder, engineer):
                store.toggle_shortlist(card_id)
        if takeaways:
            for text in TAKEAWAYS:
                store.add_takeaway(text)
        store.set_reengagement(REENGAGE)
    finally:
        store.close()
    return path


@dataclass(frozen=True)
class Stack:
    id: int
    text: str
    employers: int
    reasons: int
    hands: int | None
    shortlist: float


@dataclass(frozen=True)
class Facts:
    stacks: dict[str, Stack]
    """Lead card text -> its numbers, read with SQL."""
    order: list[str]
    """The ranking the issue asks for: employers, then reasons, then hands, then written order."""
    reason_tally: dict[str, int]
    cards: int
    attending_orgs: list[str]
    partners: list[str]
    shortlist: list[str]
    takeaways: list[str]
    reengage_on: str


def facts_from_file(path: Path) -> Facts:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT * FROM cards ORDER BY id").fetchall()
    stacks: dict[str, Stack] = {}
    for lead in (r for r in rows if r["stack_id"] is None):
        members = [lead, *(r for r in rows if r["stack_id"] == lead["id"])]
        people = {m["participant_id"] for m in members if m["participant_id"] is not None}
        reasons = sum(len(set(json.loads(m["reasons"]))) for m in members)
        hands = lead["hands"] if lead["hands_taken"] else None
        stacks[lead["text"]] = Stack(
            lead["id"], lead["text"], len(people), reasons, hands, lead["shortlist"]
        )
    order = sorted(stacks.values(), key=lambda s: (-s.employers, -s.reasons, -(s.hands or 0), s.id))
    labels = {r["key"]: r["label"] for r in _protocol_reasons(conn)}
    tally: dict[str, int] = {}
    for r in rows:
        for key in set(json.loads(r["reasons"])):
            tally[labels.get(key, key)] = tally.get(labels.get(key, key), 0) + 1
    contributors = {
        pid
        for table in ("cards", "notes", "competencies", "commitments")
        for (pid,) in conn.execute(f"SELECT participant_id FROM {table}")
        if pid is not None
    }
    people = conn.execute("SELECT * FROM participants ORDER BY id").fetchall()
    attending = [
        p["organization"]
        for p in people
        if p["id"] in contributors
        and p["role"] in ("employer", "hiring authority", "high-performing employee")
    ]
    partners = [p["organization"] for p in people if p["role"] == "support partner"]
    shortlist = [s.text for s in sorted(stacks.values(), key=lambda s: s.shortlist) if s.shortlist]
    takeaways = [t for (t,) in conn.execute("SELECT text FROM takeaways ORDER BY position, id")]
    (reengage,) = conn.execute("SELECT reengage_on FROM sessions").fetchone()
    conn.close()
    return Facts(
        stacks=stacks,
        order=[s.text for s in order],
        reason_tally=tally,
        cards=len(rows),
        attending_orgs=list(dict.fromkeys(attending)),
        partners=partners,
        shortlist=shortlist,
        takeaways=takeaways,
        reengage_on=reengage,
    )


def _protocol_reasons(conn: sqlite3.Connection) -> list[dict[str, str]]:
    (text,) = conn.execute("SELECT protocol_json FROM sessions").fetchone()
    return json.loads(text)["reasons"]
