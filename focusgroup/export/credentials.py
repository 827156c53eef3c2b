"""The pathway map's "certifications and degrees offered here", from the programs inventory.

Issue 16's map takes a `Credentials`; this builds one from a session's inventory (issue 17).
Built from the store on the caller's thread; the functions it holds close over frozen
snapshots of the programs and cards, so the map may then be laid out in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from focusgroup.domain.programs import credentials_finder, inventory_citation, offered_here
from focusgroup.export.map_model import Credentials

if TYPE_CHECKING:
    from focusgroup.domain.model import Card
    from focusgroup.store.reader import SessionReader


def inventory_credentials(store: SessionReader) -> Credentials | None:
    """The inventory as the map's credentials; None when it holds no programs yet (the map then
    says "to collect" rather than claiming there are none)."""
    programs = tuple(store.programs())
    if not programs:
        return None

    def for_card(card: Card) -> tuple[str, ...]:
        return offered_here(programs, card)

    return Credentials(
        find=credentials_finder(programs, store.cards()),
        citation=inventory_citation(programs, store.session().title),
        for_card=for_card,
    )
