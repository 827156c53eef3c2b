"""LinkDialog: "advances to" — pick the card that people in the selected card's job move up into.

Every other card on the wall is listed by category and level (type to narrow the list); Enter
on one links the two, Enter on one already linked (✓) removes that link. Each is one undoable
action. Links may go within a category or across categories, and a card may have several.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import getters, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import UNSORTED, Card
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.card_tile import ADVANCES_SYMBOL


class LinkDialog(Dialog[None]):
    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape", "close", "Close", id="link.close"),
        Binding("down", "to_list", "Cards", show=False, id="link.list"),
    ]
    HELP = "Type to narrow · ↓ list · Enter: link, or unlink ✓ · ctrl+z · Esc"

    def __init__(self, card_id: int) -> None:
        super().__init__(classes="dialog")
        self.card_id = card_id

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog-box crosswalk-box"):
            yield Label("Advances to: where do people in this job move up?", classes="dialog-title")
            yield Static(id="link-card")
            yield Input(placeholder="Type part of the next job's card", id="link-filter")
            yield OptionList(id="link-options")
            yield Label(self.HELP, classes="dialog-help")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        try:
            card = store.card(self.card_id)
        except DomainError:
            self.dismiss(None)
            return
        if card.stack_id is not None:
            self.card_id = card.stack_id
            card = store.card(card.stack_id)
        cards = store.cards()
        names = {c.id: c.name for c in store.categories()}
        order = {c.id: i for i, c in enumerate(store.categories())}
        levels = {key: i for i, key in enumerate(store.levels())}
        links = store.links()
        outgoing = {k.to_card_id for k in links if k.card_id == card.id}
        incoming = [
            c.text for c in cards for k in links if k.card_id == c.id and k.to_card_id == card.id
        ]

        def place(c: Card) -> str:
            if c.category_id is None or c.level == UNSORTED:
                return "Unsorted"
            return f"{names.get(c.category_id, '')} / {c.level}"

        header = [
            Content.assemble(("● ", "bold"), (card.text, "bold"), ("  ", ""), (place(card), "dim"))
        ]
        if incoming:
            header.append(Content.assemble(("← comes from ", "dim"), "; ".join(incoming)))
        self.query_one("#link-card", Static).update(Content("\n").join(header))
        wanted = self.query_one("#link-filter", Input).value.strip().casefold()
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        others = sorted(
            (c for c in cards if c.id != card.id),
            key=lambda c: (
                c.id not in outgoing,
                order.get(c.category_id or -1, len(order)),
                levels.get(c.level, -1),
                c.position,
            ),
        )
        for other in others:
            if wanted and not any(wanted in w.casefold() for w in other.wordings):
                continue
            linked = other.id in outgoing
            prompt = Content.assemble(
                (f"✓ {ADVANCES_SYMBOL} " if linked else "  ", "bold"),
                other.text,
                ("  ", ""),
                (place(other), "dim"),
            )
            options.add_option(Option(prompt, id=str(other.id)))
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    @on(Input.Changed, "#link-filter")
    def _filter(self) -> None:
        self.reload()

    @on(Input.Submitted, "#link-filter")
    def action_to_list(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = options.highlighted or 0

    @on(OptionList.OptionSelected, "#link-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is None:
            return
        target = int(event.option_id)
        store = self.app.store
        existing = next(
            (k for k in store.links() if (k.card_id, k.to_card_id) == (self.card_id, target)), None
        )
        if existing is not None:
            self.app.perform(store.unlink_cards, existing.id)
        else:
            self.app.perform(store.link_cards, self.card_id, target)

    @on(SessionChanged)
    def _changed(self, message: SessionChanged) -> None:
        if message.touches("cards", "card_links", "categories"):
            self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
