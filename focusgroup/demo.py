"""A realistic demo meeting, so every screen and export shows something real.

A regional manufacturing partnership: twelve employers, two college and workforce partners,
six categories, cards in different words for the same job (merged), reasons, a show of hands,
third cards, competencies, quotes, notes and commitments. Deterministic: same file every time.
"""

from __future__ import annotations

from pathlib import Path

from focusgroup.domain.protocol import Protocol
from focusgroup.store.session_store import SessionStore

PEOPLE = [
    # name, organization, role, email, quote_as
    (
        "Maria Gonzalez",
        "Valley Precision Machining",
        "employer",
        "maria@valleyprecision.example",
        "named",
    ),
    ("Tom Becker", "Prairie Fab & Weld", "employer", "tom.becker@prairiefab.example", "named"),
    (
        "Zoë Lindqvist",
        "Northstar Food Processing",
        "employer",
        "zoe@northstarfoods.example",
        "named",
    ),
    (
        "Anh Nguyễn",
        "Dakota Electronics Assembly",
        "employer",
        "anh.nguyen@dakota-ea.example",
        "anonymous",
    ),
    ("Raj Patel", "Heartland Ag Equipment", "employer", "rpatel@heartlandag.example", "named"),
    ("Karen O'Neil", "RedRiver Plastics", "employer", "koneil@redriverplastics.example", "named"),
    ("James Whitehorse", "Big Sky Components", "employer", "", "named"),
    ("Łukasz Nowak", "Polar Packaging", "employer", "lukasz@polarpack.example", "organization"),
    ("Denise Carter", "Fargo Metal Works", "employer", "dcarter@fargometal.example", "named"),
    (
        "Samuel Okafor",
        "Lakeside Robotics Integration",
        "hiring authority",
        "sam@lakesiderobotics.example",
        "organization",
    ),
    ("Emily Tran", "Cass County Medical Devices", "employer", "etran@ccmd.example", "named"),
    (
        "Greg Halvorson",
        "Halvorson Trucking & Logistics",
        "employer",
        "greg@halvorsontrucking.example",
        "named",
    ),
    (
        "Dr. Lisa Brandt",
        "State College of Science",
        "support partner",
        "lisa.brandt@college.example",
        "named",
    ),
    (
        "Mike Sorensen",
        "Red River Workforce Board",
        "support partner",
        "msorensen@rrwb.example",
        "named",
    ),
]

CATEGORIES = [
    ("Production", "#4a90d9"),
    ("Maintenance & repair", "#e08a2e"),
    ("Engineering & quality", "#8e6bbf"),
    ("Transportation & logistics", "#3fa37a"),
    ("Sales & customer service", "#d65a7a"),
    ("Management & supervision", "#7a8a99"),
]

# (employer index, text, category index or None, level, reason indexes, own reason)
CARDS = [
    (0, "CNC Machinist", 0, "mid", [1, 3], ""),
    (0, "Quality inspector", 2, "entry", [0], ""),
    (1, "Welder", 0, "entry", [0, 2], ""),
    (1, "Welding supervisor", 5, "advanced", [3], ""),
    (2, "Maintenance tech", 1, "mid", [1], ""),
    (2, "Line lead", 5, "mid", [2], ""),
    (3, "Electronics assembler", 0, "entry", [0, 2], ""),
    (3, "Test technician", 2, "mid", [1], ""),
    (4, "Industrial maintenance mechanic", 1, "mid", [1, 3], ""),
    (4, "Manufacturing engineer", 2, "advanced", [4], ""),
    (5, "Injection molding technician", 0, "mid", [1], ""),
    (5, "Process engineer", 2, "advanced", [4], ""),
    (6, "Machinist", 0, "mid", [1], ""),
    (6, "QC inspector", 2, "entry", [2], ""),
    (7, "Packaging machine operator", 0, "entry", [0, 2], ""),
    (7, "Maint. tech (electrical)", 1, "mid", [1], "Safety-critical"),
    (8, "Machinist - CNC", 0, "mid", [1, 3], ""),
    (8, "Welder/fabricator", 0, "entry", [0], ""),
    (9, "PLC programmer", 2, "advanced", [1, 4], ""),
    (9, "Robotics technician", 1, "mid", [4], ""),
    (10, "Quality engineer", 2, "advanced", [3], ""),
    (10, "Production supervisor", 5, "mid", [2], ""),
    (11, "CDL-A driver", 3, "entry", [0, 1, 2], ""),
    (11, "Dispatcher / logistics coordinator", 3, "mid", [3], ""),
]

# Third cards ("if you had one more card...").
THIRD_CARDS = [
    (0, "Inside sales rep", 4, "entry"),
    (1, "Welder", 0, "entry"),
    (9, "Field service technician", 4, "mid"),
    (5, "Buyer / purchasing agent", None, "unsorted"),
    (11, "Warehouse associate", None, "unsorted"),
]

# Stacks: lead card text -> the other wordings merged into it.
MERGES = {
    "CNC Machinist": ["Machinist", "Machinist - CNC"],
    "Maintenance tech": ["Industrial maintenance mechanic", "Maint. tech (electrical)"],
    "Welder": ["Welder/fabricator"],
    "Quality inspector": ["QC inspector"],
}

HANDS = {"CNC Machinist": 14, "Maintenance tech": 12, "Welder": 9, "CDL-A driver": 7}
SOC = {
    "CNC Machinist": ("51-4041", "51-4041.00", "Machinists"),
    "Welder": ("51-4121", "51-4121.00", "Welders, Cutters, Solderers, and Brazers"),
    "Welding supervisor": (
        "51-1011",
        "51-1011.00",
        "First-Line Supervisors of Production and Operating Workers",
    ),
    "Production supervisor": (
        "51-1011",
        "51-1011.00",
        "First-Line Supervisors of Production and Operating Workers",
    ),
    "Packaging machine operator": (
        "51-9111",
        "51-9111.00",
        "Packaging and Filling Machine Operators and Tenders",
    ),
    "Quality inspector": (
        "51-9061",
        "51-9061.00",
        "Inspectors, Testers, Sorters, Samplers, and Weighers",
    ),
    "Quality engineer": ("17-2112", "17-2112.00", "Industrial Engineers"),
}
LINKS = (
    # "Advances to", as the room described it: the career pathway map's arrows.
    ("Packaging machine operator", "CNC Machinist"),
    ("CNC Machinist", "Production supervisor"),
    ("Welder", "Welding supervisor"),
    ("Quality inspector", "Quality engineer"),
)
AREA = "0022020"
"""Fargo, ND-MN (BLS OEWS metropolitan area): wages on the demo's pathway map."""

# (text, card text or None, category index or None, ksa, tier index, level, lacking, employer)
COMPETENCIES = [
    ("Read blueprints and GD&T callouts", "CNC Machinist", None, "skill", 5, "entry", True, 0),
    (
        "Shop math: fractions, trig, metric conversion",
        "CNC Machinist",
        None,
        "knowledge",
        1,
        "entry",
        True,
        8,
    ),
    ("Set up and prove out a new program", "CNC Machinist", None, "skill", 5, "advanced", False, 6),
    ("Shows up on time, every shift", None, 0, "work style", 0, "entry", True, 0),
    ("Troubleshoot PLC-controlled equipment", "Maintenance tech", None, "skill", 3, "mid", True, 4),
    (
        "Lockout/tagout and electrical safety",
        "Maintenance tech",
        None,
        "knowledge",
        4,
        "entry",
        False,
        7,
    ),
    ("MIG and flux-core welding to AWS D1.1", "Welder", None, "skill", 5, "entry", True, 1),
    ("Run a changeover with a crew of six", "Line lead", None, "ability", 6, "mid", False, 2),
    (
        "SPC and root-cause analysis (8D)",
        "Quality engineer",
        None,
        "knowledge",
        3,
        "advanced",
        False,
        10,
    ),
    (
        "Clean driving record and DOT medical card",
        "CDL-A driver",
        None,
        "knowledge",
        5,
        "entry",
        False,
        11,
    ),
    (
        "Ladder logic on Allen-Bradley and Siemens",
        "PLC programmer",
        None,
        "skill",
        5,
        "advanced",
        True,
        9,
    ),
    (
        "Explain a quote to a customer clearly",
        "Inside sales rep",
        None,
        "skill",
        2,
        "entry",
        False,
        0,
    ),
]

# (kind, text, employer or None, topic key, card texts, tags)
# fmt: off
NOTES = [
    ("quote", "We can teach someone to run the machine. We can't teach them to show up.",
     0, "why-critical", ["CNC Machinist"], ["soft skills"]),
    ("quote", "Half my welders will retire in the next five years, and nobody is behind them.",
     1, "shifting-needs", ["Welder"], ["retirements"]),
    ("quote", "Every maintenance tech we hire now needs PLC skills \u2014 the job has changed.",
     9, "shifting-needs", ["Maintenance tech", "PLC programmer"], ["automation"]),
    ("quote", "We lose entry-level assemblers to the warehouse down the road for fifty cents "
     "an hour.", 3, "why-critical", ["Electronics assembler"], ["wages", "turnover"]),
    ("quote", "Our line leads come from the floor. Nobody walks in the door as a lead.",
     2, "advancement", ["Line lead"], ["advancement"]),
    ("quote", "If they can read a tape measure and a print, we will teach them the rest.",
     8, "entry-gaps", ["Welder", "CNC Machinist"], ["entry-level"]),
    ("note", "Operators move to setup tech after about 18 months, then machinist; pay goes "
     "from about $18 to $28 an hour.", None, "advancement", ["CNC Machinist"], ["wages"]),
    ("note", "Most hire from the college's machining program; about 20% from out of state; "
     "a lot of word of mouth and own training.", None, "applicant-sources", [], ["pipeline"]),
    ("note", "Recap: the wall undercounts logistics \u2014 two trucking firms could not attend.",
     None, "recap-caveats", [], ["caveat"]),
]
# fmt: on

COMMITMENTS = [
    (
        0,
        "advisory board",
        "Join the machining program advisory board",
        "Dr. Lisa Brandt",
        "2026-12-01",
    ),
    (
        9,
        "work-based learning",
        "Two paid summer internships in robotics",
        "Mike Sorensen",
        "2027-03-15",
    ),
    (
        1,
        "job descriptions",
        "Send welder and welding supervisor job descriptions",
        "Dana Whitfield",
        "2026-10-28",
    ),
    (
        10,
        "curriculum review",
        "Review the quality technician course outline",
        "Dr. Lisa Brandt",
        "2026-11-30",
    ),
    (4, "mentoring", "Mentor two maintenance students this spring", "Mike Sorensen", "2027-01-31"),
]


def build_demo(path: Path, protocol: Protocol) -> SessionStore:
    """Create the demo session file at `path` and return it open."""
    store = SessionStore.create(
        path,
        protocol,
        title="Advanced manufacturing: critical occupations",
        sector="Advanced manufacturing",
        region="Red River Valley",
        date="2026-10-14",
        facilitator="Dana Whitfield",
        follow_up_url="https://forms.example.org/rrv-manufacturing/follow-up",
        area=AREA,
        with_categories=False,
        actor="cli",
    )
    reasons = [r.key for r in protocol.reasons]
    tiers = [t.key for t in protocol.tiers]
    topics = [t.key for t in protocol.topics]
    third_step = next((i for i, s in enumerate(protocol.steps) if s.third_card), 0)
    with store.action("Build the demo meeting", undoable=False):
        people = [
            store.add_participant(name, org, role=role, email=email, quote_as=quote_as)
            for name, org, role, email, quote_as in PEOPLE
        ]
        categories = [store.add_category(name, colour) for name, colour in CATEGORIES]
        ids: dict[str, int] = {}
        who: int | None  # the tables below leave some cards and notes unattributed
        cat: int | None
        for who, text, cat, level, reason_ix, own in CARDS:
            card_reasons = [reasons[i] for i in reason_ix if i < len(reasons)]
            ids.setdefault(
                text,
                store.add_card(
                    text,
                    people[who],
                    category_id=None if cat is None else categories[cat],
                    level=level,
                    reasons=[*card_reasons, *([own] if own else [])],
                    step=0,
                ),
            )
        extra_welder = None
        for who, text, cat, level in THIRD_CARDS:
            card_id = store.add_card(
                text,
                people[who],
                category_id=None if cat is None else categories[cat],
                level=level,
                third_card=True,
                step=third_step,
            )
            if text in ids:
                extra_welder = card_id
            else:
                ids[text] = card_id
        for lead, others in MERGES.items():
            store.merge_cards(ids[lead], [ids[o] for o in others])
        if extra_welder is not None:
            store.merge_cards(ids["Welder"], [extra_welder])
        for text, hands in HANDS.items():
            store.set_hands(ids[text], hands)
        for text, (soc, onet, title) in SOC.items():
            store.set_soc(ids[text], soc_code=soc, onet_code=onet, soc_title=title)
        for source, target in LINKS:
            store.link_cards(ids[source], ids[target])
        for text, card, cat, ksa, tier, level, lacking, who in COMPETENCIES:
            store.add_competency(
                text,
                card_id=ids[card] if card else None,
                category_id=categories[cat] if cat is not None else None,
                ksa=ksa if ksa in protocol.ksa_types else "",
                tier=tiers[tier] if tier < len(tiers) else "",
                level=level,
                lacking=lacking,
                participant_id=people[who],
            )
        for kind, text, who, topic, cards, tags in NOTES:
            store.add_note(
                text,
                kind=kind,
                participant_id=None if who is None else people[who],
                card_ids=[ids[c] for c in cards],
                tags=tags,
                topic=topic if topic in topics else "",
                step=3,
            )
        for who, offer, detail, owner, due in COMMITMENTS:
            store.add_commitment(
                offer, participant_id=people[who], detail=detail, owner=owner, due=due
            )
        store.journal.update("sessions", 1, {"current_step": min(3, len(protocol.steps) - 1)})
    return store
