"""ParticipantsScreen: who is in the room, and who has turned in their two cards."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import getters, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Select, Static

from focusgroup.domain.model import CARDS_PER_EMPLOYER, Participant, Role
from focusgroup.domain.wall import cards_turned_in
from focusgroup.tui.live import ActionFailed
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.key_footer import KeyFooter
from focusgroup.tui.widgets.one_line_input import OneLineInput

COLUMNS = ("Name", "Here", "Organization", "Role", "E-mail", "Summary", "Cards")


def presence_cell(person: Participant, present: set[int], wrote: set[int]) -> Text:
    """✓ for someone in the room: marked present, or they turned in a card (which says so)."""
    if person.id in wrote:
        return Text("✓ card")
    if person.id in present:
        return Text("✓")
    return Text("—", style="dim")


def row_cells(
    person: Participant,
    turned_in: dict[int, int],
    present: set[int] | None = None,
    wrote: set[int] | None = None,
) -> list[Text]:
    """DataTable cells as rich Text: str cells would be parsed as markup."""
    if person.id in turned_in:
        n = turned_in[person.id]
        done = n >= CARDS_PER_EMPLOYER
        cards = Text(
            f"{'✓' if done else '✗'} {n}/{CARDS_PER_EMPLOYER}", style="" if done else "bold"
        )
    else:
        cards = Text("—", style="dim")
    return [
        Text(person.name),
        presence_cell(person, present or set(), wrote or set()),
        Text(person.organization),
        Text(person.role),
        Text(person.email),
        Text("yes" if person.consent else "no"),
        cards,
    ]


class ParticipantDialog(Dialog[None]):
    """Add or edit one participant; closes only when the store accepted it."""

    app = getters.app(SessionApp)

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="person.cancel")]

    def __init__(self, person: Participant | None) -> None:
        super().__init__(classes="dialog")
        self.person = person

    def compose(self) -> Iterable[Widget]:
        p = self.person
        with Vertical(classes="dialog-box"):
            yield Label("Edit participant" if p else "Add participant", classes="dialog-title")
            yield OneLineInput(p.name if p else "", placeholder="Name", id="p-name")
            yield OneLineInput(p.organization if p else "", placeholder="Organization", id="p-org")
            yield Select(
                [(r.value, r.value) for r in Role],
                value=p.role if p else Role.EMPLOYER.value,
                allow_blank=False,
                id="p-role",
            )
            yield Input(p.email if p else "", placeholder="E-mail (for the summary)", id="p-email")
            yield Checkbox(
                "Agrees to receive the summary by e-mail", p.consent if p else False, id="p-consent"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="p-save")
                yield Button("Cancel", id="p-cancel")

    def on_mount(self) -> None:
        self.query_one("#p-name", Input).focus()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.query_one("#p-name", Input).value,
            "organization": self.query_one("#p-org", Input).value,
            "role": str(self.query_one("#p-role", Select).value),
            "email": self.query_one("#p-email", Input).value.strip(),
            "consent": self.query_one("#p-consent", Checkbox).value,
        }

    @on(Input.Submitted)
    @on(Button.Pressed, "#p-save")
    def save(self) -> None:
        store = self.app.store
        values = self.values()
        try:
            if self.person is None:
                self.app.perform(store.add_participant, strict=True, **values)
            else:
                self.app.perform(store.update_participant, self.person.id, strict=True, **values)
        except ActionFailed:
            return  # the toast says why; the form keeps what was typed
        self.dismiss(None)

    @on(Button.Pressed, "#p-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ParticipantsScreen(Screen[None]):
    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape,f2", "back", "Back to wall", id="people.back"),
        Binding("a", "add", "Add", id="people.add"),
        Binding("e", "edit", "Edit", id="people.edit"),
        Binding("space", "toggle_present", "Present", id="people.present"),
    ]
    HELP = "a add · Enter edit · space present/absent · Esc back"

    def compose(self) -> Iterable[Widget]:
        yield Static(id="people-title")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self.reload()
        table.focus()

    def reload(self) -> None:
        store = self.app.store
        people = store.participants()
        cards = store.cards()
        turned_in = cards_turned_in(people, cards)
        present = {p.id for p in store.attendees()}
        wrote = {m.participant_id for c in cards for m in c.all_cards if m.participant_id}
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for person in people:
            table.add_row(*row_cells(person, turned_in, present, wrote), key=str(person.id))
        if people:
            table.move_cursor(row=min(row, len(people) - 1))
        missing = sum(1 for n in turned_in.values() if n < CARDS_PER_EMPLOYER)
        self.query_one("#people-title", Static).update(
            Text.assemble(
                ("PARTICIPANTS ", "bold"),
                f"{len(people)} registered · {len(present)} present · "
                f"{missing} still to hand in two cards · {self.HELP}",
            )
        )

    @on(SessionChanged)
    def _changed(self, message: SessionChanged) -> None:
        if message.touches("participants", "cards"):
            self.reload()

    def _current(self) -> Participant | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in self.app.store.participants() if str(p.id) == key), None)

    def action_add(self) -> None:
        self.app.push_screen(ParticipantDialog(None))

    def action_edit(self) -> None:
        person = self._current()
        if person is not None:
            self.app.push_screen(ParticipantDialog(person))

    def action_toggle_present(self) -> None:
        """Mark the highlighted person present or absent (someone with a card stays present)."""
        person = self._current()
        if person is None:
            return
        present = person.id in {p.id for p in self.app.store.attendees()}
        self.app.perform(self.app.store.set_attended, person.id, not present)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()
