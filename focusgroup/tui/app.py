"""FocusGroupApp: one app for both seats, built in one place by `make_app`.

The app owns the session store, turns every store failure into a toast, and runs live sync:
it polls `PRAGMA data_version` and posts one `SessionChanged` to every screen when the other
seat commits. This seat's own actions go through `perform`, which syncs straight after.
"""

from __future__ import annotations

import gc
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
COLLECT_SECONDS = 1.0
FULL_COLLECT_EVERY = 30
"""Garbage collection between events: the young generations each second, all every 30 s."""
BACKUP_CHECK_SECONDS = 60.0
BACKUP_EVERY_SECONDS = 180.0
"""A rolling backup at most three minutes old, whenever work was done since the last one."""


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
        self._collect_on_exit = False
        self._collections = 0

    # -- the store --------------------------------------------------------------------------

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            raise RuntimeError("no session is open")
        return self._store

    @property
    def has_store(self) -> bool:
        return self._store is not None

    def get_default_screen(self) -> Screen[Any]:
        """The session's own screen at the bottom of the stack, not an empty default one.

        Textual repaints a screen left underneath and then the whole screen above it on every
        refresh: a full-screen update per action (about 30 ms at 500 cards) instead of the
        few lines that changed.
        """
        if self._store is None:
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
        if self._store is None:
            from focusgroup.tui.screens.start import StartScreen

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
        if switch:  # from the start screen; otherwise the role screen is the default screen
            self.switch_screen(self.role_screen())
        self.set_interval(self.poll_seconds, self.poll_changes, name="session-sync")
        self.backup_now(every=0)
        self.set_interval(BACKUP_CHECK_SECONDS, self.backup_now, name="session-backup")

    def backup_now(self, every: float = BACKUP_EVERY_SECONDS) -> None:
        """Take a rolling backup if one is due; a failure is shown, never fatal."""
        from focusgroup.store.backups import backup_if_due

        if self._store is None:
            return
        try:
            backup_if_due(self._store, every=every)
        except (OSError, sqlite3.Error) as error:
            self.notify(f"Couldn't write a backup: {error}", severity="warning", markup=False)

    def role_screen(self) -> Screen[Any]:
        from focusgroup.tui.screens.wall import WallScreen

        if self.role == "note-taker":
            if importlib.util.find_spec("focusgroup.tui.screens.note_taker") is not None:
                from focusgroup.tui.screens.note_taker import NoteTakerScreen

                return NoteTakerScreen()
            self.notify("The note-taker screen isn't available yet; showing the wall.")
        return WallScreen()

    def on_unmount(self) -> None:
        self._resume_collection()  # automatic collection again, for whatever runs next
        if self._store is not None and self._owns_store:
            self._store.close()

    # -- live sync ----------------------------------------------------------------------------

    def poll_changes(self) -> None:
        """Cheap check for the other seat's commits; reads the log only when it moved."""
        if self._store is None:
            return
        self.guard_live_file()
        try:
            version = self._store.data_version()
        except sqlite3.Error as error:
            self.notify(f"Can't read the session file: {error}", severity="error", markup=False)
            return
        if version != self._data_version:
            self._data_version = version
            self.sync_now()

    def guard_live_file(self) -> None:
        """Notice a session file deleted or replaced under us, before work goes to nowhere.

        SQLite keeps writing to a deleted file's inode. If the file is gone, write it back
        from the open connection (which still has everything) and carry on with that copy.
        """
        from focusgroup.store.backups import live_file_replaced

        store = self._store
        if store is None or not live_file_replaced(store):
            return
        path = store.path
        if path.exists():
            if not getattr(self, "_warned_replaced", False):
                self._warned_replaced = True
                self.notify(
                    f"{path} was replaced by another program. Quit (ctrl+q) and open it "
                    "again to see what it holds now; changes made here go to the old copy.",
                    severity="error",
                    markup=False,
                    timeout=30,
                )
            return
        try:
            store.backup_to(path)
            rescued = SessionStore.open(path, actor=store.actor)
        except (OSError, sqlite3.Error, FocusGroupError) as error:
            self.notify(
                f"The session file was deleted and can't be written back: {error}. "
                "Restore it with: focusgroup restore",
                severity="error",
                markup=False,
            )
            return
        store.close()
        self._store, self._owns_store = rescued, True
        self.notify(
            f"{path.name} was deleted while open; focusgroup wrote it back from what is on "
            "screen. Nothing was lost.",
            severity="warning",
            markup=False,
            timeout=15,
        )

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
