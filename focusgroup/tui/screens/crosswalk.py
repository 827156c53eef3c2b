"""Crosswalk a card in the room: SOC/O*NET suggestions for its wording, one key to accept.

Searching runs in a thread worker (the index is SQLite, safe from threads) so typing stays
smooth. Accepting stores the codes on the card (or merged stack) as one undoable action.
A job zone far from the level employers gave is flagged for discussion, never corrected.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from focusgroup.crosswalk.search import Match
from focusgroup.crosswalk.suggest import Suggestions
from focusgroup.domain.model import Card
from focusgroup.tui.screens.dialogs import Dialog


def match_label(match: Match, level: str) -> Text:
    """One suggestion: code, title, job zone, why it matched, and any level disagreement."""
    from focusgroup.crosswalk.zones import level_disagreement

    label = Text()
    label.append(f"{match.onet_code}  ", style="bold")
    label.append(match.title)
    if match.soc_title and match.soc_title != match.title:
        label.append(f"  (SOC {match.soc_code} {match.soc_title})", style="dim")
    if match.job_zone:
        label.append(f"  · job zone {match.job_zone}", style="dim")
    label.append(f"\n   {match.why}", style="italic dim")
    flag = level_disagreement(match.job_zone, level)
    if flag:
        label.append(f"\n   \u26a0 {flag}", style="bold")
    return label


def verdict(suggestions: Suggestions | None) -> str:
    """What `crosswalk --accept-top` would do with the first suggestion, said for the room."""
    if suggestions is None or not suggestions.matches:
        return ""
    if suggestions.confident:
        sure = "Sure of the first suggestion (crosswalk --accept-top would store it)."
        note = suggestions.note
        return f"{sure} {note[:1].upper()}{note[1:]}." if note else sure
    if "ask the room" in suggestions.reason:
        return f"Not sure: {suggestions.reason}."
    return f"Not sure: {suggestions.reason}. Ask the room before choosing."


class CrosswalkDialog(Dialog[Match | None]):
    """Suggestions for one card; Enter on a suggestion stores it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="crosswalk.cancel"),
        # From the search field, ↓ goes to the suggestions with the first one highlighted,
        # so "↓ then Enter" accepts the first (the list handles ↓ itself once focused).
        Binding("down", "to_list", "Suggestions", show=False, id="crosswalk.list"),
    ]
    HELP = "Type to search · ↓ then Enter accepts the highlighted suggestion · Esc to cancel"

    def __init__(self, card: Card, *, sector: str = "") -> None:
        super().__init__(classes="dialog")
        self.card = card
        self.sector = sector
        """The session's sector: it steers shorthand ('Operator' in construction)."""
        self.matches: list[Match] = []

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog-box crosswalk-box"):
            yield Label("Crosswalk to SOC / O*NET", classes="dialog-title")
            current = (
                f"Now: {self.card.soc_code} {self.card.soc_title}"
                if self.card.soc_code
                else "Not crosswalked yet."
            )
            yield Label(current, markup=False)
            yield Input(self.card.text, placeholder="Title to look up", id="crosswalk-query")
            yield Label("", id="crosswalk-verdict", markup=False)
            yield OptionList(id="crosswalk-options")
            yield Label(self.HELP, classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.lookup(self.card.text)

    @on(Input.Changed, "#crosswalk-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.lookup(event.value)

    def wordings(self, text: str) -> list[str]:
        """What to look up: the typed text, and while it is the card's own, every wording."""
        if text.strip() == self.card.text.strip():
            return list(self.card.wordings)
        return [text]

    @on(Input.Submitted, "#crosswalk-query")
    def _query_submitted(self) -> None:
        self.action_to_list()

    def action_to_list(self) -> None:
        options = self.query_one(OptionList)
        if self.matches and not options.has_focus:
            options.focus()
            options.highlighted = 0

    @work(thread=True, exclusive=True, group="crosswalk")
    def lookup(self, text: str) -> None:
        from focusgroup.crosswalk.suggest import suggest
        from focusgroup.domain.errors import FocusGroupError

        try:
            found = (
                suggest(self.wordings(text), sector=self.sector, limit=8) if text.strip() else None
            )
        except FocusGroupError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, suggestions: Suggestions | None) -> None:
        found = list(suggestions.matches) if suggestions else []
        self.matches = found
        self.query_one("#crosswalk-verdict", Label).update(verdict(suggestions))
        options = self.query_one(OptionList)
        options.clear_options()
        if not found:
            options.add_option(Option(Text("No suggestions; try other words."), disabled=True))
            return
        options.add_options(
            Option(match_label(m, self.card.level), id=str(i)) for i, m in enumerate(found)
        )

    @on(OptionList.OptionSelected, "#crosswalk-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is None:
            return
        self.dismiss(self.matches[int(event.option_id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
