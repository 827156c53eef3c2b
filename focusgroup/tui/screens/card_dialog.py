"""CardDialog: one card or merged stack opened up: each employer's wording, reasons, hands.

From here a stack is split: one employer's card out (x) or the whole stack (a).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import getters, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import Card
from focusgroup.domain.text import plural
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.card_tile import reason_mark


class CardDialog(Dialog[None]):
    app = getters.app(SessionApp)

    BINDINGS = [
        Binding("escape,enter,o", "close", "Close", id="card.close"),
        Binding("x", "split_one", "Split this card out", id="card.split_one"),
        Binding("a", "split_all", "Split whole stack", id="card.split_all"),
    ]

    def __init__(self, card_id: int) -> None:
        super().__init__(classes="dialog")
        self.card_id = card_id

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog-box card-box"):
            yield Static(id="card-summary")
            yield Label(
                "Each employer's card (x splits the highlighted one out):", classes="dialog-note"
            )
            yield OptionList(id="card-members")
            yield Label("x split one · a split all · Esc close", classes="dialog-help")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        store = self.app.store
        try:
            card = store.card(self.card_id)
        except DomainError:
            self.dismiss(None)
            return
        if card.stack_id is not None:  # merged into another since: show that stack instead
            self.card_id = card.stack_id
            card = store.card(card.stack_id)
        self.query_one("#card-summary", Static).update(self.summary(card))
        people = {p.id: p for p in store.participants()}
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for member in card.all_cards:
            who = people.get(member.participant_id) if member.participant_id else None
            prompt = Content.assemble(
                ("● " if member.id == card.id else "  ", "bold"),
                member.text,
                ("  — ", "dim"),
                (who.label if who else "no name", "italic"),
                (" (lead)" if member.id == card.id and card.members else "", "dim"),
            )
            options.add_option(Option(prompt, id=str(member.id)))
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def summary(self, card: Card) -> Content:
        protocol = self.app.store.protocol()
        lines = [Content.assemble(("● ", "bold"), (card.text, "bold"))]
        facts = []
        if not self.app.store.session().from_profile:  # a profile's task was named by no one
            n = card.employers  # distinct employers: one employer's two cards count once
            facts.append(f"named by {plural(n, 'employer')}")
        if card.hands_taken:
            facts.append(f"{plural(card.hands, 'hand')} up")
        if card.third_card:
            facts.append("third card")
        lines.append(Content.styled(" · ".join(facts), "dim"))
        for key in card.all_reasons:
            reason = protocol.reason(key)
            mark = reason_mark(reason.hotkey) if reason else "•"
            lines.append(Content.assemble((f"{mark} ", "bold"), reason.label if reason else key))
        if card.soc_code:
            lines.append(Content.assemble(("SOC ", "dim"), f"{card.soc_code} {card.soc_title}"))
        # Career pathway links ("advances to", key l on the wall), both ways.
        store = self.app.store
        texts = {c.id: c.text for c in store.cards()}
        for link in store.links():
            if link.card_id == card.id and link.to_card_id in texts:
                lines.append(Content.assemble(("→ advances to ", "bold"), texts[link.to_card_id]))
            elif link.to_card_id == card.id and link.card_id in texts:
                lines.append(Content.assemble(("← comes from ", "dim"), texts[link.card_id]))
        return Content("\n").join(lines)

    @on(SessionChanged)
    def _changed(self, message: SessionChanged) -> None:
        if message.touches("cards", "participants", "card_links"):
            self.reload()

    def _highlighted_id(self) -> int | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return int(option_id) if option_id else None

    def action_split_one(self) -> None:
        member = self._highlighted_id()
        if member is None:
            return
        if member == self.card_id:
            self.notify("That is the lead card; split another one out, or the whole stack (a).")
            return
        self.app.perform(self.app.store.unmerge_card, member)

    def action_split_all(self) -> None:
        self.app.perform(self.app.store.split_stack, self.card_id)

    def action_close(self) -> None:
        self.dismiss(None)
