"""The career pathway map from the app: pick the area and pathway, write it with progress.

The snapshot is read on the UI thread; laying out and writing the PDF, SVG, Markdown and JSON
runs in a thread worker that reports progress with `call_from_thread` (as ExportDialog does).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import getters, on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ProgressBar, Select

from focusgroup.domain.errors import FocusGroupError
from focusgroup.export.map_model import Credentials
from focusgroup.export.snapshot import SessionSnapshot
from focusgroup.paths import exports_dir
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp

ALL = "__all__"


class MapDialog(Dialog[list[Path] | None]):
    """Write the career pathway map: one landscape page per pathway."""

    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="map.cancel"),
        Binding("ctrl+s", "start", "Write map", id="map.start"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.busy = False
        self.written: list[Path] | None = None

    def compose(self) -> Iterable[Widget]:
        from focusgroup.domain.pathway import pathways
        from focusgroup.regional.index import area_by_code

        store = self.app.store
        area = area_by_code(store.session().area) if store.session().area else None
        found = pathways(store.categories(), store.cards(), store.links(), store.levels())
        with Vertical(classes="dialog-box export-box"):
            yield Label("Career pathway map (PDF, SVG, Markdown, JSON)", classes="dialog-title")
            yield Label("Folder")
            yield Input(str(exports_dir(store.path)), id="map-folder")
            yield Label("Wages area: a state or metro (empty: national wages only)")
            yield Input(area.name if area else "", placeholder="e.g. Kansas City", id="map-area")
            yield Select(
                [("All pathways, one page each", ALL)] + [(p.name, p.name) for p in found],
                value=ALL,
                allow_blank=False,
                id="map-pathway",
            )
            yield ProgressBar(total=1, show_eta=False, id="map-progress")
            yield Label("", id="map-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Write map", variant="primary", id="map-go")
                yield Button("Close", id="map-close")
            yield Label("ctrl+s write · Esc close", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#map-go", Button).focus()

    @on(Button.Pressed, "#map-go")
    def action_start(self) -> None:
        if self.busy:
            return
        from focusgroup.export.credentials import inventory_credentials
        from focusgroup.export.snapshot import take_snapshot
        from focusgroup.regional.index import find_area

        area_text = self.query_one("#map-area", Input).value.strip()
        try:
            area = find_area(area_text).code if area_text else ""
            snap = take_snapshot(self.app.store, anonymous=True)
            credentials = inventory_credentials(self.app.store)  # read here, not in the worker
        except FocusGroupError as error:
            self._status(str(error))
            return
        choice = self.query_one("#map-pathway", Select).value
        pathway = None if choice == ALL else str(choice)
        self.busy = True
        self.query_one("#map-go", Button).disabled = True
        folder = Path(self.query_one("#map-folder", Input).value.strip()).expanduser()
        self._write(snap, folder, area, pathway, credentials)

    @work(thread=True, exclusive=True, group="export")
    def _write(
        self,
        snap: SessionSnapshot,
        folder: Path,
        area: str,
        pathway: str | None,
        credentials: Credentials | None,
    ) -> None:
        from focusgroup.export.map_export import export_map

        try:
            written = export_map(
                snap,
                folder,
                area_code=area,
                pathway=pathway,
                credentials=credentials,
                progress=self._progress,
            )
        except FocusGroupError as error:
            self.app.call_from_thread(self._finished, [], str(error))
            return
        except OSError as error:
            self.app.call_from_thread(self._finished, [], f"Can't write: {error}")
            return
        self.app.call_from_thread(self._finished, written, "")

    def _progress(self, done: int, total: int, what: str) -> None:
        self.app.call_from_thread(self._show_progress, done, total, what)

    def _show_progress(self, done: int, total: int, what: str) -> None:
        self.query_one("#map-progress", ProgressBar).update(total=max(1, total), progress=done)
        self._status(what)

    def _finished(self, written: list[Path], error: str) -> None:
        self.busy = False
        self.query_one("#map-go", Button).disabled = False
        if error:
            self._status(f"Stopped: {error}")
            self.notify(error, severity="error", markup=False)
            return
        folder = written[0].parent if written else ""
        self._status(f"Wrote {len(written)} files in {folder}")
        self.notify(f"Wrote the pathway map: {len(written)} files in {folder}", markup=False)
        self.written = written

    def _status(self, text: str) -> None:
        self.query_one("#map-status", Label).update(text)

    @on(Button.Pressed, "#map-close")
    def action_cancel(self) -> None:
        if self.busy:
            self.notify("Still writing; close when it is done.", timeout=2)
            return
        self.dismiss(self.written)
