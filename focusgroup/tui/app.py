"""FocusGroupApp: one app for both seats, built in one place by `make_app`.

The app owns the session store, turns every store failure into a toast, and runs live sync:
it polls `PRAGMA data_version` and posts one `SessionChanged` to every screen when the other
seat commits. This seat's own actions go through `perform`, which syncs straight after.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from focusgroup.domain.errors import FocusGroupError, SessionFileError
from focusgroup.store import SessionStore
from focusgroup.tui import clock as clocks
from focusgroup.tui.messages import SessionChanged

T = TypeVar("T")

STYLES = Path(__file__).parent / "styles"
POLL_SECONDS = 0.25
"""How often to look for the other seat's changes (each look costs microseconds)."""


class ActionFailed(Exception):
    """Raised by `perform(..., strict=True)` after the failure was shown to the user."""


class FocusGroupApp(App[None]):
    """The facilitator's wall or the note-taker's screen, over one session file."""

    TITLE = "focusgroup"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "wall.tcss",
        STYLES / "agenda.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "start.tcss",
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
        super().__init__()
        self._store = store
        self.role = role
        self.clock = clock
        """Monotonic seconds for the step timer; fixed in snapshot tests."""
        self.today = today
        self.poll_seconds = poll_seconds
        self.last_seen = 0
        """The last event this seat has shown; everything after it is news."""
        self._data_version = -1
        self._owns_store = False
        """True for a store this app opened itself (from the start screen), so it closes it."""

    # -- the store --------------------------------------------------------------------------

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            raise RuntimeError("no session is open")
        return self._store

    @property
    def has_store(self) -> bool:
        return self._store is not None

    def on_mount(self) -> None:
        if self._store is None:
            from focusgroup.tui.screens.start import StartScreen

            self.push_screen(StartScreen())
        else:
            self._begin_session()

    def open_session(self, store: SessionStore) -> None:
        """Switch from the start screen to a session (used by the start screen)."""
        if self._store is not None and self._owns_store:
            self._store.close()
        self._store, self._owns_store = store, True
        self._begin_session(switch=True)

    def _begin_session(self, switch: bool = False) -> None:
        store = self.store
        self.last_seen = store.last_event_id()
        self._data_version = store.data_version()
        self.sub_title = store.session().title
        screen = self.role_screen()
        if switch:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self.set_interval(self.poll_seconds, self.poll_changes, name="session-sync")

    def role_screen(self) -> Screen[Any]:
        from focusgroup.tui.screens.wall import WallScreen

        if self.role == "note-taker":
            if importlib.util.find_spec("focusgroup.tui.screens.note_taker") is not None:
                from focusgroup.tui.screens.note_taker import NoteTakerScreen

                return NoteTakerScreen()
            self.notify("The note-taker screen isn't available yet; showing the wall.")
        return WallScreen()

    def on_unmount(self) -> None:
        if self._store is not None and self._owns_store:
            self._store.close()

    # -- live sync ----------------------------------------------------------------------------

    def poll_changes(self) -> None:
        """Cheap check for the other seat's commits; reads the log only when it moved."""
        if self._store is None:
            return
        try:
            version = self._store.data_version()
        except sqlite3.Error as error:
            self.notify(f"Can't read the session file: {error}", severity="error", markup=False)
            return
        if version != self._data_version:
            self._data_version = version
            self.sync_now()

    def sync_now(self) -> None:
        """Read every event after `last_seen` and tell every screen about them."""
        if self._store is None:
            return
        try:
            events = tuple(self._store.events_since(self.last_seen))
        except (sqlite3.Error, FocusGroupError) as error:
            self.notify(f"Can't read changes: {error}", severity="error", markup=False)
            return
        if not events:
            return
        self.last_seen = events[-1].id
        for screen in self.screen_stack:
            screen.post_message(SessionChanged(events))

    # -- actions through the store ------------------------------------------------------------

    def perform(self, fn: Callable[..., T], *args: Any, strict: bool = False, **kwargs: Any) -> T:
        """Run one store action on the UI thread (sub-millisecond), then sync.

        Failures become a toast, never a traceback. Returns the action's result, or None when it
        failed (or raises `ActionFailed` with `strict=True`, for callers that must not go on).
        """
        try:
            result = fn(*args, **kwargs)
        except FocusGroupError as error:
            severity = "error" if isinstance(error, SessionFileError) else "warning"
            self.notify(str(error), severity=severity, markup=False)
            if strict:
                raise ActionFailed(str(error)) from error
            return None  # type: ignore[return-value]
        except sqlite3.Error as error:
            self.notify(f"Could not save: {error}", severity="error", markup=False, timeout=10)
            if strict:
                raise ActionFailed(str(error)) from error
            return None  # type: ignore[return-value]
        finally:
            self.sync_now()
        return result

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
        from focusgroup.tui.screens.help import HelpScreen

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
