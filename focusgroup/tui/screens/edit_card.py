"""Edit a card: its text as the employer wrote it, and who wrote it (`e` on the wall).

Nothing closes until the store took the change, so a refused edit keeps what was typed; the
change is one undoable action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label

from focusgroup.domain.model import Participant
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.widgets.quick_entry import WhoSuggester, match_participants

Submit = Callable[[str, int | None], bool]
"""(text, participant id or None) -> True when the store accepted it."""


class EditCardDialog(Dialog[bool]):
    """Two fields: the card's text and its author (empty: nobody in particular)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit-card.cancel")]
    HELP = "Enter saves · Tab moves between the fields · empty author: nobody · Esc cancels"

    def __init__(
        self, text: str, author: Participant | None, people: Sequence[Participant], submit: Submit
    ) -> None:
        super().__init__(classes="dialog")
        self.text = text
        self.author = author
        self.people = list(people)
        self.submit = submit
        self.suggester = WhoSuggester()
        self.suggester.people = self.people

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog-box"):
            yield Label("Edit the card", classes="dialog-title")
            yield Label("Text, as the employer wrote it", classes="dialog-field")
            yield Input(self.text, id="edit-card-text")
            yield Label("Written by", classes="dialog-field")
            yield Input(
                self.author.label if self.author else "",
                placeholder="a few letters of the employer; empty for nobody",
                suggester=self.suggester,
                id="edit-card-who",
            )
            yield Label("", id="edit-card-problem", markup=False)
            yield Label(self.HELP, classes="dialog-help", markup=False)

    def author_id(self) -> tuple[bool, int | None]:
        """(understood, participant id): the author field must name one person, or nobody."""
        typed = self.query_one("#edit-card-who", Input).value.strip()
        if not typed:
            return True, None
        if self.author is not None and typed == self.author.label:
            return True, self.author.id
        found = match_participants(typed, self.people)
        if len(found) == 1:
            return True, found[0].id
        problem = self.query_one("#edit-card-problem", Label)
        if not found:
            problem.update(
                f"Nobody called “{typed}” is in the session: add them first (F2 People)."
            )
        else:
            names = ", ".join(p.label for p in found[:4])
            problem.update(f"Several people match: {names}. Type a few more letters.")
        return False, None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        understood, who = self.author_id()
        if not understood:
            self.query_one("#edit-card-who", Input).focus()
            return
        if self.submit(self.query_one("#edit-card-text", Input).value, who):
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
