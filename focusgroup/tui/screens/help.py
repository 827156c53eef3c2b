"""HelpScreen: every key of the screen underneath, with what it does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import getters
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.card_tile import reason_mark

UNDO_NOTE = "Every change is saved at once and can be undone with Ctrl+Z."


def help_content(screen: Screen[Any], app: SessionApp) -> Content:
    """The screen's own how-to line (its HELP_INTRO, if any), then every key it has."""
    intro = " ".join(x for x in (getattr(screen, "HELP_INTRO", ""), UNDO_NOTE) if x)
    lines = [Content.styled(intro, "italic"), Content("")]
    seen: set[str] = set()
    groups: list[tuple[str, list[Binding]]] = [
        ("This screen", list(_bindings(screen))),
        ("Everywhere", list(_bindings(app))),
    ]
    for title, bindings in groups:
        lines.append(Content.styled(title.upper(), "bold"))
        actions: dict[str, tuple[str, list[str]]] = {}
        for binding in bindings:
            if binding.description and binding.action not in seen:
                actions.setdefault(binding.action, (binding.description, []))[1].append(
                    app.get_key_display(binding)
                )
        for action, (description, keys) in actions.items():
            seen.add(action)
            lines.append(Content.assemble((f"{' / '.join(keys):>22}  ", "bold"), description))
        lines.append(Content(""))
    if app.has_store:
        lines.append(Content.styled("REASONS (on the selected card)", "bold"))
        for reason in app.store.protocol().reasons:
            lines.append(
                Content.assemble(
                    (f"{reason.hotkey:>22}  ", "bold"),
                    f"{reason_mark(reason.hotkey)} ",
                    reason.label,
                )
            )
    return Content("\n").join(lines)


def _bindings(node: Any) -> Iterable[Binding]:
    for bindings in node._bindings.key_to_bindings.values():
        yield from bindings


class HelpScreen(Dialog[None]):
    app = getters.app(SessionApp)

    BINDINGS = [Binding("escape,f1,q", "close", "Close help", id="help.close")]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__(classes="dialog")
        self.under = under

    def compose(self) -> Iterable[Widget]:
        with VerticalScroll(classes="dialog-box help-box"):
            yield Static(help_content(self.under, self.app), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
