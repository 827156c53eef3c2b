"""FocusGroupApp: one app for both seats, built in one place by `make_app`.

The app declares the screens it shows (the start screen, the wall, the note-taker's screen,
help) and owns the live session (`tui/live.py`): every store failure becomes a toast, this
seat's actions sync straight after, and the other seat's commits reach every screen as one
`SessionChanged`. Screens reach the app through `SessionApp`, never through this module.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from focusgroup.store import SessionStore
from focusgroup.tui import clock as clocks
from focusgroup.tui.live import POLL_SECONDS, LiveSession
from focusgroup.tui.screens.help import HelpScreen
from focusgroup.tui.screens.note_taker import NoteTakerScreen
from focusgroup.tui.screens.start import StartScreen
from focusgroup.tui.screens.wall import WallScreen
from focusgroup.tui.session_app import SessionApp

STYLES = Path(__file__).parent / "styles"
COLLECT_SECONDS = 1.0
FULL_COLLECT_EVERY = 30
"""Garbage collection between events: the young generations each second, all every 30 s."""


class FocusGroupApp(SessionApp):
    """The facilitator's wall or the note-taker's screen, over one session file."""

    TITLE = "focusgroup"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "wall.tcss",
        STYLES / "agenda.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "start.tcss",
        STYLES / "note_taker.tcss",
    ]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        # Priority: undo means the session, even while typing in the quick-entry bar.
        Binding("ctrl+z", "undo", "Undo", priority=True, id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", priority=True, id="app.redo"),
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        store: SessionStore | None,
        role: str = "facilitator",
        *,
        clock: clocks.Clock = clocks.monotonic,
        today: clocks.Today = clocks.today,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__(role, clock=clock, today=today, poll_seconds=poll_seconds)
        if store is not None:
            self.live = LiveSession(self, store, owned=False)
        self._collect_on_exit = False
        self._collections = 0

    def get_default_screen(self) -> Screen[Any]:
        """The session's own screen at the bottom of the stack, not an empty default one.

        Textual repaints a screen left underneath and then the whole screen above it on every
        refresh: a full-screen update per action (about 30 ms at 500 cards) instead of the
        few lines that changed.
        """
        if self.live is None:
            return super().get_default_screen()
        return self.role_screen()

    def on_load(self) -> None:
        # Start-up makes a few hundred thousand long-lived objects; the collector walking
        # them again and again while they are made cost ~100 ms of opening a 500-card wall.
        # Once the first screen is painted they are frozen, and collection runs on a timer
        # between keypresses (see _collect_garbage) until the app closes.
        self._collect_on_exit = gc.isenabled()
        gc.disable()

    def on_mount(self) -> None:
        if self.live is None:
            self.push_screen(StartScreen())
        else:
            self._begin_session()
        self.call_after_refresh(self._freeze_startup_objects)

    def _freeze_startup_objects(self) -> None:
        """Move everything built at start-up out of the garbage collector's sight.

        The wall makes many long-lived objects; without this, periodic full collections
        walk them all and show up as 50-100 ms hitches in the middle of a keypress.
        (No collection first: that alone took 60 ms of start-up.)
        """
        gc.freeze()
        if self._collect_on_exit:
            self.set_interval(COLLECT_SECONDS, self._collect_garbage, name="garbage-collection")

    def _collect_garbage(self) -> None:
        """Collect on a timer instead of whenever allocations cross a threshold.

        Automatic collections fell in the middle of repaints (a keypress rebuilds the wall's
        read model): 1-3 ms for the young generations and ~10 ms for a full one, the
        difference between a p95 under 50 ms and over it. Here they run between events;
        a full collection every FULL_COLLECT_EVERY ticks keeps long-lived cycles in check.
        """
        self._collections += 1
        gc.collect(2 if self._collections % FULL_COLLECT_EVERY == 0 else 1)

    def _resume_collection(self) -> None:
        if self._collect_on_exit:
            self._collect_on_exit = False
            gc.enable()

    @on(StartScreen.SessionChosen)
    def open_session(self, message: StartScreen.SessionChosen) -> None:
        """Switch from the start screen to the session it opened or created."""
        if self.live is not None:
            self.live.close()
        self.live = LiveSession(self, message.store, owned=True)
        self._begin_session(switch=True)

    def _begin_session(self, switch: bool = False) -> None:
        live = self.live
        assert live is not None
        self.sub_title = live.store.session().title
        if switch:  # from the start screen; otherwise the role screen is the default screen
            self.switch_screen(self.role_screen())
        live.start(self.poll_seconds)

    def role_screen(self) -> Screen[Any]:
        if self.role == "note-taker":
            return NoteTakerScreen()
        return WallScreen()

    def on_unmount(self) -> None:
        self._resume_collection()  # automatic collection again, for whatever runs next
        if self.live is not None:
            self.live.close()

    # -- undo, redo, help -----------------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.has_store:
            return
        event = self.perform(self.store.undo)
        if event is not None:
            self.notify(f"Undone: {event.action}", markup=False, timeout=3)
        elif self.store.can_undo() is None:
            self.notify("Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        if not self.has_store:
            return
        event = self.perform(self.store.redo)
        if event is not None:
            self.notify(f"Redone: {event.action}", markup=False, timeout=3)
        elif self.store.can_redo() is None:
            self.notify("Nothing to redo.", timeout=2)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action with a description on the current screen, named with its key."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            node, action = active.node, binding.action
            shown = self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                f"key: {shown or key}",
                lambda node=node, action=action: self.call_later(self.run_action, action, node),
            )
        yield from super().get_system_commands(screen)


def make_app(
    store: SessionStore | None,
    role: str = "facilitator",
    *,
    clock: clocks.Clock = clocks.monotonic,
    today: clocks.Today = clocks.today,
    poll_seconds: float = POLL_SECONDS,
) -> FocusGroupApp:
    """Build the app the same way for the command line, the tests and the benchmark.

    `store=None` opens the start screen (session list and new-session form).
    """
    return FocusGroupApp(store, role, clock=clock, today=today, poll_seconds=poll_seconds)
