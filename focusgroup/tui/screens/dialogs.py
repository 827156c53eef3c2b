"""Small modal dialogs. A dialog closes only when its action succeeded, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A screen over the wall with its own footer: the wall's keys, visible behind it, do
    nothing while it is open, so its footer shows the keys that do."""

    def on_mount(self) -> None:
        self.mount(Footer())


class PromptDialog(Dialog[str | None]):
    """Ask for one line of text; `submit(value)` returns True when it was accepted."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self,
        title: str,
        value: str,
        submit: Callable[[str], bool],
        *,
        placeholder: str = "",
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.submit = submit
        self.placeholder = placeholder

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, markup=False, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label("Enter to save · Esc to cancel", classes="dialog-help")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.submit(event.value):
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
