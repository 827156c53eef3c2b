"""Two scripted critical-competencies rounds on the demo's CNC profile (issue 15).

Round 1 (hiring authorities) and round 2 (high-performing employees) run through the real CLI
and store, recording what the guide's discussion produces: tasks moved to their level, a
function renamed, a show of hands for training priority, tasks flagged as done poorly,
minimum / mid / advanced descriptors, KSAs written about a task, a note under every topic and
paths at their level. v2 and v3 must keep all of it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.export.profiles import (
    PATHS_IN_CATEGORY,
    PATHS_OUT_CATEGORY,
    JobProfile,
    read_profile,
)
from focusgroup.store.session_store import SessionStore
from tests.export.builders import pdf_text, squash


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def note_every_topic(store: SessionStore, round_: int, about: int) -> dict[str, str]:
    """One note per protocol topic (the paths one becomes a path); returns topic -> text."""
    said = {}
    for topic in store.protocol().topics:
        text = f"Round {round_} on {topic.label.lower()}: what the room said"
        # About the task card, except paths and min-vs-mid (a linked one is a descriptor)
        linked = [about] if topic.key not in ("paths-in-out", "min-vs-mid") else []
        store.add_note(text, topic=topic.key, card_ids=linked)
        said[topic.key] = text
    return said


def task_card(store: SessionStore, start: str) -> int:
    return next(c.id for c in store.cards() if c.text.startswith(start))


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    home = tmp_path_factory.mktemp("rounds")
    mp = pytest.MonkeyPatch()
    mp.setenv("FOCUSGROUP_HOME", str(home))
    try:
        cli("demo", "--no-open")
        demo = str(home / "sessions" / "demo.db")
        cli("crosswalk", demo, "--accept-top")
        cli("profiles", demo, "--occupation", "CNC Machinist", "--out", str(home / "v1"))
        v1_path = home / "v1" / "profile-cnc-machinist-v1.yaml"
        v1 = read_profile(v1_path)

        # -- round 1: hiring authorities from three companies -------------------------------
        r1 = str(home / "r1.db")
        cli("new", r1, "--profile", str(v1_path), "--date", "2026-11-03")
        with SessionStore.open(r1) as store:
            for name, org in (("Ann", "Acme"), ("Bo", "Acme"), ("Cy", "Birch"), ("Di", "Cobalt")):
                # In the room (marked present): documents count attendees (issue 13).
                store.set_attended(store.add_participant(name, org, role="hiring authority"), True)
            first = v1.functions[0]
            cat = next(c.id for c in store.categories() if c.name == first.name)
            store.rename_category(cat, "Measure parts and check them against the print")
            mid_task = task_card(store, first.tasks[0].text[:20])
            adv_task = task_card(store, first.tasks[1].text[:20])
            store.move_card(mid_task, cat, "mid")
            store.move_card(adv_task, cat, "advanced")
            store.set_hands(mid_task, 9)
            store.set_hands(adv_task, 4)
            store.add_note(
                "Rushes first-article checks", topic="underperformed", card_ids=[mid_task]
            )
            store.add_note(
                "Measures with calipers and logs it",
                topic="min-vs-mid",
                card_ids=[mid_task],
                tags=["minimum"],
            )
            store.add_note(
                "Mid: picks the right gauge without being told",
                topic="min-vs-mid",
                card_ids=[mid_task],
            )
            store.add_competency("Reads GD&T callouts", card_id=mid_task, ksa="knowledge")
            store.add_competency("Lacks trig for tolerance stacks", card_id=mid_task, lacking=True)
            paths_in = next(c.id for c in store.categories() if c.name == PATHS_IN_CATEGORY)
            store.add_card("Machine operator", None, category_id=paths_in, level="entry")
            said_1 = note_every_topic(store, 1, mid_task)
        cli("profiles", r1, "--out", str(home / "v2"))
        v2_path = home / "v2" / "profile-cnc-machinist-v2.yaml"
        v2 = read_profile(v2_path)

        # -- round 2: high-performing employees from two companies --------------------------
        r2 = str(home / "r2.db")
        cli("new", r2, "--profile", str(v2_path), "--date", "2026-12-01")
        with SessionStore.open(r2) as store:
            for name, org in (("Eve", "Acme"), ("Fay", "Birch"), ("Gus", "Birch")):
                who = store.add_participant(name, org, role="high-performing employee")
                store.set_attended(who, True)
            loaded_hands = {c.text: c.hands for c in store.cards()}
            loaded_levels = {c.text: c.level for c in store.cards()}
            adv_task = task_card(store, first.tasks[1].text[:20])
            store.set_hands(adv_task, 11)  # round 2 re-votes one task only
            store.add_note(
                "Advanced: writes the inspection plan", topic="min-vs-mid", card_ids=[adv_task]
            )
            paths_out = next(c.id for c in store.categories() if c.name == PATHS_OUT_CATEGORY)
            store.add_card("CNC programmer", None, category_id=paths_out, level="advanced")
            said_2 = note_every_topic(store, 2, adv_task)
        cli("profiles", r2, "--out", str(home / "v3"))
        v3 = read_profile(home / "v3" / "profile-cnc-machinist-v3.yaml")
    finally:
        mp.undo()
    return {
        "home": home,
        "v1": v1,
        "v2": v2,
        "v3": v3,
        "said_1": said_1,
        "said_2": said_2,
        "hands": loaded_hands,
        "levels": loaded_levels,
        "first": first,
    }


def _task(p: JobProfile, start: str):
    return next(t for t in p.tasks if t.text.startswith(start))


def test_v2_keeps_levels_and_recognises_the_rename(rounds: dict) -> None:
    v1, v2, first = rounds["v1"], rounds["v2"], rounds["first"]
    assert v2.version == 2 and v2.changes is not None
    assert [(r.before, r.after) for r in v2.changes.renamed_functions] == [
        (first.name, "Measure parts and check them against the print")
    ]
    assert v2.changes.added_functions == () and v2.changes.removed_functions == ()
    assert v2.changes.moved_tasks == () and v2.changes.removed_tasks == ()
    renamed = next(f for f in v2.functions if f.name.startswith("Measure parts"))
    assert {t.text for t in renamed.tasks} == {t.text for t in first.tasks}
    levels = {t.text: t.level for t in v2.tasks}
    assert levels[first.tasks[0].text] == "mid" and levels[first.tasks[1].text] == "advanced"
    untouched = [t for t in v1.tasks if t.text not in (first.tasks[0].text, first.tasks[1].text)]
    assert untouched and all(levels[t.text] == t.level for t in untouched)  # not all "entry"
    assert len(v2.changes.relevelled_tasks) == 2


def test_v2_carries_votes_flags_descriptors_and_linked_ksas(rounds: dict) -> None:
    v2, first = rounds["v2"], rounds["first"]
    t = _task(v2, first.tasks[0].text)
    assert (t.votes, t.underperformed, t.lacking) == (9, True, True)
    assert t.minimum == "Measures with calipers and logs it"
    assert t.mid_level == "picks the right gauge without being told"
    linked = {c.text: c.task for c in v2.competencies if c.task}
    assert linked == {
        "Reads GD&T callouts": t.text,
        "Lacks trig for tolerance stacks": t.text,
    }
    assert _task(v2, first.tasks[1].text).votes == 4
    assert any(g.startswith("Training priority: ") and "(9 votes)" in g for g in v2.skills_gaps)


def test_v2_records_the_round_every_topic_and_updated_questions(rounds: dict) -> None:
    v2 = rounds["v2"]
    (r,) = v2.rounds
    assert (r.number, r.who, r.employers, r.participants, r.date) == (
        1,
        "hiring authorities",
        3,
        4,
        "2026-11-03",
    )
    kept = {n.text for n in v2.room_notes} | {p.text for p in (*v2.paths_in, *v2.paths_out)}
    for topic, text in rounds["said_1"].items():
        assert text in kept, topic
    assert ("Machine operator", "entry") in {(p.text, p.level) for p in v2.paths_in}
    assert not any(q.startswith("Does this describe") for q in v2.open_questions)
    assert not any(q.startswith("Which three tasks") for q in v2.open_questions)
    assert v2.open_questions[0].startswith("Round 2:")


def test_round_two_starts_where_round_one_left_off(rounds: dict) -> None:
    v2 = rounds["v2"]
    for t in v2.tasks:
        assert rounds["hands"][t.text] == t.votes
        if t.level:
            assert rounds["levels"][t.text] == t.level


def test_v3_keeps_everything_and_adds_round_two(rounds: dict) -> None:
    v2, v3, first = rounds["v2"], rounds["v3"], rounds["first"]
    assert v3.version == 3 and v3.changes is not None
    assert v3.changes.renamed_functions == () and v3.changes.relevelled_tasks == ()
    assert [f.name for f in v3.functions] == [f.name for f in v2.functions]
    assert {t.text: t.level for t in v3.tasks} == {t.text: t.level for t in v2.tasks}
    mid = _task(v3, first.tasks[0].text)
    assert (mid.votes, mid.underperformed) == (9, True)
    assert mid.minimum == "Measures with calipers and logs it"
    assert mid.mid_level == "picks the right gauge without being told"
    adv = _task(v3, first.tasks[1].text)
    assert (adv.votes, adv.advanced) == (11, "writes the inspection plan")
    assert [(r.number, r.who, r.employers) for r in v3.rounds] == [
        (1, "hiring authorities", 3),
        (2, "high-performing employees", 2),
    ]
    kept = {n.text for n in v3.room_notes} | {p.text for p in (*v3.paths_in, *v3.paths_out)}
    for said in (rounds["said_1"], rounds["said_2"]):
        for topic, text in said.items():
            assert text in kept, topic
    assert ("CNC programmer", "advanced") in {(p.text, p.level) for p in v3.paths_out}
    assert ("Machine operator", "entry") in {(p.text, p.level) for p in v3.paths_in}
    assert {c.text for c in v2.competencies} <= {c.text for c in v3.competencies}
    assert not any(q.startswith("Round 2:") for q in v3.open_questions)


def test_the_pdfs_say_who_vetted_them_and_show_the_findings(rounds: dict) -> None:
    home: Path = rounds["home"]
    text = pdf_text(home / "v3" / "profile-cnc-machinist-v3.pdf")
    for phrase in (
        "Vetted by round 1: hiring authorities (3 employers, 2026-11-03); "
        "round 2: high-performing employees (2 employers, 2026-12-01).",
        "What the room said about each task",
        "writes the inspection plan",
        "Round 2 on how you know someone does it well: what the room said",
        "Measure parts and check them against the print",
    ):
        assert squash(phrase) in text, phrase
    v2 = pdf_text(home / "v2" / "profile-cnc-machinist-v2.pdf")
    assert "functionsrenamed" in v2.casefold()
    assert squash(f"{rounds['first'].name} → Measure parts and check them") in v2
    if shutil.which("pdftoppm"):  # look at them as a reader would (PNG pages render)
        out = home / "png"
        out.mkdir(exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "40",
                str(home / "v3" / "profile-cnc-machinist-v3.pdf"),
                str(out / "v3"),
            ],
            check=True,
        )
        assert sorted(out.glob("v3-*.png"))
