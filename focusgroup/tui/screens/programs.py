"""ProgramsScreen: the education and training inventory, editable and undoable.

Every change goes through `app.perform` (one journalled action each), so Ctrl+Z undoes an
add, an edit or a delete here like on the wall, also after reopening. The table follows the
other seat: a step-8 answer saved by the note-taker appears as a new row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import getters, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Label, Static

from focusgroup.domain.programs import Program, missing_fields, parse_level, split_list
from focusgroup.tui.live import ActionFailed
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.key_footer import KeyFooter

COLUMNS = (
    "#",
    "Institution",
    "Program",
    "Credential",
    "Level",
    "Type",
    "Occupations",
    "To collect",
)

FIELDS: tuple[tuple[str, str, str], ...] = (
    # (Program field, label, placeholder)
    ("institution", "Institution", "e.g. Tri-County Community College"),
    ("program", "Program", "e.g. Manufacturing Technology"),
    ("credential", "Credential", "e.g. Machine Operations Skills Certificate"),
    ("level", "Level", "entry, mid or advanced"),
    ("length", "Length", "e.g. 16 weeks"),
    ("cost", "Cost", "e.g. $3,200"),
    ("prerequisites", "Prerequisites", "e.g. High school diploma"),
    ("placement_rate", "Placement", "e.g. 85%"),
    ("type", "Type", "credit, non-credit, apprenticeship, on-the-job ..."),
    ("linkages", "Linkages", "stackable to: X; articulation: Y"),
    ("occupations", "Occupations", "wall names or SOC codes, separated by ;"),
    ("competencies", "Competencies", "separated by ;"),
    ("completions", "Completions", "completions a year"),
)
LIST_INPUTS = frozenset({"linkages", "occupations", "competencies"})


def row_cells(program: Program) -> list[Text]:
    """DataTable cells as rich Text: str cells would be parsed as markup."""
    blanks = missing_fields(program)
    return [
        Text(str(program.id)),
        Text(program.institution),
        Text(program.program),
        Text(program.credential),
        Text(program.level),
        Text(program.type),
        Text("; ".join(program.occupations)),
        Text(", ".join(blanks) if blanks else "✓ complete", style="" if blanks else "bold"),
    ]


class ProgramDialog(Dialog[None]):
    """Add or edit one program; closes only when the store accepted it."""

    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="program.cancel"),
        Binding("ctrl+s", "save", "Save", priority=True, id="program.save"),
    ]

    def __init__(self, program: Program | None) -> None:
        super().__init__(classes="dialog")
        self.program = program

    def compose(self) -> Iterable[Widget]:
        p = self.program
        with Vertical(classes="dialog-box program-box"):
            yield Label("Edit program" if p else "Add program", classes="dialog-title")
            with VerticalScroll(classes="program-fields"):
                for name, label, placeholder in FIELDS:
                    value = getattr(p, name) if p else ""
                    text = "; ".join(value) if name in LIST_INPUTS else value
                    with Horizontal(classes="program-row"):
                        yield Label(label, classes="program-label")
                        yield Input(text, placeholder=placeholder, id=f"prog-{name}")
            yield Static(
                "Enter or ctrl+s saves · Esc cancels · "
                "blanks are fine: `programs check` lists them",
                classes="dialog-help",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="prog-save")
                yield Button("Cancel", id="prog-cancel")

    def on_mount(self) -> None:
        self.query_one("#prog-institution", Input).focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, _, _ in FIELDS:
            value = self.query_one(f"#prog-{name}", Input).value
            out[name] = split_list(value) if name in LIST_INPUTS else value
        level = parse_level(out["level"])
        # An unknown level goes to the store as typed, which refuses it with a clear message.
        out["level"] = out["level"] if level is None else level
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#prog-save")
    def action_save(self) -> None:
        store = self.app.store
        values = self.values()
        try:
            if self.program is None:
                institution, program = values.pop("institution"), values.pop("program")
                self.app.perform(store.add_program, institution, program, strict=True, **values)
            else:
                self.app.perform(store.update_program, self.program.id, strict=True, **values)
        except ActionFailed:
            return  # the toast says why; the form keeps what was typed
        self.dismiss(None)

    @on(Button.Pressed, "#prog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ProgramsScreen(Screen[None]):
    """The inventory as a table: a add, Enter/e edit, x delete, ctrl+z undo, Esc back."""

    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape,i", "back", "Back", id="programs.back"),
        Binding("a", "add", "Add program", id="programs.add"),
        Binding("e", "edit", "Edit", id="programs.edit"),
        Binding("x,delete", "delete", "Delete", id="programs.delete"),
    ]

    def compose(self) -> Iterable[Widget]:
        yield Static(id="programs-title")
        yield DataTable(id="programs-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self.reload()
        table.focus()

    def reload(self) -> None:
        programs = self.app.store.programs()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for program in programs:
            table.add_row(*row_cells(program), key=str(program.id))
        if programs:
            table.move_cursor(row=min(row, len(programs) - 1))
        complete = sum(1 for p in programs if not missing_fields(p))
        self.query_one("#programs-title", Static).update(
            Text.assemble(
                ("PROGRAMS ", "bold"),
                f"{len(programs)} in the inventory · {complete} complete · "
                "a add · Enter edit · x delete · ctrl+z undo · Esc back",
            )
        )

    @on(SessionChanged)
    def _changed(self, message: SessionChanged) -> None:
        if message.touches("programs"):
            self.reload()

    def _current(self) -> Program | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in self.app.store.programs() if str(p.id) == key), None)

    def action_add(self) -> None:
        self.app.push_screen(ProgramDialog(None))

    def action_edit(self) -> None:
        program = self._current()
        if program is not None:
            self.app.push_screen(ProgramDialog(program))

    def action_delete(self) -> None:
        program = self._current()
        if program is None:
            return
        try:
            self.app.perform(self.app.store.delete_program, program.id, strict=True)
        except ActionFailed:
            return
        self.notify(f"Deleted {program.label}. Ctrl+Z brings it back.", markup=False, timeout=4)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()
