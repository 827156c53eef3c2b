"""CardTile: one occupation card (or merged stack) on the wall, as a single Static.

User text only ever enters as `Content(text)` pieces, so `[bold]`, `[/]` or `[@click=...]`
typed on a card is shown literally and can never run an action.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

CIRCLED = "①②③④⑤⑥⑦⑧⑨"
OCCUPATION_SYMBOL = "●"
COMPETENCY_SYMBOL = "▲"
MAX_COMPETENCIES = 3
"""Unfolded competencies shown on a card before '+N more'."""


def reason_mark(hotkey: str) -> str:
    """A circled digit for reason hotkeys 1-9: readable without colour, one cell wide."""
    if hotkey.isdigit() and 1 <= int(hotkey) <= 9:
        return CIRCLED[int(hotkey) - 1]
    return f"({hotkey})"


@dataclass(frozen=True)
class CardView:
    """Everything a tile shows; tiles repaint only when their view changes."""

    text: str
    symbol: str = OCCUPATION_SYMBOL
    count: int = 1
    hands: int = 0
    reasons: tuple[str, ...] = ()
    """Reason hotkeys, in protocol order."""
    third_card: bool = False
    who: str = ""
    """Who wrote it (single cards); hidden in projector view."""
    soc: str = ""
    competencies: tuple[str, ...] = ()
    competency_symbol: str = COMPETENCY_SYMBOL
    folded: bool = False
    marked: bool = False
    projector: bool = False


def render_card(view: CardView) -> Content:
    """The tile's content: the card text as written, then one line of badges."""
    head = Content.assemble((f"{'✚ ' if view.marked else ''}{view.symbol} ", "bold"), view.text)
    badges: list[str | tuple[str, str]] = []
    if view.count > 1:
        badges.append((f"×{view.count}", "bold reverse"))
    if view.hands:
        badges.append((f"{view.hands} hands", "bold"))
    if view.reasons:
        badges.append(("".join(reason_mark(r) for r in view.reasons), "bold"))
    if view.third_card:
        badges.append(("3rd", "italic"))
    if view.competencies and view.folded:
        badges.append((f"{view.competency_symbol}{len(view.competencies)}", "bold"))
    if view.who and not view.projector:
        badges.append((view.who, "italic"))
    lines: list[Content] = [head]
    if badges:
        parts: list[str | tuple[str, str]] = []
        for badge in badges:
            if parts:
                parts.append(" ")
            parts.append(badge)
        lines.append(Content.assemble(*parts))
    if view.soc and not view.projector:
        lines.append(Content.assemble(("SOC ", "dim"), view.soc))
    if view.competencies and not view.folded:
        for text in view.competencies[:MAX_COMPETENCIES]:
            lines.append(Content.assemble((f"{view.competency_symbol} ", "bold"), text))
        extra = len(view.competencies) - MAX_COMPETENCIES
        if extra > 0:
            lines.append(Content(f"{view.competency_symbol} +{extra} more"))
    return Content("\n").join(lines)


class CardTile(Static):
    """One card. Selection and marking are CSS classes toggled on the tile itself."""

    class Clicked(Message):
        def __init__(self, tile: CardTile) -> None:
            super().__init__()
            self.tile = tile

        @property
        def control(self) -> CardTile:
            return self.tile

    def __init__(self, card_id: int, view: CardView) -> None:
        classes = ("-third" if view.third_card else "") + (" -marked" if view.marked else "")
        super().__init__(render_card(view), classes=classes.strip())
        self.card_id = card_id
        self.view = view

    def show(self, view: CardView) -> None:
        """Repaint only if something visible changed."""
        if view == self.view:
            return
        self.view = view
        self.set_class(view.marked, "-marked")
        self.set_class(view.third_card, "-third")
        self.update(render_card(view))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self))
