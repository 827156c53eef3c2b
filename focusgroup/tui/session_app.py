"""`SessionApp`: what every screen and dialog may use of the running app.

Screens type their app with `app = getters.app(SessionApp)`, the one way to reach it. They
depend on this small face, not on `FocusGroupApp` in `app.py`, which imports the screens: so
the app knows its screens and no screen imports the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App

from focusgroup.store import SessionStore
from focusgroup.tui import clock as clocks
from focusgroup.tui.live import POLL_SECONDS, LiveSession

T = TypeVar("T")

TERMINAL_CHECK_SECONDS = 2.0
TERMINAL_GONE = 129
"""The exit status when the terminal went away: 128 + SIGHUP, as if the hangup had come."""


class SessionApp(App[None]):
    """An app over at most one live session, for one seat (facilitator or note-taker)."""

    def __init__(
        self,
        role: str = "facilitator",
        *,
        clock: clocks.Clock = clocks.monotonic,
        today: clocks.Today = clocks.today,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.role = role
        """The seat: "facilitator" or "note-taker"; also the actor the journal records."""
        self.clock = clock
        """Monotonic seconds for the step timer; fixed in snapshot tests."""
        self.today = today
        self.poll_seconds = poll_seconds
        self.live: LiveSession | None = None
        """The open session; None while the start screen is up."""

    def _handle_exception(self, error: Exception) -> None:
        """A failed background job (export, e-mail, crosswalk) is a message, never the end.

        Textual ends the app when a worker raises (`WorkerFailed`); in the room that would
        close the meeting on 20 executives. Every worker here reports its own failures; this
        is the net for anything they did not foresee. Other errors end the app as usual.
        """
        from textual.worker import WorkerFailed

        if not isinstance(error, WorkerFailed):
            super()._handle_exception(error)
            return
        from focusgroup import errorlog

        cause = error.error
        log = errorlog.record(cause)
        where = f" Details: {log}." if log else ""
        self.notify(
            f"Something went wrong in the background ({errorlog.describe(cause)}). "
            f"The meeting is still open and nothing typed was lost.{where}",
            severity="error",
            markup=False,
            timeout=15,
        )

    @property
    def has_store(self) -> bool:
        return self.live is not None

    @property
    def store(self) -> SessionStore:
        if self.live is None:
            raise RuntimeError("no session is open")
        return self.live.store

    def perform(self, fn: Callable[..., T], *args: Any, strict: bool = False, **kwargs: Any) -> T:
        """Run one store action, show any failure as a toast, then sync (`LiveSession.perform`)."""
        if self.live is None:
            raise RuntimeError("no session is open")
        return self.live.perform(fn, *args, strict=strict, **kwargs)

    def watch_terminal(self) -> None:
        """End the app when its terminal goes away (a closed window or a killed tmux pane).

        A hangup is not always delivered (under `make`, the session leader), and Textual's input
        thread then reads end-of-file in a loop at full CPU. Every action is already saved, so
        leaving is safe; staying would hold the session file with nobody at the keyboard.
        """
        stdin = sys.__stdin__
        if self.is_headless or stdin is None or not stdin.isatty():
            return
        fileno = stdin.fileno()

        def check() -> None:
            if not os.isatty(fileno):
                self.exit(return_code=TERMINAL_GONE)

        self.set_interval(TERMINAL_CHECK_SECONDS, check, name="terminal-watch")

    def sync_now(self) -> None:
        """Bring every screen up to date with the session file now."""
        if self.live is not None:
            self.live.sync_now()
