"""What the room decides in a competencies round is what the next profile says (issue 15).

Each test records one decision with the tools a facilitator has (move a card, undo it, take
a show of hands) on a real session file started from a profile, and reads the next version.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.export.followup import updated_profile
from focusgroup.export.profiles import Function, JobProfile, Task, write_profile
from focusgroup.export.snapshot import take_snapshot
from focusgroup.from_profile import start_from_profile
from focusgroup.store.session_store import SessionStore

PROFILE = JobProfile(
    "Welder",
    functions=(
        Function(
            "Weld",
            (
                Task("Tack the joint"),  # any level
                Task("Run the root pass"),  # any level
                Task("Read the WPS"),  # any level
                Task("Grind the bevel", votes=5),
                Task("Purge the pipe", votes=7),
                Task("Fit up the spool", level="mid"),
            ),
        ),
    ),
)


@pytest.fixture
def session(tmp_path: Path) -> SessionStore:
    path = write_profile(PROFILE, tmp_path / "welder-v1.yaml")
    return start_from_profile(tmp_path / "round.db", path)


def _card(store: SessionStore, text: str) -> int:
    return next(c.id for c in store.cards() if c.text == text)


def _v2(store: SessionStore) -> JobProfile:
    return updated_profile(take_snapshot(store))


def test_a_task_the_room_puts_at_entry_level_is_entry_level(session: SessionStore) -> None:
    with session as store:
        weld = store.categories()[0].id
        tack, root = _card(store, "Tack the joint"), _card(store, "Run the root pass")
        # "Any level" tasks sit in the entry row; to say "entry", the room moves one up and
        # back down. Another is moved and the move undone: nothing was decided for it.
        store.move_card(tack, weld, "mid")
        store.move_card(tack, weld, "entry")
        store.move_card(root, weld, "advanced")
        store.undo()
        fit = _card(store, "Fit up the spool")
        store.move_card(fit, weld, "entry")
        store.move_card(fit, weld, "mid")  # back where the profile had it
        v2 = _v2(store)
    levels = {t.text: t.level for t in v2.tasks}
    assert levels["Tack the joint"] == "entry"
    assert levels["Run the root pass"] == ""  # moved, then undone
    assert levels["Read the WPS"] == ""  # never moved
    assert levels["Fit up the spool"] == "mid"
    assert v2.changes is not None
    assert v2.changes.relevelled_tasks == ("Tack the joint: any level → entry",)


def test_a_show_of_hands_of_zero_replaces_last_rounds_votes(session: SessionStore) -> None:
    with session as store:
        assert store.card(_card(store, "Grind the bevel")).hands == 5  # last round's, loaded
        store.set_hands(_card(store, "Grind the bevel"), 0)  # nobody raised a hand this time
        v2 = _v2(store)
    votes = {t.text: t.votes for t in v2.tasks}
    assert votes["Grind the bevel"] == 0
    assert votes["Purge the pipe"] == 7  # not voted again: last round's stand
    assert not any("Grind the bevel" in gap for gap in v2.skills_gaps)
    assert any(g.startswith("Training priority: Purge the pipe") for g in v2.skills_gaps)


def test_two_tasks_merged_into_one_are_a_merge_not_a_silent_loss(
    session: SessionStore, tmp_path: Path
) -> None:
    from focusgroup.export.profile_pdf import write_profile_pdf
    from focusgroup.export.profiles import Reworded, dump_profile, parse_profile
    from tests.export.builders import pdf_text, squash

    with session as store:
        store.merge_cards(_card(store, "Grind the bevel"), [_card(store, "Tack the joint")])
        v2 = _v2(store)
    assert "Tack the joint" not in {t.text for t in v2.tasks}
    assert v2.changes is not None
    assert v2.changes.merged_tasks == (Reworded("Tack the joint", "Grind the bevel"),)
    assert "Tack the joint" not in v2.changes.removed_tasks
    assert parse_profile(dump_profile(v2)) == v2
    text = pdf_text(write_profile_pdf(v2, tmp_path / "v2.pdf"))
    assert "TASKSMERGED" in text and squash("Tack the joint → into Grind the bevel") in text
