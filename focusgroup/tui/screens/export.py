"""Export from the app: the summary (PDF, Markdown, JSON, CSV) and the job profiles, with progress.

The snapshot is read on the UI thread (the store's connection belongs to it); writing the
files runs in a thread worker, which reports progress back with `call_from_thread`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual import getters, on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar

from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.text import plural
from focusgroup.export.snapshot import SessionSnapshot
from focusgroup.paths import exports_dir, profiles_dir
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp

FORMATS = (("pdf", "PDF summary"), ("md", "Markdown"), ("json", "JSON"), ("csv", "CSV"))


class ExportDialog(Dialog[list[Path] | None]):
    """Choose what to write and where; writes it with a progress bar."""

    app = getters.app(SessionApp)

    # Folder, six choices, progress, status, buttons and help are taller than an 80x24
    # terminal's dialog: the box scrolls (Tab brings each control into view) instead of
    # cutting off the Export button, the status and the help line below its edge.
    DEFAULT_CSS = """
    ExportDialog .export-box { overflow-y: auto; }
    ExportDialog .dialog-buttons { height: auto; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="export.cancel"),
        Binding("ctrl+s", "start", "Export", id="export.start"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.busy = False

    def compose(self) -> Iterable[Widget]:
        store = self.app.store
        with Vertical(classes="dialog-box export-box"):
            yield Label("Export the summary and job profiles", classes="dialog-title")
            yield Label("Folder")
            yield Input(str(exports_dir(store.path)), id="export-folder")
            for key, label in FORMATS:
                yield Checkbox(label, True, id=f"export-{key}")
            yield Checkbox("Strawman job profiles (top occupations)", True, id="export-profiles")
            yield Checkbox(
                "Anonymous: name nobody", store.session().anonymous, id="export-anonymous"
            )
            yield ProgressBar(total=1, show_eta=False, id="export-progress")
            yield Label("", id="export-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Close", id="export-close")
            yield Label("ctrl+s export · Esc close", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#export-go", Button).focus()

    @on(Button.Pressed, "#export-go")
    def action_start(self) -> None:
        if self.busy:
            return
        formats = [k for k, _ in FORMATS if self.query_one(f"#export-{k}", Checkbox).value]
        profiles = self.query_one("#export-profiles", Checkbox).value
        if not formats and not profiles:
            self._status("Choose at least one thing to export.")
            return
        from focusgroup.export.snapshot import take_snapshot

        typed = self.query_one("#export-folder", Input).value.strip()
        if not typed:  # Path("") is the folder the app was started in: never a silent choice
            self._status("Type the folder to export to.")
            self.query_one("#export-folder", Input).focus()
            return
        anonymous = self.query_one("#export-anonymous", Checkbox).value
        try:
            snap = take_snapshot(self.app.store, anonymous=anonymous)
        except FocusGroupError as error:
            self._status(str(error))
            return
        self.busy = True
        self.query_one("#export-go", Button).disabled = True
        # Absolute, so the status names the folder the files really went to.
        folder = Path(typed).expanduser().absolute()
        self._write(snap, folder, formats, profiles)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(
        self, snap: SessionSnapshot, folder: Path, formats: list[str], profiles: bool
    ) -> None:
        from focusgroup.export.exporter import (
            ExportIncomplete,
            export_profiles,
            export_session,
            prepare_out_dir,
        )
        from focusgroup.export.exporter import reason as failure_reason

        written: list[Path] = []
        problems: list[str] = []
        try:  # a folder that can't be written stops both, with one message instead of two
            prepare_out_dir(folder)
        except FocusGroupError as error:
            self.app.call_from_thread(self._finished, written, str(error))
            return
        # The summary and the profiles are written independently: one failing (or any
        # file inside either) never stops the rest, and the meeting stays open.
        jobs: list[tuple[bool, Callable[[], list[Path]]]] = [
            (
                bool(formats),
                partial(export_session, snap, folder, formats, progress=self._progress),
            ),
            (
                profiles,
                partial(export_profiles, snap, profiles_dir(folder), progress=self._progress),
            ),
        ]
        for wanted, export in jobs:
            if not wanted:
                continue
            try:
                written += export()
            except ExportIncomplete as incomplete:
                written += incomplete.written
                problems.append(str(incomplete))
            except Exception as error:  # never a crash: say what failed, keep the rest
                problems.append(failure_reason(error))
        self.app.call_from_thread(self._finished, written, " ".join(problems))

    def _progress(self, done: int, total: int, what: str) -> None:
        self.app.call_from_thread(self._show_progress, done, total, what)

    def _show_progress(self, done: int, total: int, what: str) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=max(1, total), progress=done)
        self._status(what)

    def _finished(self, written: list[Path], error: str) -> None:
        self.busy = False
        self.query_one("#export-go", Button).disabled = False
        self.written = written
        if error:
            done = f"Wrote {len(written)} files. " if written else ""
            self._status(f"{done}Not written: {error}")
            self.notify(error, severity="error", markup=False, timeout=10)
            return
        folder = written[0].parent if written else ""
        self._status(f"Wrote {plural(len(written), 'file')} in {folder}")
        self.notify(f"Exported {plural(len(written), 'file')} to {folder}", markup=False)
        self.written = written

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Label).update(text)

    @on(Button.Pressed, "#export-close")
    def action_cancel(self) -> None:
        if self.busy:
            self.notify("Still writing; close when it is done.", timeout=2)
            return
        self.dismiss(getattr(self, "written", None))
