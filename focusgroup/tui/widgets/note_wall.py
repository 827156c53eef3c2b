"""NoteWall: the note-taker's compact, read-only wall (categories, their cards, competencies).

The highlighted node is what a new competency is linked to; cards marked with `m` are what a
new note is about. Rebuilt only when cards, categories or competencies change, keeping the
cursor, the marks and which branches are open, so the other seat's edits never move it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from focusgroup.domain.model import Card, CardLink, Competency
from focusgroup.domain.wall import Wall, employers_named
from focusgroup.tui.wall_view import CATEGORY_SYMBOL, TRAY_SYMBOL
from focusgroup.tui.widgets.card_tile import COMPETENCY_SYMBOL, OCCUPATION_SYMBOL

NodeKey = tuple[str, int | None]
"""("category", id), ("tray", None), ("card", id) or ("competency", id)."""


@dataclass(frozen=True)
class Target:
    """What a competency would be linked to: a card, a category, or nothing."""

    card_id: int | None = None
    category_id: int | None = None
    label: str = ""


def competency_label(comp: Competency, tier_labels: dict[str, str]) -> Text:
    """One line per competency; user text is plain `Text`, never markup."""
    tags = [t for t in (comp.ksa, tier_labels.get(comp.tier, comp.tier), comp.level) if t]
    label = Text.assemble(f"{COMPETENCY_SYMBOL} ", comp.text)
    if tags:
        label.append(" · " + " · ".join(tags), style="dim")
    if comp.lacking:
        label.append(" · gap", style="bold")
    return label


class NoteWall(Tree[NodeKey]):
    """Read-only tree of the wall; moving the cursor never changes the session."""

    BINDINGS = [
        Binding("m", "mark", "Mark card", tooltip="Link the next note to this card", id="nt.mark"),
        Binding("M", "clear_marks", "Clear marks", show=False, id="nt.clear_marks"),
    ]

    class TargetChanged(Message):
        """The highlighted card/category (or the marks) changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Wall"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.marked: set[int] = set()
        self._cards: dict[int, Card] = {}
        self._category_names: dict[int, str] = {}
        self._by_key: dict[NodeKey, TreeNode[NodeKey]] = {}
        self._advances: dict[int, list[str]] = {}
        """Card id -> the texts of the cards it advances to (career pathway links)."""
        self._built = False
        self._tasks = False

    # -- building -------------------------------------------------------------------------

    def show(
        self,
        wall: Wall,
        competencies: Sequence[Competency],
        tier_labels: dict[str, str],
        links: Sequence[CardLink] = (),
        *,
        tasks: bool = False,
    ) -> None:
        """Rebuild from the store's read models, keeping cursor, marks and open branches.
        `tasks`: the cards are a job profile's tasks (nobody named them: no ×N)."""
        self._tasks = tasks
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        cursor_line = self.cursor_line
        opened = {key for key, node in self._by_key.items() if node.is_expanded}
        first_build = not self._built
        self._cards = {card.id: card for card in wall.cards()}
        self._advances = {}
        for link in links:
            target = self._cards.get(link.to_card_id)
            if target is not None:
                self._advances.setdefault(link.card_id, []).append(target.text)
        self._category_names = {c.id: c.name for c in wall.categories}
        self.marked &= set(self._cards)
        by_card: dict[int, list[Competency]] = {}
        by_category: dict[int, list[Competency]] = {}
        for comp in competencies:
            if comp.card_id is not None:
                by_card.setdefault(comp.card_id, []).append(comp)
            elif comp.category_id is not None:
                by_category.setdefault(comp.category_id, []).append(comp)

        self.clear()
        self._by_key = {}
        columns: list[tuple[NodeKey, Text, list[Card], list[Competency]]] = []
        if wall.unsorted:
            label = Text.assemble(f"{TRAY_SYMBOL} ", ("Unsorted", "italic"))
            columns.append((("tray", None), label, list(wall.unsorted), []))
        for category in wall.categories:
            cards = [c for level in wall.levels for c in wall.cell(category.id, level)]
            label = Text.assemble(f"{CATEGORY_SYMBOL} ", (category.name, "bold"))
            columns.append(
                (("category", category.id), label, cards, by_category.get(category.id, []))
            )
        for key, label, cards, comps in columns:
            label.append(f" ({len(cards)})", style="dim")
            open_it = first_build or key in opened
            column = self._add(self.root, key, label, expand=open_it)
            for comp in comps:
                self._add(column, ("competency", comp.id), competency_label(comp, tier_labels))
            for card in cards:
                card_comps = by_card.get(card.id, [])
                node = self._add(
                    column,
                    ("card", card.id),
                    self._card_label(card, len(card_comps)),
                    expand=("card", card.id) in opened,
                    leaf=not card_comps,
                )
                for comp in card_comps:
                    self._add(node, ("competency", comp.id), competency_label(comp, tier_labels))
        self._built = True
        _ = self.last_line  # lays out the lines, so the nodes know their line numbers
        if cursor in self._by_key:
            self.move_cursor(self._by_key[cursor])
        elif self._by_key and (first_build or cursor_line >= 0):
            # The highlighted card went away (the other seat deleted it): stay nearby.
            self.move_cursor_to_line(max(0, min(cursor_line, self.last_line)))
        self.post_message(self.TargetChanged())

    def _add(
        self,
        parent: TreeNode[NodeKey],
        key: NodeKey,
        label: Text,
        *,
        expand: bool = False,
        leaf: bool = True,
    ) -> TreeNode[NodeKey]:
        if key[0] in ("category", "tray"):
            leaf = False
        node = parent.add_leaf(label, data=key) if leaf else parent.add(label, data=key)
        if expand and not leaf:
            node.expand()
        self._by_key[key] = node
        return node

    def _card_label(self, card: Card, competencies: int) -> Text:
        mark = "\u2713 " if card.id in self.marked else ""
        label = Text.assemble((mark, "bold"), f"{OCCUPATION_SYMBOL} ", card.text)
        details = [card.level] if card.category_id is not None else []
        named = employers_named(card, tasks=self._tasks)
        if named > 1:  # distinct employers, as on the wall and in the summary
            details.append(f"\u00d7{named}")
        if competencies:
            details.append(f"{competencies} {COMPETENCY_SYMBOL}")
        if details:
            label.append(" · " + " · ".join(details), style="dim")
        for target in self._advances.get(card.id, ()):
            label.append(" → ", style="bold")  # advances to (a career pathway link)
            label.append(target)
        return label

    # -- what the note-taker points at ------------------------------------------------------

    @property
    def target(self) -> Target:
        """The highlighted card or category; a competency stands for its parent."""
        node = self.cursor_node
        while node is not None and node.data is not None and node.data[0] == "competency":
            node = node.parent
        if node is None or node.data is None:
            return Target()
        kind, key = node.data
        if kind == "card" and key in self._cards:
            return Target(card_id=key, label=self.card_text(key))
        if kind == "category" and key is not None:
            return Target(category_id=key, label=self._category_names.get(key, ""))
        return Target()

    def card_text(self, card_id: int) -> str:
        card = self._cards.get(card_id)
        if card is None:
            return f"card {card_id} (removed)"
        where = self._category_names.get(card.category_id or -1, "Unsorted")
        return f"{card.text} ({where})"

    @property
    def note_cards(self) -> tuple[int, ...]:
        """The marked cards: what a new note is about (none unless marked, issue 13).

        Not the highlighted card: the cursor wanders while the note is typed, and a note
        linked to whatever it rested on was a silent, wrong link.
        """
        return tuple(sorted(self.marked))

    def highlight(self, key: NodeKey) -> bool:
        """Put the cursor on a node (e.g. ("card", 3)); False if it is not on the wall."""
        node = self._by_key.get(key)
        if node is None:
            return False
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
            _ = self.last_line
        self.move_cursor(node)
        return True

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeKey]) -> None:
        event.stop()
        self.post_message(self.TargetChanged())

    def action_mark(self) -> None:
        card_id = self.target.card_id
        if card_id is None:
            self.app.bell()
            return
        self.marked ^= {card_id}
        node = self._by_key.get(("card", card_id))
        if node is not None:
            comps = sum(
                1 for child in node.children if child.data and child.data[0] == "competency"
            )
            node.set_label(self._card_label(self._cards[card_id], comps))
        self.post_message(self.TargetChanged())

    def action_clear_marks(self) -> None:
        for card_id in list(self.marked):
            self.marked.discard(card_id)
            node = self._by_key.get(("card", card_id))
            if node is not None:
                comps = sum(1 for c in node.children if c.data and c.data[0] == "competency")
                node.set_label(self._card_label(self._cards[card_id], comps))
        self.post_message(self.TargetChanged())
