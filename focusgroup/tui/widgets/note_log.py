"""NoteLog: everything captured so far (both seats), newest first, to review, edit or delete.

Cells are `rich.text.Text`: DataTable parses plain `str` cells as markup (ENGINEERING.md §6).
Refreshing keeps the highlighted row by its key, so the other seat's edits never move it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from focusgroup.domain.model import Commitment, Competency, Note, Participant
from focusgroup.domain.text import one_line, shorten
from focusgroup.tui.widgets.card_tile import COMPETENCY_SYMBOL

SYMBOLS = {
    "competency": COMPETENCY_SYMBOL,
    "note": "\u270e",
    "quote": "\u275d",
    "commitment": "\u2691",
}


@dataclass(frozen=True)
class Entry:
    kind: str
    """"competency", "note", "quote" or "commitment"."""
    entry_id: int
    text: str
    who: str
    details: str
    at: str

    @property
    def key(self) -> str:
        table = "note" if self.kind == "quote" else self.kind
        return f"{table}:{self.entry_id}"


def entries(
    competencies: Sequence[Competency],
    notes: Sequence[Note],
    commitments: Sequence[Commitment],
    participants: Sequence[Participant],
    tier_labels: dict[str, str],
) -> list[Entry]:
    """All captured items as rows, newest first."""
    names = {p.id: p.label for p in participants}

    def who(participant_id: int | None) -> str:
        return names.get(participant_id, "") if participant_id is not None else ""

    rows = [
        Entry(
            "competency",
            c.id,
            c.text,
            who(c.participant_id),
            " · ".join(
                t for t in (c.ksa, tier_labels.get(c.tier, c.tier), c.level, "gap" * c.lacking) if t
            ),
            c.created_at,
        )
        for c in competencies
    ]
    rows += [
        Entry(
            n.kind,
            n.id,
            n.text,
            who(n.participant_id),
            " · ".join(t for t in (n.topic, *n.tags) if t),
            n.created_at,
        )
        for n in notes
    ]
    rows += [
        Entry(
            "commitment",
            c.id,
            c.offer + (f": {c.detail}" if c.detail else ""),
            who(c.participant_id),
            " · ".join(t for t in (c.owner, f"due {c.due}" if c.due else "") if t),
            c.created_at,
        )
        for c in commitments
    ]
    return sorted(rows, key=lambda e: (e.at, e.key), reverse=True)


class NoteLog(DataTable[Text]):
    """The captured items; Enter edits the highlighted one, Delete removes it (Ctrl+Z undoes)."""

    BINDINGS = [
        Binding("enter", "edit", "Edit", id="nt.log.edit"),
        Binding("delete,x", "delete_entry", "Delete", id="nt.log.delete"),
    ]

    class EditRequested(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class DeleteRequested(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.add_column("", key="kind", width=1)
        self.add_column("What", key="text")
        self.add_column("Who", key="who")
        self.add_column("Tags", key="details")

    def show(self, rows: Sequence[Entry]) -> None:
        keep = self.highlighted_key
        self.clear()
        for entry in rows:
            flat = one_line(entry.text)
            self.add_row(
                Text(SYMBOLS.get(entry.kind, "?")),
                Text(shorten(flat, 81)),
                Text(entry.who),
                Text(entry.details, style="dim"),
                key=entry.key,
            )
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))

    @property
    def highlighted_key(self) -> str | None:
        if not self.row_count or self.cursor_row < 0:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:
            return None
        return row_key.value

    def action_edit(self) -> None:
        if (key := self.highlighted_key) is not None:
            self.post_message(self.EditRequested(key))

    def action_delete_entry(self) -> None:
        if (key := self.highlighted_key) is not None:
            self.post_message(self.DeleteRequested(key))
