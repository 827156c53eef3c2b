"""A competencies round built to catch wrong numbers, and its numbers read straight from the file.

The round starts from a profile, as `focusgroup new --profile` does, and the room does what
the guide's discussion produces, with the traps that counting has fallen into: the two path
columns and a path card written into the tray (not tasks, not functions), a task added with
no function, an empty function, two task cards merged into one task, a show of hands of 0,
people marked present who said nothing recorded, a registered no-show, a support partner,
KSAs, notes and quotes about task cards.

`facts_from_file` reads the SQLite file with plain SQL, independently of the domain and the
exporters, so a test can compare every number a document prints with what the file says.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from focusgroup.export.profiles import Function, JobProfile, PathStep, Task, write_profile
from focusgroup.from_profile import start_from_profile

PROFILE = JobProfile(
    "Pipe welder",
    functions=(
        Function(
            "Prepare the joint",
            (
                Task("Read the WPS"),
                Task("Grind the bevel", level="entry", votes=4),
                Task("Tack the joint"),
            ),
        ),
        Function(
            "Weld",
            (
                Task("Run the root pass", level="mid"),
                Task("Fill and cap"),
                Task("Purge the pipe"),
            ),
        ),
        Function("Inspect", (Task("Check for porosity", level="advanced"),)),
    ),
    paths_in=(PathStep("Helper", "entry"),),
    paths_out=(PathStep("Welding inspector", "advanced"),),
)
DATE = "2026-11-03"
SAID_ABOUT_TASKS = (
    "Knows the travel speed for each rod",  # KSA, not lacking
    "Keeps the puddle in position",  # KSA, lacking
    "Most miss it under the cap",  # a note with no topic about a task
    "A bad root scraps the whole spool",  # a quote about a task
)


def build_round(folder: Path) -> Path:
    """The round's session file, built through the store as the app does."""
    profile = write_profile(PROFILE, folder / "pipe-welder-v1.yaml")
    store = start_from_profile(folder / "round.db", profile, date=DATE, facilitator="Dana")
    with store:
        person = {}
        for name, org, role in (
            ("Ann Ames", "Acme Pipe", "hiring authority"),
            ("Bo Bell", "Acme Pipe", "hiring authority"),
            ("Cy Cole", "Birch Fab", "hiring authority"),
            ("Di Dunn", "Dunn Mechanical", "hiring authority"),  # present, nothing recorded
            ("Ed Eng", "", "hiring authority"),  # present, no organization given
            ("Pat Poe", "Lakes College", "support partner"),
            ("Zed Zorn", "Zeta Steel", "hiring authority"),  # registered, never came
        ):
            person[name.split()[0]] = store.add_participant(name, org, role=role)
        for name in ("Di", "Ed", "Pat"):
            store.set_attended(person[name], True)

        def card(text: str) -> int:
            return next(c.id for c in store.cards() if c.text == text)

        functions = {c.name: c.id for c in store.categories()}
        prepare, weld, inspect = (functions[f.name] for f in PROFILE.functions)
        store.move_card(card("Tack the joint"), prepare, "mid")
        store.move_card(card("Fill and cap"), weld, "mid")
        store.move_card(card("Fill and cap"), weld, "entry")  # the room says: entry
        store.rename_category(weld, "Weld the pipe")
        safety = store.add_category("Keep the shop safe")
        store.add_card("Lock out the machine", person["Ann"], category_id=safety, level="entry")
        store.add_category("Paperwork")  # added, never filled
        store.delete_card(card("Purge the pipe"))
        store.edit_card(card("Read the WPS"), "Read the welding procedure")
        tasks_step = next(
            i for i, s in enumerate(store.protocol().steps) if s.title.startswith("The tasks")
        )
        store.add_card("Clean the booth", person["Bo"], step=tasks_step)  # no function yet
        store.add_card("Pipefitter helper", None, step=1)  # a path in, still in the tray
        paths_out = functions["Paths onward from it"]
        store.add_card("Foreman", None, category_id=paths_out, level="advanced")
        torch = store.add_card("Bevel with a torch", None, category_id=prepare, level="entry")
        store.merge_cards(card("Grind the bevel"), [torch])
        store.set_hands(card("Grind the bevel"), 9)
        store.set_hands(card("Run the root pass"), 1)
        store.set_hands(card("Tack the joint"), 0)
        root = card("Run the root pass")
        store.add_competency(SAID_ABOUT_TASKS[0], card_id=root, ksa="knowledge", level="mid")
        store.add_competency(
            SAID_ABOUT_TASKS[1],
            card_id=root,
            ksa="skill",
            level="entry",
            lacking=True,
            participant_id=person["Cy"],
        )
        store.add_competency("Knows AWS D1.1", category_id=inspect)
        store.add_competency("Shows up on time", ksa="work style")
        store.add_note(
            "Rushes the tacks", topic="underperformed", card_ids=[card("Tack the joint")]
        )
        store.add_note("Mid: sets the gap without a gauge", topic="min-vs-mid", card_ids=[root])
        store.add_note(SAID_ABOUT_TASKS[2], card_ids=[card("Check for porosity")])
        store.add_note("Bring the college's instructor next time")
        store.add_note("Most start as helpers", topic="paths-in-out", step=1)
        store.add_note(
            SAID_ABOUT_TASKS[3], kind="quote", participant_id=person["Ann"], card_ids=[root]
        )
        store.add_note(
            "Nobody wants to weld overhead",
            kind="quote",
            participant_id=person["Cy"],
            quote_as="organization",
        )
        store.add_commitment("Host a shop tour", participant_id=person["Ann"], due="2026-12-01")
    return folder / "round.db"


@dataclass(frozen=True)
class Facts:
    functions: dict[str, int]
    """Job function (not a path column) -> tasks under it (a merged stack is one task)."""
    loose_tasks: list[str]
    """Tasks in the tray, placed under no function yet."""
    tasks: list[str]
    """Every task (lead cards), paths left out, in the wall's order."""
    task_cards: int
    """Task cards, merged ones each counted."""
    paths_in: list[str]
    paths_out: list[str]
    hands: dict[str, int | None]
    """Task -> the show of hands taken for it (None: never taken)."""
    people: int
    """Employers' people who took part: marked present, or anything recorded as theirs."""
    organizations: list[str]
    employers: int
    """Distinct organizations among them (someone with none counts as one)."""
    partners: list[str]
    said: dict[str, list[str]]
    """Task -> the competencies, notes and quotes recorded about it."""
    writers: dict[str, int]
    """Task -> distinct named participants who wrote its cards (a strawman task: 0)."""
    everything_said: list[str]
    """Every competency, note and quote in the file."""


def facts_from_file(path: Path) -> Facts:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    protocol = json.loads(conn.execute("SELECT protocol_json FROM sessions").fetchone()[0])
    path_steps = [i for i, s in enumerate(protocol["steps"]) if "occupation" in s["collects"]]
    categories = conn.execute("SELECT * FROM categories ORDER BY position, id").fetchall()
    into = {c["id"] for c in categories if c["name"] == "Paths into the job"}
    onward = {c["id"] for c in categories if c["name"] == "Paths onward from it"}
    cards = conn.execute("SELECT * FROM cards ORDER BY id").fetchall()

    def side(card: sqlite3.Row) -> str:
        if card["category_id"] in into:
            return "in"
        if card["category_id"] in onward:
            return "out"
        if card["category_id"] is None and card["step"] in path_steps:
            return "in" if card["step"] == path_steps[0] else "out"
        return ""

    leads = [c for c in cards if c["stack_id"] is None]
    # In the wall's order: function by function, entry to advanced, then the tray.
    column = {c["id"]: i for i, c in enumerate(categories)}
    level = {lv["key"]: i for i, lv in enumerate(protocol["levels"])}
    tasks = sorted(
        (c for c in leads if not side(c)),
        key=lambda c: (
            column.get(c["category_id"], len(column)),
            level.get(c["level"], len(level)),
            c["position"],
            c["id"],
        ),
    )
    functions = {
        c["name"]: sum(1 for t in tasks if t["category_id"] == c["id"])
        for c in categories
        if c["id"] not in into | onward
    }
    contributed = {
        pid
        for table in ("cards", "notes", "competencies", "commitments")
        for (pid,) in conn.execute(f"SELECT participant_id FROM {table}")
        if pid is not None
    }
    roles = ("employer", "hiring authority", "high-performing employee")
    took_part = [
        p
        for p in conn.execute("SELECT * FROM participants ORDER BY id")
        if p["role"] in roles and (p["attended"] or p["id"] in contributed)
    ]
    orgs = [p["organization"].strip() for p in took_part]
    partners = [
        p["organization"]
        for p in conn.execute("SELECT * FROM participants WHERE role = 'support partner'")
    ]
    lead_of = {c["id"]: (c["stack_id"] or c["id"]) for c in cards}
    text_of = {c["id"]: c["text"] for c in cards}
    said: dict[str, list[str]] = {t["text"]: [] for t in tasks}
    comps = conn.execute("SELECT text, card_id FROM competencies ORDER BY id").fetchall()
    notes = conn.execute("SELECT text, card_ids FROM notes ORDER BY id").fetchall()
    about = [(c["text"], [c["card_id"]] if c["card_id"] else []) for c in comps]
    about += [(n["text"], json.loads(n["card_ids"])) for n in notes]
    for text, ids in about:
        for card_id in ids:
            task = text_of[lead_of[card_id]]
            if task in said:
                said[task].append(text)
    facts = Facts(
        functions=functions,
        loose_tasks=[t["text"] for t in tasks if t["category_id"] is None],
        tasks=[t["text"] for t in tasks],
        task_cards=sum(
            1 for c in cards if not side(c if c["stack_id"] is None else _lead(cards, c))
        ),
        paths_in=[c["text"] for c in leads if side(c) == "in"],
        paths_out=[c["text"] for c in leads if side(c) == "out"],
        hands={t["text"]: (t["hands"] if t["hands_taken"] else None) for t in tasks},
        people=len(took_part),
        organizations=list(dict.fromkeys(o for o in orgs if o)),
        employers=len({o.casefold() for o in orgs if o}) + sum(1 for o in orgs if not o),
        partners=partners,
        said={task: texts for task, texts in said.items() if texts},
        writers={
            t["text"]: len(
                {
                    c["participant_id"]
                    for c in cards
                    if lead_of[c["id"]] == t["id"] and c["participant_id"] is not None
                }
            )
            for t in tasks
        },
        everything_said=[text for text, _ in about],
    )
    conn.close()
    return facts


def _lead(cards: list[sqlite3.Row], member: sqlite3.Row) -> sqlite3.Row:
    return next(c for c in cards if c["id"] == member["stack_id"])
