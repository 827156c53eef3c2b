"""The footer: the keys that matter on this screen, drawn as one line by one widget.

Textual's Footer builds a widget per key and recomposes all of them on every binding
change; opening the wall sent three such changes, and its key widgets were a third of the
wall's widget tree. This footer keeps Footer's look (same component classes and
theme variables) but only re-renders a line of text. Clicking a key presses it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

ESSENTIAL = ("quit", "undo", "help")
"""Always in the footer, at any width (issue 13: at 80x24 they had been cut off): drawn
last, just before the palette key, with the room they need kept for them."""


class FooterItem(NamedTuple):
    key: str
    """The key to press when the item is clicked."""
    key_display: str
    description: str
    enabled: bool
    essential: bool = False
    """Quit, undo or help: kept on the line whatever else has to go."""


class KeyFooter(Widget, can_focus=False):
    """One line of `key description` pairs; the command palette key sits on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--disabled"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, FooterItem]] = []
        """Cell ranges of the keys drawn last, for clicks."""
        self._shown: tuple[list[FooterItem], FooterItem | None] | None = None
        """The items drawn last."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # The signal fires on every focus change; most leave the keys as they were, and a
        # repaint would cost a frame for nothing.
        if self.is_attached and screen is self.screen and self.items() != self._shown:
            self.refresh()

    def items(self) -> tuple[list[FooterItem], FooterItem | None]:
        """The keys to show (one per action, in binding order; quit, undo and help last)
        and the palette key."""
        app = self.app
        shown: dict[str, FooterItem] = {}
        essential: dict[str, FooterItem] = {}
        palette: FooterItem | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            display = app.get_key_display(binding)
            item = FooterItem(binding.key, display, binding.description, enabled)
            if binding.action == "command_palette" and app.ENABLE_COMMAND_PALETTE:
                palette = item
            elif binding.action in ESSENTIAL:
                essential.setdefault(binding.action, item._replace(essential=True))
            elif binding.show and binding.action not in shown:
                shown[binding.action] = item
        last = [essential[a] for a in ESSENTIAL if a in essential]
        return [*shown.values(), *last], palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key", partial=True)
        text_style = self.get_component_rich_style("footer-key--description", partial=True)
        dim = self.get_component_rich_style("footer-key--disabled", partial=True)
        width = self.size.width
        self._shown = items, palette = self.items()
        palette_text = self._item_text(palette, key_style, text_style, dim) if palette else None
        room = width - (palette_text.cell_len + 1 if palette_text else 0)

        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        pieces = [(item, self._item_text(item, key_style, text_style, dim)) for item in items]
        kept = sum(piece.cell_len for item, piece in pieces if item.essential)
        for item, piece in pieces:
            need = 0 if item.essential else kept
            if line.cell_len + piece.cell_len + need > room:
                if item.essential:
                    break
                continue  # leave this key out; the essential ones still fit after it
            self._spans.append((line.cell_len, line.cell_len + piece.cell_len, item))
            line.append_text(piece)
        if palette and palette_text:
            line.append(" " * max(0, room - line.cell_len))
            line.append("▏", Style(dim=True))
            start = line.cell_len
            line.append_text(palette_text)
            self._spans.append((start, line.cell_len, palette))
        return line

    @staticmethod
    def _item_text(item: FooterItem, key: Style, description: Style, dim: Style) -> Text:
        extra = Style() if item.enabled else dim
        if not item.description:
            return Text.assemble((f" {item.key_display} ", key + extra))
        return Text.assemble(
            (f" {item.key_display} ", key + extra), (f"{item.description} ", description + extra)
        )

    def item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
