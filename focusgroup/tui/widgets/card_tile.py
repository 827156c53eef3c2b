"""What one occupation card (or merged stack) shows: `CardView` and its `Content`.

User text only ever enters as `Content(text)` pieces, so `[bold]`, `[/]` or `[@click=...]`
typed on a card is shown literally and can never run an action. The wall column
(`wall_column.py`) turns this content into cached line strips; there is no widget per card.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from focusgroup.domain.text import plural

CIRCLED = "①②③④⑤⑥⑦⑧⑨"
OCCUPATION_SYMBOL = "●"
COMPETENCY_SYMBOL = "▲"
SHIFT_BADGES = {"disappearing": "↓ disappearing", "transforming": "↻ transforming"}
"""The shifting-needs mark: a symbol and a word, so it reads without colour."""
MAX_COMPETENCIES = 3
"""Unfolded competencies shown on a card before '+N more'."""
ADVANCES_SYMBOL = "→"
MAX_LINKS = 2
"""'Advances to' targets shown on a card before '+N more'."""


def reason_mark(hotkey: str) -> str:
    """A circled digit for reason hotkeys 1-9: readable without colour, one cell wide."""
    if hotkey.isdigit() and 1 <= int(hotkey) <= 9:
        return CIRCLED[int(hotkey) - 1]
    return f"({hotkey})"


@dataclass(frozen=True)
class CardView:
    """Everything a card shows; a card is repainted only when its view changes."""

    text: str
    symbol: str = OCCUPATION_SYMBOL
    count: int = 1
    """Distinct employers who named it (one employer's two cards in a stack count once)."""
    hands: int = 0
    hands_taken: bool = False
    """A show of hands was taken: "0 hands" then means nobody, and is shown."""
    shortlist: int = 0
    """Place on the room's shortlist (★1), 0 when not on it; shown on the projector too."""
    reasons: tuple[str, ...] = ()
    """Reason hotkeys, in protocol order."""
    third_card: bool = False
    own_reasons: tuple[str, ...] = ()
    """Reasons in the employer's own words (not one of the protocol's), shown as written."""
    shift: str = ""
    """"disappearing" or "transforming": where needs are shifting."""
    who: str = ""
    """Who wrote it (single cards); hidden in projector view."""
    soc: str = ""
    competencies: tuple[str, ...] = ()
    competency_symbol: str = COMPETENCY_SYMBOL
    folded: bool = False
    marked: bool = False
    projector: bool = False
    advances_to: tuple[str, ...] = ()
    """Texts of the cards this one leads to ("advances to"), shown in projector view too."""


Part = str | tuple[str, str]
"""A piece of a card line: plain text, or (text, style)."""


def card_lines(view: CardView) -> list[list[Part]]:
    """The card's lines as pieces: the card text as written, then one line of badges."""
    mark = "✚ " if view.marked else ""
    lines: list[list[Part]] = [[(f"{mark}{view.symbol} ", "bold"), view.text]]
    badges: list[Part] = []
    if view.shortlist:
        badges.append((f"★{view.shortlist}", "bold reverse"))
    if view.count > 1:
        badges.append((f"×{view.count}", "bold reverse"))
    if view.hands_taken:
        badges.append((plural(view.hands, "hand"), "bold"))
    if view.reasons:
        badges.append(("".join(reason_mark(r) for r in view.reasons), "bold"))
    if view.third_card:
        badges.append(("3rd", "italic"))
    if view.shift in SHIFT_BADGES:
        badges.append((SHIFT_BADGES[view.shift], "bold"))
    if view.competencies and view.folded:
        badges.append((f"{view.competency_symbol}{len(view.competencies)}", "bold"))
    if view.who and not view.projector:
        badges.append((view.who, "italic"))
    if badges:
        parts: list[Part] = []
        for badge in badges:
            if parts:
                parts.append(" ")
            parts.append(badge)
        lines.append(parts)
    for own in view.own_reasons:
        lines.append([("✎ ", "bold"), own])
    if view.soc and not view.projector:
        lines.append([("SOC ", "dim"), view.soc])
    for target in view.advances_to[:MAX_LINKS]:
        lines.append([(f"{ADVANCES_SYMBOL} ", "bold"), target])
    if len(view.advances_to) > MAX_LINKS:
        lines.append([(f"{ADVANCES_SYMBOL} +{len(view.advances_to) - MAX_LINKS} more", "bold")])
    if view.competencies and not view.folded:
        for text in view.competencies[:MAX_COMPETENCIES]:
            lines.append([(f"{view.competency_symbol} ", "bold"), text])
        extra = len(view.competencies) - MAX_COMPETENCIES
        if extra > 0:
            lines.append([f"{view.competency_symbol} +{extra} more"])
    return lines


def card_plain(view: CardView) -> str:
    """The card's text without styles: enough to measure it (no Content built)."""
    return "\n".join(
        "".join(part if isinstance(part, str) else part[0] for part in line)
        for line in card_lines(view)
    )


def render_card(view: CardView) -> Content:
    """The card's content; user text enters only as plain pieces, never as markup."""
    return Content("\n").join(Content.assemble(*line) for line in card_lines(view))
