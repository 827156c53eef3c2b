"""RecapScreen: at the recap the facilitator settles what the summary's first page says.

Three lists: the takeaways (3 to 5, in the facilitator's words), the app's proposals drawn
from the wall and the notes (one key copies one into the takeaways, to edit), and the room's
shortlist in its agreed order (marked on the wall with `*`). Plus the date participants will
hear from us again. Every change is one undoable store action.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import getters, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from focusgroup.domain.model import TAKEAWAYS_MAX
from focusgroup.tui.live import ActionFailed
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.key_footer import KeyFooter


def proposals_for(store: object) -> list[str]:
    """The app's proposed takeaways for the session as it stands (read once, no writes)."""
    from focusgroup.export.content import summarize
    from focusgroup.export.snapshot import take_snapshot
    from focusgroup.export.takeaways import propose_takeaways

    return propose_takeaways(summarize(take_snapshot(store)))  # type: ignore[arg-type]


class RecapScreen(Screen[None]):
    """Takeaways, proposals, shortlist and the re-engagement date, for the summary."""

    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape,R", "back", "Back to wall", id="recap.back"),
        Binding("a", "add", "Add takeaway", id="recap.add"),
        Binding("e", "edit", "Edit", id="recap.edit"),
        Binding("i", "take", "Use proposal", id="recap.take"),
        Binding("x,delete", "remove", "Remove", id="recap.remove"),
        Binding("left_square_bracket", "move(-1)", "Up", id="recap.up"),
        Binding("right_square_bracket", "move(1)", "Down", id="recap.down"),
        Binding("d", "date", "Re-engage date", id="recap.date"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="recap.next"),
    ]

    def compose(self) -> Iterable[Widget]:
        yield Static(id="recap-title")
        with Horizontal(id="recap-body"):
            with Vertical(classes="recap-column"):
                yield Label("What we heard: takeaways for page 1", classes="recap-heading")
                yield OptionList(id="recap-takeaways")
                yield Label("Proposed from the wall and notes (i to use)", classes="recap-heading")
                yield OptionList(id="recap-proposals")
            with Vertical(classes="recap-column"):
                yield Label("The room's shortlist (* on the wall)", classes="recap-heading")
                yield OptionList(id="recap-shortlist")
                yield Static(id="recap-date")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.proposals = proposals_for(self.app.store)
        self._fill(self.query_one("#recap-proposals", OptionList), self.proposals, "none yet")
        self.query_one("#recap-takeaways", OptionList).focus()

    @property
    def focused_list(self) -> str:
        focused = self.focused
        return focused.id or "" if isinstance(focused, OptionList) else ""

    def _fill(self, options: OptionList, texts: list[str], empty: str) -> None:
        highlighted = options.highlighted
        options.clear_options()
        if not texts:
            options.add_option(Option(Text(empty, style="dim"), disabled=True))
            return
        options.add_options(
            Option(Text.assemble((f"{i}. ", "bold"), text), id=str(i - 1))
            for i, text in enumerate(texts, start=1)
        )
        options.highlighted = min(highlighted or 0, len(texts) - 1)

    def reload(self) -> None:
        store = self.app.store
        self.takeaways = store.takeaways()
        self.shortlist = store.shortlist()
        self._fill(
            self.query_one("#recap-takeaways", OptionList),
            [t.text for t in self.takeaways],
            "none yet: a to write one, i to use a proposal",
        )
        self._fill(
            self.query_one("#recap-shortlist", OptionList),
            [c.text for c in self.shortlist],
            "none yet: press * on a card on the wall",
        )
        date = store.session().reengage_on
        self.query_one("#recap-date", Static).update(
            Text.assemble(
                ("We will be back in touch by: ", "bold"),
                (date, "bold reverse") if date else ("not set (d to set it)", "italic"),
            )
        )
        n = len(self.takeaways)
        self.query_one("#recap-title", Static).update(
            Text.assemble(
                ("RECAP ", "bold"),
                f"{n} of 3 to {TAKEAWAYS_MAX} takeaways · {len(self.shortlist)} on the shortlist"
                " · Tab switches lists · Esc back to the wall",
            )
        )

    @on(SessionChanged)
    def _changed(self, message: SessionChanged) -> None:
        if message.touches("takeaways", "cards", "sessions"):
            self.reload()

    def _index(self, list_id: str) -> int | None:
        options = self.query_one(f"#{list_id}", OptionList)
        index = options.highlighted
        sizes = {
            "recap-takeaways": len(self.takeaways),
            "recap-shortlist": len(self.shortlist),
            "recap-proposals": len(self.proposals),
        }
        if index is None or not 0 <= index < sizes.get(list_id, 0):
            return None
        return index

    def _prompt(self, title: str, value: str, submit: object) -> None:
        from focusgroup.tui.screens.dialogs import PromptDialog

        self.app.push_screen(PromptDialog(title, value, submit))  # type: ignore[arg-type]

    def _ok(self, fn: object, *args: object) -> bool:
        try:
            self.app.perform(fn, *args, strict=True)  # type: ignore[arg-type]
        except ActionFailed:
            return False
        return True

    def action_add(self, text: str = "") -> None:
        self._prompt(
            "A takeaway: one thing the room told us",
            text,
            lambda value: self._ok(self.app.store.add_takeaway, value),
        )

    def action_take(self) -> None:
        index = self._index("recap-proposals")
        if index is None:
            self.notify("Select a proposal first (Tab to the proposals list).", timeout=3)
            return
        self.action_add(self.proposals[index])

    def action_edit(self) -> None:
        index = self._index("recap-takeaways")
        if self.focused_list != "recap-takeaways" or index is None:
            self.notify("Select a takeaway to edit.", timeout=3)
            return
        takeaway = self.takeaways[index]
        self._prompt(
            "Edit the takeaway",
            takeaway.text,
            lambda value: self._ok(self.app.store.edit_takeaway, takeaway.id, value),
        )

    def action_remove(self) -> None:
        which = self.focused_list
        index = self._index(which)
        if index is None:
            return
        if which == "recap-takeaways":
            self._ok(self.app.store.delete_takeaway, self.takeaways[index].id)
        elif which == "recap-shortlist":
            self._ok(self.app.store.toggle_shortlist, self.shortlist[index].id)

    def action_move(self, direction: int) -> None:
        which = self.focused_list
        index = self._index(which)
        if index is None:
            return
        if which == "recap-takeaways":
            moved = self._ok(self.app.store.move_takeaway, self.takeaways[index].id, direction)
        elif which == "recap-shortlist":
            moved = self._ok(self.app.store.move_in_shortlist, self.shortlist[index].id, direction)
        else:
            return
        if moved:
            options = self.query_one(f"#{which}", OptionList)
            options.highlighted = max(0, min(options.option_count - 1, index + direction))

    def action_date(self) -> None:
        self._prompt(
            "When will participants hear from us again? (YYYY-MM-DD)",
            self.app.store.session().reengage_on,
            lambda value: self._ok(self.app.store.set_reengagement, value),
        )

    def action_back(self) -> None:
        self.dismiss(None)
