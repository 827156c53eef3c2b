"""The wall's tools beyond the cards: exports, e-mail, join links, phones and the crosswalk.

A part of `WallScreen` (its bindings are declared there, so the footer and palette list
them); each action opens a self-contained dialog and imports it only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from focusgroup.tui.screens.wall_base import WallBase

if TYPE_CHECKING:
    from focusgroup.crosswalk.search import Match


class WallTools(WallBase):
    """Actions that open dialogs over the wall."""

    def action_export(self) -> None:
        from focusgroup.tui.screens.export import ExportDialog

        self.app.push_screen(ExportDialog())

    def action_pathway_map(self) -> None:
        from focusgroup.tui.screens.map_dialog import MapDialog

        self.app.push_screen(MapDialog())

    def action_link_card(self) -> None:
        """'Advances to': pick the card people in the selected card's job move up into."""
        from focusgroup.tui.screens.link_dialog import LinkDialog

        if (card_id := self.selected_card()) is not None:
            self.app.push_screen(LinkDialog(card_id))

    def action_email(self) -> None:
        from focusgroup.tui.screens.email import EmailScreen

        self.app.push_screen(EmailScreen(self.app.store))

    def action_recap(self) -> None:
        from focusgroup.tui.screens.recap import RecapScreen

        self.app.push_screen(RecapScreen())

    def action_join(self) -> None:
        from focusgroup.tui.screens.join import JoinScreen

        self.app.push_screen(JoinScreen())

    def action_collect(self) -> None:
        from focusgroup.tui.screens.collect import CollectScreen

        self.app.push_screen(CollectScreen())

    def action_crosswalk(self) -> None:
        from focusgroup.tui.screens.crosswalk import CrosswalkDialog

        card_id = self.selected_card()
        if card_id is None:
            return
        card = self.app.perform(self.app.store.card, card_id)
        if card is None:
            return

        def accept(match: Match | None, card_id: int = card.id, level: Any = card.level) -> None:
            if match is None:
                return
            from focusgroup.crosswalk.zones import level_disagreement

            self.app.perform(
                self.app.store.set_soc,
                card_id,
                soc_code=match.soc_code,
                onet_code=match.onet_code,
                # The SOC code with its own SOC title, not the O*NET sub-occupation's.
                soc_title=match.soc_title or match.title,
            )
            flag = level_disagreement(match.job_zone, level)
            if flag:
                self.app.notify(flag, severity="warning", markup=False, timeout=8)

        sector = self.app.store.session().sector
        self.app.push_screen(CrosswalkDialog(card, sector=sector), accept)
