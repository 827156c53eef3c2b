"""A competencies round in the app, as `focusgroup new --profile` starts it (issue 15).

The wall of a round started from a job profile shows the profile's tasks under its job
functions, and two path columns. What the screens say must hold for such a round: the
counts (tasks, not occupations; paths apart; nobody "still to hand in" cards), the footer
keys, the reasons legend's digits, the note-taker's topic digits, and the protocol's own
instructions to the facilitator and note-taker, each done with the keys and read back in the
next version of the profile.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from focusgroup.export.exporter import export_session
from focusgroup.export.followup import updated_profile
from focusgroup.export.profiles import (
    PATHS_IN_CATEGORY,
    Function,
    JobProfile,
    PathStep,
    Task,
    write_profile,
)
from focusgroup.export.snapshot import take_snapshot
from focusgroup.from_profile import start_from_profile
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.widgets.competency_tags import CompetencyTags
from focusgroup.tui.widgets.note_wall import NoteWall
from tests.tui.builders import board, screen_text
from tests.tui.test_footer_keys import footer_items, silent_footer_keys

SIZE = (160, 50)
PROFILE = JobProfile(
    "Pipe welder",
    functions=(
        Function("Prepare the joint", (Task("Grind the bevel"), Task("Tack the joint"))),
        Function("Weld", (Task("Run the root pass", level="mid"), Task("Fill and cap"))),
    ),
    paths_in=(PathStep("Helper", "entry"),),
)


@pytest.fixture
def round_db(tmp_path: Path) -> Path:
    profile = write_profile(PROFILE, tmp_path / "pipe-welder-v1.yaml")
    with start_from_profile(tmp_path / "round.db", profile) as store:
        for name, org in (("Ann Ames", "Acme Pipe"), ("Bo Bell", "Birch Fab")):
            store.set_attended(store.add_participant(name, org, role="hiring authority"), True)
    return tmp_path / "round.db"


def _task(store: SessionStore, text: str) -> int:
    return next(c.id for c in store.cards() if c.text == text)


async def test_the_wall_counts_tasks_and_paths_and_asks_for_no_cards(round_db: Path) -> None:
    with SessionStore.open(round_db, actor="facilitator") as store:
        grind, tack = _task(store, "Grind the bevel"), _task(store, "Tack the joint")
        store.merge_cards(grind, [tack])  # the room: these are one task
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            text = screen_text(app)
            # 4 task cards (2 merged into 1): 3 tasks; the path is counted apart.
            assert "3 tasks from 4 cards, 0 unsorted" in text
            assert "1 path into and out of the job" in text
            assert " occupations from " not in text
            assert "Still to hand in" not in text  # nobody hands in cards in this round
            assert "×2" not in text  # two strawman cards: nobody named them twice


@pytest.mark.parametrize("role", ["facilitator", "note-taker"])
async def test_every_footer_key_does_something_in_a_competencies_round(
    round_db: Path, role: str
) -> None:
    items = await footer_items(round_db, role, SIZE)
    assert len(items) >= 5
    silent = await silent_footer_keys(round_db, role, SIZE, items)
    assert silent == [], f"footer keys that did nothing visible: {silent}"


async def test_the_reasons_legend_digits_tag_the_selected_task(round_db: Path) -> None:
    """The agenda's "REASONS (press the digit)": each digit toggles that reason."""
    with SessionStore.open(round_db, actor="facilitator") as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "REASONS (press the digit)" in screen_text(app)
            picked = board(app).selected_card
            assert picked is not None
            for reason in store.protocol().reasons:
                await pilot.press(reason.hotkey)
                await pilot.pause()
                assert reason.key in store.card(picked).reasons, reason.label


async def test_the_note_takers_topic_digits_start_a_note_on_that_topic(round_db: Path) -> None:
    with SessionStore.open(round_db, actor="note-taker") as store:
        app = make_app(store, "note-taker")
        async with app.run_test(size=SIZE) as pilot:
            for topic in store.protocol().topics:
                await pilot.press("escape")
                await pilot.press(topic.hotkey)
                await pilot.pause()
                assert isinstance(app.focused, TextArea), topic.label
                assert app.screen.query_one("#nt-note-topic", Select).value == topic.key
                app.focused.text = f"About {topic.label}"
                await pilot.press("ctrl+s")
                await pilot.pause()
            said = {n.text: n.topic for n in store.notes()}
        assert said == {f"About {t.label}": t.key for t in store.protocol().topics}


async def test_the_protocols_instructions_done_with_the_keys_reach_the_profile(
    round_db: Path,
) -> None:
    """The steps' notes, as the app shows them, each done with the keys it names."""
    steps = {s.title: s.notes for s in SessionStore.open(round_db).protocol().steps}
    # "Move cards into entry, mid and advanced rows" / "count hands for each".
    assert "Move cards into entry, mid and advanced rows" in steps["Minimum and mid-level"]
    assert (
        "the show of hands on a task card is its priority vote"
        in steps["Top three training priorities"]
    )
    with SessionStore.open(round_db, actor="facilitator") as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            b = board(app)
            b.select_card(_task(store, "Fill and cap"))
            await pilot.press("shift+up")  # entry row (any level) -> mid
            await pilot.pause()
            await pilot.press("h")
            await pilot.pause()
            assert isinstance(app.focused, Input)
            app.focused.value = "6"
            await pilot.press("enter")
            await pilot.pause()
    # "marks the task card and writes a note with the topic 'Tasks most often done poorly'",
    # "notes each answer with the topic 'Minimum versus mid-level performance', tagged
    # minimum, mid or advanced", "Write each knowledge, skill, ability or work style on its
    # own card about the task it underlies; tag its type and tier".
    assert "marks the task card" in steps["Tasks most often done poorly"]
    assert "tagged minimum, mid or advanced" in steps["Minimum and mid-level"]
    assert "about the task it underlies" in steps["What it takes"]
    with SessionStore.open(round_db, actor="note-taker") as store:
        topics = {t.key: t.hotkey for t in store.protocol().topics}
        root = _task(store, "Run the root pass")
        app = make_app(store, "note-taker")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("escape")
            wall = app.screen.query_one(NoteWall)
            assert wall.highlight(("card", root))
            await pilot.press("m", topics["underperformed"])
            app.focused.text = "Undercuts the root"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape")
            assert wall.highlight(("card", root))
            await pilot.press("m", topics["min-vs-mid"])
            app.focused.text = "Keeps a steady travel speed"
            app.screen.query_one("#nt-note-tags", Input).value = "mid"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape")
            assert wall.highlight(("card", root))
            await pilot.press("c")
            app.focused.value = "Reads the puddle"
            await pilot.press("enter")
            assert isinstance(app.focused, CompetencyTags)
            await pilot.press("s", "6", "enter")
            await pilot.pause()
        v2 = updated_profile(take_snapshot(store))
    tasks = {t.text: t for t in v2.tasks}
    assert tasks["Fill and cap"].level == "mid" and tasks["Fill and cap"].votes == 6
    assert tasks["Run the root pass"].underperformed
    assert tasks["Run the root pass"].mid_level == "Keeps a steady travel speed"
    (ksa,) = [c for c in v2.competencies if c.text == "Reads the puddle"]
    assert (ksa.task, ksa.ksa, ksa.tier) == ("Run the root pass", "skill", "occupation-specific")
    assert [p.text for p in v2.paths_in] == ["Helper"] and PATHS_IN_CATEGORY


async def test_renamed_columns_count_the_same_on_the_wall_and_in_the_exports(
    round_db: Path, tmp_path: Path
) -> None:
    """A path column is known by the column, not by its name: renamed with `r`, its jobs are
    still paths, and a job function renamed to a path column's name keeps its tasks. The
    wall's counts and the exports' must agree (they disagreed when the wall went by name)."""
    with SessionStore.open(round_db, actor="facilitator") as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for card, name in (
                ("Helper", "Where welders come from"),
                ("Fill and cap", "Paths onward from it"),
            ):
                board(app).select_card(_task(store, card))
                await pilot.press("r")
                await pilot.pause()
                assert isinstance(app.focused, Input)
                app.focused.value = name
                await pilot.press("enter")
                await pilot.pause()
            await pilot.pause()
            assert [c.name for c in store.categories()] == [
                "Prepare the joint",
                "Paths onward from it",
                "Where welders come from",
                "Paths onward from it",
            ]
            text = screen_text(app)
    wall = re.search(r"(\d+) tasks from (\d+) cards · \d+ placed", text)
    paths = re.search(r"(\d+) paths? into and out of the job", text)
    assert wall and paths, text
    assert (wall[1], wall[2], paths[1]) == ("4", "4", "1")

    out = tmp_path / "out"
    export_session(round_db, out, ["md"])
    md = (out / "pipe-welder-critical-competencies.md").read_text("utf-8")
    assert f"{wall[2]} task cards, {wall[1]} distinct tasks." in md
    assert "- Paths onward from it: 2 tasks" in md  # the renamed function, with its tasks
    assert "### Paths into the job\n\n- Helper — Entry level\n" in md
