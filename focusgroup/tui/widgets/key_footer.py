"""The footer, re-drawn once per burst of binding changes instead of once per change.

Textual's Footer recomposes on every `bindings_updated` signal; opening the wall sends three
in a row (focus, screen stack, callbacks), each costing a full recompose (~20 ms).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Footer that coalesces recomposes: one pending at a time."""

    _recompose_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._recompose_pending:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_pending = False
        await self.recompose()
