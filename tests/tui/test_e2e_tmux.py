"""End to end in a real terminal: `python -m focusgroup open FILE` inside tmux (120x40).

Types a card, moves it, quits with ctrl+q, reopens the file and finds the card where it was.
Polls `capture-pane` instead of sleeping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from focusgroup.domain.wall import Place, place_of
from focusgroup.sample import sample_session
from focusgroup.store import SessionStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
REPO = Path(__file__).resolve().parents[2]


class Tmux:
    def __init__(self, home: Path) -> None:
        self.socket = f"fg-test-{uuid.uuid4().hex[:8]}"
        self.home = home

    def run(self, *args: str) -> str:
        # COLUMNS/LINES from the test runner would override the 120x40 window inside tmux.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10, env=env
        )
        return result.stdout

    def start(self, command: str) -> None:
        self.run(
            "new-session",
            "-d",
            "-s",
            "fg",
            "-x",
            "120",
            "-y",
            "40",
            "-e",
            f"FOCUSGROUP_HOME={self.home}",
            "-c",
            str(REPO),
            command,
        )

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "fg")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "fg", *(["-l"] if literal else []), *keys)

    def alive(self) -> bool:
        return "fg" in self.run("list-sessions", "-F", "#{session_name}")

    def wait(self, condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self.screen()}")
            time.sleep(0.05)

    def kill(self) -> None:
        self.run("kill-server")
        # A fresh server socket for any next start: reusing one whose server is still
        # shutting down can silently fail to start the session (seen under CI load).
        self.socket = f"fg-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_type_move_quit_reopen(tmux: Tmux, tmp_path: Path) -> None:
    path = tmp_path / "meeting.db"
    sample_session(path, cards=6).close()
    command = f"{sys.executable} -m focusgroup open {path}; echo FG-EXITED; sleep 30"

    tmux.start(command)
    # The footer lists "Add card" once the wall has focus and takes keys.
    tmux.wait(lambda: "Add card" in tmux.screen(), "the wall")
    tmux.keys("a")
    # Keys sent in one burst are routed before focus moves; a person types slower than this.
    tmux.wait(lambda: "Back to wall" in tmux.screen(), "the quick-entry bar")
    tmux.keys("Ana", literal=True)
    tmux.keys("Enter")
    tmux.wait(lambda: "Ana Ruiz (Ruiz Precision)" in tmux.screen(), "the employer")
    tmux.keys("Pipefitter [b]x[/]", literal=True)
    tmux.keys("Enter")
    tmux.wait(lambda: "NEW CARDS · 3" in tmux.screen(), "the new card in Unsorted")
    tmux.keys("Escape")
    tmux.wait(lambda: "Add card" in tmux.screen(), "the wall to take keys again")
    tmux.keys("S-Right")

    with SessionStore.open(path, actor="cli") as store:
        production = store.categories()[0].id

        def placed() -> bool:
            cards = [c for c in store.cards() if c.text == "Pipefitter [b]x[/]"]
            return bool(cards) and place_of(cards[0]) == Place(production, "entry")

        tmux.wait(placed, "the card in Production / entry")
    tmux.wait(lambda: "NEW CARDS · 2" in tmux.screen(), "the tray to shrink")
    tmux.keys("C-q")
    tmux.wait(lambda: "FG-EXITED" in tmux.screen(), "the app to quit")
    tmux.kill()

    tmux.start(command)
    # The card wraps inside its tile (in a column as narrow as seven categories beside the
    # agenda leave it, even mid-word); its markup-like text is shown literally.
    tmux.wait(lambda: "Pipefitte" in tmux.screen(), "the card after reopening")
    assert "[b]x[/]" in tmux.screen()
    screen = tmux.screen()
    lines = [line for line in screen.splitlines() if "Pipefitte" in line]
    production_column = next(line for line in screen.splitlines() if "Productio" in line)
    # Same column as the Production header, not in the tray on the left.
    assert lines[0].index("Pipefitte") > production_column.index("Productio") - 4
    tmux.keys("C-q")
    tmux.wait(lambda: "FG-EXITED" in tmux.screen(), "the app to quit again")


def _running(pid: int) -> bool:
    """Whether a process is alive (a zombie nobody has reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def test_the_app_leaves_when_its_terminal_is_closed(tmux: Tmux) -> None:
    """`make demo` as a tmux pane's own command, then the pane killed: make, the session
    leader, passes on no hangup, so the app must notice by itself that its terminal is gone
    (it used to stay, reading end-of-file at full CPU)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    tmux.start("make demo")
    tmux.wait(lambda: "Add card" in tmux.screen(), "the demo wall")
    make_pid = int(tmux.run("display-message", "-p", "-t", "fg", "#{pane_pid}").strip())
    children = subprocess.run(["pgrep", "-P", str(make_pid)], capture_output=True, text=True)
    (app_pid,) = (int(pid) for pid in children.stdout.split())
    tmux.run("new-window", "-d", "-t", "fg", "sleep 60")  # keeps the server up
    tmux.run("kill-pane", "-t", "fg:0")
    tmux.wait(lambda: not _running(app_pid), "the app to exit after its pane was killed", 20)
