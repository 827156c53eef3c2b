"""The room's shortlist, the takeaways and the re-engagement date (issue 14): stored, undoable."""

from __future__ import annotations

import pytest

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import SHORTLIST_MAX, TAKEAWAYS_MAX
from focusgroup.store import SessionStore


def _cards(store: SessionStore, *texts: str) -> list[int]:
    return [store.add_card(t) for t in texts]


def test_shortlist_keeps_the_order_it_was_marked_and_renumbers(store: SessionStore) -> None:
    a, b, c = _cards(store, "Welder", "Machinist", "Electrician")
    assert store.toggle_shortlist(b) is True
    store.toggle_shortlist(a)
    store.toggle_shortlist(c)
    assert [x.text for x in store.shortlist()] == ["Machinist", "Welder", "Electrician"]
    store.move_in_shortlist(c, -1)
    assert [x.text for x in store.shortlist()] == ["Machinist", "Electrician", "Welder"]
    assert store.toggle_shortlist(b) is False
    listed = store.shortlist()
    assert [x.text for x in listed] == ["Electrician", "Welder"]
    assert [x.shortlist for x in listed] == [1.0, 2.0]


def test_shortlist_is_undoable_and_capped(store: SessionStore) -> None:
    ids = _cards(store, *(f"Occupation {i}" for i in range(SHORTLIST_MAX + 1)))
    for card_id in ids[:SHORTLIST_MAX]:
        store.toggle_shortlist(card_id)
    with pytest.raises(DomainError, match="at most 10"):
        store.toggle_shortlist(ids[-1])
    store.undo()
    assert len(store.shortlist()) == SHORTLIST_MAX - 1


def test_a_merged_stack_stays_on_the_shortlist_once(store: SessionStore) -> None:
    a, b, c = _cards(store, "CNC machinist", "Machinist", "Welder")
    store.toggle_shortlist(c)
    store.toggle_shortlist(b)
    store.toggle_shortlist(a)
    store.merge_cards(a, [b])
    listed = store.shortlist()
    assert [x.text for x in listed] == ["Welder", "CNC machinist"]
    assert [x.shortlist_place for x in listed] == [1.0, 2.0]


def test_hands_taken_tells_zero_from_never(store: SessionStore) -> None:
    a, b = _cards(store, "Welder", "Machinist")
    store.set_hands(a, 0)
    cards = {c.id: c for c in store.cards()}
    assert cards[a].hands_taken and cards[a].hands == 0
    assert not cards[b].hands_taken


def test_takeaways_up_to_five_in_order_and_undoable(store: SessionStore) -> None:
    ids = [store.add_takeaway(f"Takeaway {i}") for i in range(TAKEAWAYS_MAX)]
    with pytest.raises(DomainError, match="room for 5"):
        store.add_takeaway("one more")
    store.move_takeaway(ids[2], -1)
    assert [t.text for t in store.takeaways()][:3] == ["Takeaway 0", "Takeaway 2", "Takeaway 1"]
    store.edit_takeaway(ids[0], "Welders are the hardest to find")
    store.delete_takeaway(ids[4])
    store.undo()
    texts = [t.text for t in store.takeaways()]
    assert texts[0] == "Welders are the hardest to find" and len(texts) == 5
    with pytest.raises(DomainError, match="can't be empty"):
        store.add_takeaway("   ")


def test_reengagement_date_is_checked(store: SessionStore) -> None:
    store.set_reengagement("2027-02-15")
    assert store.session().reengage_on == "2027-02-15"
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        store.set_reengagement("next spring")
    assert store.session().reengage_on == "2027-02-15"
    store.set_next_steps("We draft profiles for the shortlist.")
    assert store.session().next_steps == "We draft profiles for the shortlist."
    store.undo()
    store.undo()
    assert store.session().reengage_on == ""
