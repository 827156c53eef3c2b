"""StartScreen: `focusgroup` with no arguments. Recent sessions, and a form for a new one.

A file that can't be read is listed with the reason instead of crashing the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import getters, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from focusgroup import paths
from focusgroup.domain.errors import FocusGroupError, ProtocolError
from focusgroup.domain.fields import date_problem, follow_up_problem
from focusgroup.domain.sectors import SECTORS, choose_categories
from focusgroup.domain.text import shorten, slug
from focusgroup.store import SessionStore
from focusgroup.store.catalog import scan_sessions
from focusgroup.tui.messages import SessionOpened
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.key_footer import KeyFooter
from focusgroup.tui.widgets.one_line_input import OneLineInput


def new_session_path(folder: Path, title: str, date: str) -> Path:
    stem = "-".join(p for p in (date, slug(title, "session", limit=40)) if p)
    path = folder / f"{stem}.db"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.db"
        n += 1
    return path


class StartScreen(Screen[None]):
    """Opens or creates a session file and hands it to the app as `SessionOpened`."""

    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("n", "new", "New session", id="start.new"),
        Binding("f5", "reload", "Refresh list", id="start.reload"),
    ]

    def compose(self) -> Iterable[Widget]:
        yield Static("focusgroup · employer focus groups for career pathways", id="start-title")
        with Horizontal(id="start-body"):
            with Vertical(id="start-sessions"):
                yield Label("SESSIONS (Enter opens)", classes="start-heading")
                yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="start-form"):
                yield Label("NEW SESSION", classes="start-heading")
                yield OneLineInput(
                    placeholder="Title, e.g. Advanced manufacturing, Lake County", id="new-title"
                )
                yield Select([], prompt="Protocol", allow_blank=True, id="new-protocol")
                yield Select(
                    [(sector.label, sector.key) for sector in SECTORS],
                    prompt="Sector (its usual categories)",
                    allow_blank=True,
                    id="new-sector",
                )
                yield OneLineInput(
                    placeholder="Categories: blank for the sector's; A, B, C; or none",
                    id="new-categories",
                )
                # Region and the wages area share a row: the form stays as tall as it was.
                with Horizontal(id="new-place"):
                    yield OneLineInput(placeholder="Region", id="new-region")
                    area = OneLineInput(placeholder="Wages area", id="new-area")
                    area.tooltip = "A state or metro area for the pathway map's wages, e.g. Fargo"
                    yield area
                yield OneLineInput(self.app.today(), placeholder="Date (YYYY-MM-DD)", id="new-date")
                yield OneLineInput(placeholder="Facilitator", id="new-facilitator")
                yield OneLineInput(
                    placeholder="Follow-up link (survey or summary page)", id="new-link"
                )
                yield Button("Start session", variant="primary", id="new-start")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("Title", "Date", "People", "Cards", "File"):
            table.add_column(name, key=name)
        self.load_protocols()
        self.action_reload()
        table.focus() if table.row_count else self.query_one("#new-title", Input).focus()

    def load_protocols(self) -> None:
        select = self.query_one("#new-protocol", Select)
        try:
            from focusgroup.protocol_files import list_protocols

            problems: list[ProtocolError] = []
            found = list_protocols(problems)
        except (ImportError, FocusGroupError) as error:
            self.notify(f"Can't list protocols: {error}", severity="error", markup=False)
            return
        for problem in problems:
            self.notify(str(problem), severity="warning", markup=False)
        self.protocols = {str(path): protocol for protocol, path in found}
        # A user's protocol title is text, not markup.
        select.set_options([(Content(p.title), key) for key, p in self.protocols.items()])
        if found:
            select.value = next(
                (k for k, p in self.protocols.items() if p.id == "critical-occupations"),
                next(iter(self.protocols)),
            )

    def action_reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.entries = scan_sessions(paths.sessions_dir())
        for entry in self.entries:
            if entry.error:
                reason = entry.error.replace(str(entry.path), entry.path.name)
                cells = [
                    Text("⚠ can't be opened", style="bold red"),
                    Text(""),
                    Text(""),
                    Text(""),
                    Text(shorten(reason, 71), style="red"),
                ]
            else:
                cells = [
                    Text(entry.title),
                    Text(entry.shown_date),
                    Text(str(entry.participants), justify="right"),
                    Text(str(entry.cards), justify="right"),
                    Text(entry.path.name, style="dim"),
                ]
            table.add_row(*cells, key=str(entry.path))
        if not self.entries:
            self.query_one("#start-sessions Label", Label).update(
                Content(f"SESSIONS: none yet in {paths.sessions_dir()}")
            )

    def action_new(self) -> None:
        self.query_one("#new-title", Input).focus()

    @on(DataTable.RowSelected)
    def open_selected(self, event: DataTable.RowSelected) -> None:
        entry = next((e for e in self.entries if str(e.path) == event.row_key.value), None)
        if entry is None:
            return
        if entry.error:
            self.notify(entry.error, severity="error", markup=False)
            return
        self.open_path(entry.path)

    def open_path(self, path: Path) -> None:
        try:
            store = SessionStore.open(path, actor=self.app.role)
        except FocusGroupError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.post_message(SessionOpened(store))

    @on(Input.Submitted, "#start-form Input")
    @on(Button.Pressed, "#new-start")
    def start_new(self) -> None:
        def value(name: str) -> str:
            return self.query_one(f"#new-{name}", Input).value.strip()

        title = self.query_one("#new-title", Input).value
        protocol_key = self.query_one("#new-protocol", Select).value
        protocol = getattr(self, "protocols", {}).get(protocol_key)
        if not title.strip():
            self.notify("Give the session a title.", severity="warning")
            self.query_one("#new-title", Input).focus()
            return
        if protocol is None:
            self.notify("Choose a protocol.", severity="warning")
            return
        # The CLI's --date and --follow-up and the store check with these same rules.
        for field, problem in (
            ("date", date_problem(value("date"))),
            ("link", follow_up_problem(value("link"))),
        ):
            if problem:
                self.notify(
                    problem[:1].upper() + problem[1:] + ".", severity="warning", markup=False
                )
                self.query_one(f"#new-{field}", Input).focus()
                return
        area = ""
        if value("area"):
            from focusgroup.regional.index import find_area

            try:
                area = find_area(value("area")).code
            except FocusGroupError as error:
                self.notify(str(error), severity="warning", markup=False, timeout=8)
                self.query_one("#new-area", Input).focus()
                return
        folder = paths.sessions_dir()
        path = new_session_path(folder, title, value("date"))
        chosen = self.query_one("#new-sector", Select).value
        sector = chosen if isinstance(chosen, str) else ""
        typed = self.query_one("#new-categories", Input).value
        seeds, _ = choose_categories(protocol.categories, sector, typed if typed.strip() else None)
        try:
            store = SessionStore.create(
                path,
                protocol,
                title=title,
                actor=self.app.role,
                categories=seeds,
                sector=sector,
                region=value("region"),
                date=value("date"),
                facilitator=value("facilitator"),
                follow_up_url=value("link"),
                area=area,
            )
        except (FocusGroupError, OSError) as error:
            self.notify(f"Could not create the session: {error}", severity="error", markup=False)
            return
        self.notify(f"Created {path.name}.", markup=False, timeout=3)
        self.post_message(SessionOpened(store))
