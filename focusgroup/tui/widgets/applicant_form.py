"""The note-taker's step-8 form: where an employer finds qualified applicants.

The guide's step 8 asks: do they recruit from specific local programs, and have favourites; do
they hire from out of state, at what rate; do they advance from within. One answer per save:
employer, program and institution, the occupation it feeds, favourite, the share hired from
out of state and promotion from within. A named program seeds the inventory (the store does
that in the same action, so one ctrl+z takes both back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from focusgroup.domain.model import Participant
from focusgroup.domain.programs import Referral
from focusgroup.tui.widgets.note_forms import NOBODY, NoteTakerForm, choose, options, set_choices

WITHIN_CHOICES = (("Yes", "yes"), ("Some", "some"), ("No", "no"))


@dataclass(frozen=True)
class ApplicantValues:
    participant_id: int | None
    program: str
    institution: str
    occupation: str
    favourite: bool
    out_of_state: str
    promotes_within: str
    note: str


class ApplicantForm(NoteTakerForm):
    kind = "applicants"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._suggested: str | None = None
        """The wall card last filled in as the occupation (replaced when the wall moves)."""

    def compose(self) -> ComposeResult:
        yield Label("Where they find qualified applicants (step 8)", classes="nt-form-title")
        yield Static("", id="nt-app-count", classes="nt-target", markup=False)
        with Horizontal(classes="nt-row"):
            yield Label("Employer", classes="nt-label")
            yield Select([], prompt="Who said it", id="nt-app-employer")
        # Two fields a row, so the whole answer fits above the log at 40 rows.
        with Horizontal(classes="nt-row"):
            yield Label("Program", classes="nt-label")
            yield Input(placeholder="Local program they recruit from", id="nt-app-program")
            yield Label("At", classes="nt-label nt-label-short")
            yield Input(placeholder="Institution", id="nt-app-institution")
        with Horizontal(classes="nt-row"):
            yield Label("Feeds", classes="nt-label")
            yield Input(placeholder="Occupation it feeds (the wall's name)", id="nt-app-occupation")
            yield Checkbox("Favourite", id="nt-app-favourite")
        with Horizontal(classes="nt-row"):
            yield Label("Out st.", classes="nt-label")
            yield Input(placeholder="Share hired from out of state, e.g. 20%", id="nt-app-out")
            yield Label("Within", classes="nt-label nt-label-short")
            yield Select(options(WITHIN_CHOICES), prompt="Promote from within?", id="nt-app-within")
        yield Input(placeholder="Note: word of mouth, own training ...", id="nt-app-note")
        with Horizontal(classes="nt-buttons"):
            yield Button("Add", classes="nt-save", variant="primary")
            yield Button("Cancel edit", classes="nt-cancel-edit")

    def focus_first(self) -> None:
        self.query_one("#nt-app-employer", Select).focus()

    def set_speakers(self, participants: Sequence[Participant]) -> None:
        pairs = [("Unattributed", NOBODY), *((p.label, p.id) for p in participants)]
        set_choices(self.query_one("#nt-app-employer", Select), pairs)

    def show_count(self, answers: int) -> None:
        self.query_one("#nt-app-count", Static).update(
            f"{answers} answer{'s' if answers != 1 else ''} so far · "
            "a program named here is added to the inventory"
        )

    def suggest_occupation(self, text: str) -> None:
        """The highlighted wall card, as the occupation, unless one was typed already."""
        field = self.query_one("#nt-app-occupation", Input)
        if not field.value.strip() or field.value == self._suggested:
            field.value = text
            self._suggested = text

    @on(Input.Submitted, "#nt-app-note")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.request_save()

    def values(self) -> ApplicantValues:
        employer = self.query_one("#nt-app-employer", Select).value
        within = self.query_one("#nt-app-within", Select).value
        return ApplicantValues(
            participant_id=employer if isinstance(employer, int) and employer != NOBODY else None,
            program=self.query_one("#nt-app-program", Input).value,
            institution=self.query_one("#nt-app-institution", Input).value,
            occupation=self.query_one("#nt-app-occupation", Input).value,
            favourite=self.query_one("#nt-app-favourite", Checkbox).value,
            out_of_state=self.query_one("#nt-app-out", Input).value,
            promotes_within=within if isinstance(within, str) else "",
            note=self.query_one("#nt-app-note", Input).value,
        )

    def load(self, answer: Referral) -> None:
        choose(self.query_one("#nt-app-employer", Select), answer.participant_id or NOBODY)
        for selector, value in (
            ("#nt-app-program", answer.program),
            ("#nt-app-institution", answer.institution),
            ("#nt-app-occupation", answer.occupation),
            ("#nt-app-out", answer.out_of_state),
            ("#nt-app-note", answer.note),
        ):
            self.query_one(selector, Input).value = value
        self.query_one("#nt-app-favourite", Checkbox).value = answer.favourite
        choose(self.query_one("#nt-app-within", Select), answer.promotes_within)
        self.set_editing(answer.id)

    def clear(self) -> None:
        # The employer goes back to unattributed, shown in the form, as the note and
        # competency forms' speaker does: kept, the next employer's answer was silently
        # credited to the last one.
        choose(self.query_one("#nt-app-employer", Select), NOBODY)
        for selector in (
            "#nt-app-program",
            "#nt-app-institution",
            "#nt-app-occupation",
            "#nt-app-out",
            "#nt-app-note",
        ):
            self.query_one(selector, Input).value = ""
        self._suggested = None
        self.query_one("#nt-app-favourite", Checkbox).value = False
        self.query_one("#nt-app-within", Select).clear()
        super().clear()
