"""The wall's category columns: add, rename, recolour, move and remove them."""

from __future__ import annotations

from focusgroup.tui.screens.wall_base import WallBase

PALETTE = ("#d9534f", "#3c78d8", "#8e63ce", "#e69138", "#6aa84f", "#a64d79", "#2aa198", "#777777")
"""Recolour cycles through these: saturated enough to read on a washed-out projector."""


class WallCategories(WallBase):
    """Actions on the selected category column."""

    def action_add_category(self) -> None:
        store = self.app.store

        def submit(value: str) -> bool:
            colour = PALETTE[len(store.categories()) % len(PALETTE)]
            new_id = self.app.perform(store.add_category, value, colour)
            if new_id is None:
                return False
            self.call_after_refresh(self.board.select_column, new_id)
            return True

        self.prompt("New category", "", submit, placeholder="e.g. Maintenance")

    def action_rename_category(self) -> None:
        key = self.selected_category()
        if key is None:
            return
        store = self.app.store

        def submit(value: str) -> bool:
            return self.perform_ok(store.rename_category, key, value)

        self.prompt("Rename category", store.category(key).name, submit)

    def action_recolour_category(self) -> None:
        key = self.selected_category()
        if key is None:
            return
        store = self.app.store
        current = store.category(key).colour.lower()
        index = PALETTE.index(current) + 1 if current in PALETTE else 0
        self.app.perform(store.recolour_category, key, PALETTE[index % len(PALETTE)])

    def action_move_category(self, direction: int) -> None:
        if (key := self.selected_category()) is not None:
            self.app.perform(self.app.store.move_category, key, direction)

    def action_remove_category(self) -> None:
        key = self.selected_category()
        if key is not None and self.perform_ok(self.app.store.remove_category, key):
            self.notify("Category removed; its cards are back in Unsorted. Ctrl+Z undoes.")
