"""'Advances to' links between cards, and imported annual openings (issue 16)."""

from __future__ import annotations

import pytest

from focusgroup.domain.errors import DomainError
from focusgroup.store import SessionStore


def _cards(store: SessionStore) -> tuple[int, int, int, int]:
    production, office = (c.id for c in store.categories())
    operator = store.add_card("Machine operator", category_id=production, level="entry")
    machinist = store.add_card("CNC machinist", category_id=production, level="mid")
    planner = store.add_card("Production planner", category_id=office, level="advanced")
    other = store.add_card("Machinist", category_id=production, level="mid")
    return operator, machinist, planner, other


def _pairs(store: SessionStore) -> list[tuple[int, int]]:
    return [(link.card_id, link.to_card_id) for link in store.links()]


def test_links_within_and_across_categories_are_saved_and_undone(store: SessionStore) -> None:
    operator, machinist, planner, _ = _cards(store)
    store.link_cards(operator, machinist)
    store.link_cards(machinist, planner)  # across categories
    store.link_cards(operator, planner)  # several links from one card
    reopened = SessionStore.open(store.path)
    assert _pairs(reopened) == [(operator, machinist), (machinist, planner), (operator, planner)]
    reopened.close()
    assert store.undo().action.startswith("Link Machine operator advances to")
    assert _pairs(store) == [(operator, machinist), (machinist, planner)]
    store.redo()
    assert len(store.links()) == 3


def test_a_card_cannot_link_to_itself_or_twice(store: SessionStore) -> None:
    operator, machinist, *_ = _cards(store)
    with pytest.raises(DomainError, match="itself"):
        store.link_cards(operator, operator)
    store.link_cards(operator, machinist)
    with pytest.raises(DomainError, match="already advances"):
        store.link_cards(operator, machinist)
    assert len(store.links()) == 1


def test_unlinking_is_undoable(store: SessionStore) -> None:
    operator, machinist, *_ = _cards(store)
    link = store.link_cards(operator, machinist)
    store.unlink_cards(link)
    assert store.links() == []
    store.undo()
    assert _pairs(store) == [(operator, machinist)]


def test_deleting_a_card_drops_its_links_and_one_undo_brings_both_back(
    store: SessionStore,
) -> None:
    operator, machinist, planner, _ = _cards(store)
    store.link_cards(operator, machinist)
    store.link_cards(machinist, planner)
    store.delete_card(machinist)
    assert store.links() == []
    store.undo()
    assert _pairs(store) == [(operator, machinist), (machinist, planner)]
    assert "CNC machinist" in [c.text for c in store.cards()]


def test_merging_moves_links_to_the_stack_and_drops_links_inside_it(store: SessionStore) -> None:
    operator, machinist, planner, other = _cards(store)
    store.link_cards(operator, other)
    store.link_cards(other, planner)
    store.link_cards(machinist, other)  # becomes a link inside the stack
    store.link_cards(operator, machinist)  # duplicates operator -> other once merged
    store.merge_cards(machinist, [other])
    assert sorted(_pairs(store)) == sorted([(operator, machinist), (machinist, planner)])
    store.undo()
    assert len(store.links()) == 4


def test_linking_a_stack_member_links_its_stack(store: SessionStore) -> None:
    operator, machinist, _, other = _cards(store)
    store.merge_cards(machinist, [other])
    store.link_cards(operator, other)
    assert _pairs(store) == [(operator, machinist)]


def test_undoing_a_card_that_is_now_linked_is_refused(store: SessionStore) -> None:
    """The other seat linked to a card since: undoing its creation would orphan the link."""
    operator, machinist, *_ = _cards(store)
    other_seat = SessionStore.open(store.path, actor="note-taker")
    other_seat.link_cards(operator, machinist)
    other_seat.close()
    # The facilitator's last action created the 4th card; undo that, then "Machinist" is gone,
    # then the planner; the CNC machinist is linked, so undoing its creation is refused.
    store.undo()
    store.undo()
    with pytest.raises(DomainError):
        store.undo()
    assert "CNC machinist" in [c.text for c in store.cards()]


def test_projections_import_is_one_action_and_replaces_a_code(store: SessionStore) -> None:
    store.import_projections(
        [{"soc_code": "51-4041", "annual_openings": "1,230", "title": "Machinists"}],
        source="Kansas Department of Labor",
        period="2022-2032",
    )
    store.import_projections(
        [
            {"soc_code": "51-4041", "annual_openings": "1,240"},
            {"soc_code": "51-9161", "annual_openings": "310"},
        ],
        source="Kansas Department of Labor",
        period="2022-2032",
    )
    got = {p.soc_code: p.annual_openings for p in store.projections()}
    assert got == {"51-4041": "1,240", "51-9161": "310"}
    store.undo()
    assert [(p.soc_code, p.annual_openings) for p in store.projections()] == [("51-4041", "1,230")]
