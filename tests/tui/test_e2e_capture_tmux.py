"""Issue 13, end to end in a real terminal (tmux): the README's capture steps, twice in a row,
through `python -m focusgroup open FILE`; and the note-taker's seat opened from the command
line, its log read off the screen."""

from __future__ import annotations

import sys
from pathlib import Path

from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore
from tests.tui.test_e2e_tmux import Tmux, pytestmark, tmux  # noqa: F401 - fixture, skip mark


def _meeting(path: Path) -> None:
    with SessionStore.create(
        path, find_protocol("critical-occupations"), title="Capture", actor="cli"
    ) as store:
        store.add_participant("Maria Lopez", "Lopez Fabrication")
        store.add_participant("Tom Reed", "Reed Machining")


def bar_line(session: Tmux) -> str:
    return next((line for line in session.screen().splitlines() if "Card by" in line), "")


def test_the_readme_capture_steps_twice_in_a_row(tmux: Tmux, tmp_path: Path) -> None:  # noqa: F811
    """README: `a`, a few letters of the employer, Enter, the card text, Enter."""
    path = tmp_path / "capture.db"
    _meeting(path)
    tmux.start(f"{sys.executable} -m focusgroup open {path}; echo FG-EXITED; sleep 30")
    tmux.wait(lambda: "Add card" in tmux.screen(), "the wall")
    for round_ in range(2):
        for who, text in (("mar", "Welder"), ("tom", "CNC machinist")):
            tmux.keys("a")
            tmux.wait(lambda: "Back to wall" in tmux.screen(), "the quick-entry bar")
            tmux.keys(who, literal=True)
            tmux.keys("Enter")
            name = "Maria Lopez (" if who == "mar" else "Tom Reed ("
            # Read the bar itself (the side panel names people too). Keys sent in one burst
            # are routed before focus moves to the card text; a person types slower.
            tmux.wait(lambda name=name: name in bar_line(tmux), f"{name} in the bar")
            tmux.keys(text, literal=True)
            tmux.keys("Enter")
            tmux.wait(lambda: "employer: a few" in bar_line(tmux), "the bar to start over")
            tmux.keys("Escape")
            tmux.wait(lambda: "Add card" in tmux.screen(), "the wall to take keys again")
        expected = 2 * (round_ + 1)
        tmux.wait(lambda n=expected: f"NEW CARDS · {n}" in tmux.screen(), f"{expected} cards")
    tmux.keys("C-q")
    tmux.wait(lambda: "FG-EXITED" in tmux.screen(), "the app to quit")
    with SessionStore.open(path) as store:
        people = {p.id: p.name for p in store.participants()}
        assert sorted(people.values()) == ["Maria Lopez", "Tom Reed"]
        assert [(c.text, people[c.participant_id]) for c in store.cards()] == [
            ("Welder", "Maria Lopez"),
            ("CNC machinist", "Tom Reed"),
        ] * 2


def test_the_note_takers_seat_from_the_cli_shows_its_log(tmux: Tmux, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "notes.db"
    _meeting(path)
    with SessionStore.open(path, actor="note-taker") as store:
        store.add_note("Machinists retire faster than we train them", kind="note")
        store.add_competency("Reads blueprints")
    tmux.start(
        f"{sys.executable} -m focusgroup open {path} --role note-taker; echo FG-EXITED; sleep 30"
    )
    tmux.wait(lambda: "note-taker seat" in tmux.screen(), "the note-taker's seat")
    screen = tmux.screen()
    lines = screen.splitlines()
    footer = next(i for i, line in enumerate(lines) if "Save" in line and "Quit" in line)
    log_lines = [i for i, line in enumerate(lines) if "Machinists retire" in line]
    # The log is on screen, above the footer (its stylesheet loaded on this start path).
    assert log_lines and log_lines[0] < footer, screen
    assert any("Reads blueprints" in line for line in lines[:footer]), screen
    assert "Cancel edit" not in screen  # only shown while editing an entry
    # A new note typed here lands in the log on screen.
    tmux.keys("Escape")
    tmux.wait(lambda: " n Note" in tmux.screen().splitlines()[-1], "the wall's keys in the footer")
    tmux.keys("n")
    tmux.wait(lambda: "About: no card" in tmux.screen(), "the note form")
    tmux.keys("Apprentices need a mentor", literal=True)
    tmux.keys("C-s")
    tmux.wait(
        lambda: any(
            "Apprentices need a mentor" in line
            for line in tmux.screen().splitlines()
            if "About" not in line
        ),
        "the new note in the log",
    )
    tmux.keys("C-q")
    tmux.wait(lambda: "FG-EXITED" in tmux.screen(), "the seat to quit")
    with SessionStore.open(path) as store:
        assert [n.text for n in store.notes()][-1] == "Apprentices need a mentor"
