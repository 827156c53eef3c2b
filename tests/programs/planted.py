"""A meeting with planted gap-analysis findings (issue 17), built through the real store and
the real CSV import, so every test reads the same session a user would have.

Planted, and nothing else:
- an occupation no program serves: Quality inspector;
- two identical certificates at two institutions: Welding Certificate for Welder at Tri-County
  Community College and Eastside Technical College;
- a program for an occupation not in the meeting: Marine Technology (Boat builder);
- an entry program with no next step: Industrial Maintenance Fundamentals;
- a lacking competency no program teaches: Metrology (CNC machinist).
"""

from __future__ import annotations

import csv
from pathlib import Path

from focusgroup.programs_import import import_openings, import_programs
from focusgroup.store import SessionStore
from tests.conftest import tiny_protocol

HEADER = [
    "institution",
    "program",
    "credential",
    "level",
    "length",
    "cost",
    "prerequisites",
    "placement rate",
    "type",
    "linkages",
    "occupations",
    "competencies",
    "completions",
]
TRI = "Tri-County Community College"
EAST = "Eastside Technical College"
ROWS = [
    [
        TRI,
        "Welding",
        "Welding Certificate",
        "entry",
        "16 weeks",
        "$3,200",
        "High school diploma",
        "85%",
        "credit",
        "stackable to: Manufacturing Technology AAS",
        "Welder",
        "Blueprint reading; Welding safety",
        "40",
    ],
    [
        EAST,
        "Welding",
        "Welding Certificate",
        "Entry",
        "24 weeks",
        "$4,500",
        "None",
        "78%",
        "non-credit",
        "stackable to: Manufacturing Technology AAS",
        "welder",
        "Blueprint reading",
        "25",
    ],
    [
        TRI,
        "Manufacturing Technology",
        "Manufacturing Technology AAS",
        "mid",
        "2 years",
        "$9,000",
        "Welding Certificate",
        "80%",
        "credit",
        "articulation: Bachelor of Engineering – Manufacturing",
        "CNC machinist; Maintenance technician",
        "G-code programming",
        "",
    ],
    [
        "Springfield State University",
        "School of Engineering",
        "Bachelor of Engineering – Manufacturing",
        "advanced",
        "4 years",
        "$40,000",
        "Manufacturing Technology AAS",
        "",
        "credit",
        "",
        "17-2112",
        "Lean manufacturing",
        "",
    ],
    [
        "Harbor Marine Institute",
        "Marine Technology",
        "Marine Technology Diploma",
        "mid",
        "1 year",
        "$6,000",
        "",
        "",
        "credit",
        "articulation: Bachelor of Engineering – Manufacturing",
        "Boat builder",
        "Fiberglass repair",
        "",
    ],
    [
        EAST,
        "Industrial Maintenance Fundamentals",
        "Maintenance Fundamentals Certificate",
        "entry",
        "8 weeks",
        "$1,200",
        "",
        "",
        "non-credit",
        "",
        "Maintenance technician",
        "Hydraulics",
        "",
    ],
]
"""P1..P6. Spreads: the two Welder certificates (cost $3,200 vs $4,500, 16 vs 24 weeks)."""

EXPECTED = {
    "uncovered_occupations": ["Quality inspector"],
    "uncovered_competencies": [("CNC machinist", "Metrology")],
    "duplicates": [("Welding Certificate", "Welder", [TRI, EAST])],
    "orphans": ["Marine Technology"],
    "dead_ends": ["Industrial Maintenance Fundamentals"],
}


def write_programs_csv(
    path: Path, rows: list[list[str]] = ROWS, header: list[str] = HEADER
) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def build_planted(folder: Path) -> Path:
    path = folder / "planted.db"
    store = SessionStore.create(
        path, tiny_protocol(), title="Manufacturing pathways", region="Tri-county"
    )
    with store:
        production = store.categories()[0].id
        ana = store.add_participant("Ana Ruiz", "Acme Fabrication")
        ben = store.add_participant("Ben Ode", "Delta Machining")
        welder = store.add_card("Welder", ana, category_id=production, level="entry")
        cnc = store.add_card("CNC machinist", ben, category_id=production, level="mid")
        maint = store.add_card("Maintenance technician", ana, category_id=production, level="mid")
        engineer = store.add_card(
            "Manufacturing engineer", ben, category_id=production, level="advanced"
        )
        store.set_soc(engineer, soc_code="17-2112", soc_title="Industrial Engineers")
        store.add_card("Quality inspector", ben, category_id=production, level="entry")
        store.add_competency("Blueprint reading", card_id=welder, lacking=True)
        store.add_competency("G-code programming", card_id=cnc, lacking=True)
        store.add_competency("Metrology", card_id=cnc, lacking=True)
        store.add_competency("Teamwork", card_id=maint, lacking=False)
        store.add_competency("Lean manufacturing", card_id=engineer, lacking=True)
        # Step 8: Acme's favourite is Tri-County's welding program; it seeds the inventory and
        # the import below fills that same row in.
        store.add_referral(
            participant_id=ana,
            program="Welding",
            institution=TRI,
            occupation="Welder",
            favourite=True,
            out_of_state="about 20%",
            promotes_within="yes",
        )
        store.add_referral(participant_id=ben, out_of_state="none", promotes_within="mostly")
        import_programs(store, write_programs_csv(folder / "programs.csv"))
        openings = folder / "openings.csv"
        openings.write_text(
            "occupation,openings,source\nWelder,120,Regional projections\n", "utf-8"
        )
        import_openings(store, openings)
    return path
