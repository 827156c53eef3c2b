"""Career pathways on the wall: "advances to" links between cards, and annual openings.

A link joins two top-level cards (stack leads). Merging a card into a stack moves its links to
the stack's lead (as competencies move); deleting a card deletes its links in the same action,
so one undo brings both back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import CardLink, Projection
from focusgroup.store import rows
from focusgroup.store.base import StoreBase, _short, writes
from focusgroup.store.journal import now


class LinkOps(StoreBase):
    def links(self) -> list[CardLink]:
        """Every "advances to" link, oldest first."""
        return [rows.card_link(r) for r in self.journal.rows("card_links")]

    @writes
    def link_cards(self, card_id: int, to_card_id: int) -> int:
        """Record that people in `card_id`'s job advance to `to_card_id`'s; returns the link."""
        source, target = self._top_card(card_id), self._top_card(to_card_id)
        if source.id == target.id:
            raise DomainError("A card can't advance to itself; pick another card.")
        for link in self.links():
            if (link.card_id, link.to_card_id) == (source.id, target.id):
                raise DomainError(
                    f"{_short(source.text)} already advances to {_short(target.text)}."
                )
        with self.action(f"Link {_short(source.text)} advances to {_short(target.text)}"):
            return self.journal.insert(
                "card_links",
                {"card_id": source.id, "to_card_id": target.id, "created_at": now()},
            )

    @writes
    def unlink_cards(self, link_id: int) -> None:
        row = self._row_or_error("card_links", link_id, "link")
        source = self.card(row["card_id"])
        target = self.card(row["to_card_id"])
        with self.action(f"Unlink {_short(source.text)} from {_short(target.text)}"):
            self.journal.delete("card_links", link_id)

    # Called inside the cards' own actions (merge, delete), so they stay one undo each.
    def _drop_links_of(self, card_ids: Iterable[int]) -> None:
        ids = set(card_ids)
        for link in self.links():
            if link.card_id in ids or link.to_card_id in ids:
                self.journal.delete("card_links", link.id)

    def _move_links_to(self, lead_id: int, merged_ids: Iterable[int]) -> None:
        merged = set(merged_ids)
        seen: set[tuple[int, int]] = set()
        for link in self.links():
            pair = (
                lead_id if link.card_id in merged else link.card_id,
                lead_id if link.to_card_id in merged else link.to_card_id,
            )
            if pair[0] == pair[1] or pair in seen:  # now inside one stack, or a duplicate
                self.journal.delete("card_links", link.id)
                continue
            seen.add(pair)
            if pair != (link.card_id, link.to_card_id):
                self.journal.update(
                    "card_links", link.id, {"card_id": pair[0], "to_card_id": pair[1]}
                )

    # -- projections ---------------------------------------------------------------------

    def projections(self) -> list[Projection]:
        return [rows.projection(r) for r in self.journal.rows("projections")]

    @writes
    def import_projections(
        self, entries: Iterable[Mapping[str, str]], *, source: str, period: str = ""
    ) -> int:
        """Store annual openings (already checked rows: soc_code, annual_openings, title, area).

        One action: one undo takes the whole import back. A code imported before is replaced,
        so re-importing a corrected table leaves one figure per occupation and area.
        """
        if not source.strip():
            raise DomainError("Say where the projections come from (--source).")
        entries = list(entries)
        wanted = {(e["soc_code"], e.get("area", "")) for e in entries}
        with self.action(f"Import {len(entries)} projections from {_short(source)}"):
            for old in self.projections():
                if (old.soc_code, old.area) in wanted:
                    self.journal.delete("projections", old.id)
            for entry in entries:
                self.journal.insert(
                    "projections",
                    {
                        "soc_code": entry["soc_code"],
                        "title": entry.get("title", ""),
                        "annual_openings": entry["annual_openings"],
                        "area": entry.get("area", ""),
                        "period": period,
                        "source": source,
                        "created_at": now(),
                    },
                )
        return len(entries)
