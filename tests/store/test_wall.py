"""Cards on the wall: placing, moving, merging and the read models built from them."""

from __future__ import annotations

from pathlib import Path

from focusgroup.domain.wall import rank_occupations, reason_tallies
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol


def test_new_cards_land_in_unsorted_and_keep_text_exactly(store: SessionStore) -> None:
    text = "  [bold]Zoë's[/] \\ $accent CNC guy  "
    card = store.add_card(text)
    assert store.card(card).text == text
    assert store.wall().unsorted[0].id == card


def test_cards_step_through_categories_and_levels(store: SessionStore) -> None:
    production, office = (c.id for c in store.categories())
    card = store.add_card("Machinist")
    store.step_card_category(card, +1)
    assert (store.card(card).category_id, store.card(card).level) == (production, "entry")
    store.step_card_level(card, +1)
    store.step_card_category(card, +1)
    assert (store.card(card).category_id, store.card(card).level) == (office, "mid")
    store.step_card_level(card, +1)
    store.step_card_level(card, +1)  # stays at the top level
    assert store.card(card).level == "advanced"
    store.step_card_category(card, -1)
    store.step_card_category(card, -1)
    assert store.card(card).category_id is None  # back to the tray


def test_reorder_within_a_place(store: SessionStore) -> None:
    production = store.categories()[0].id
    ids = [store.add_card(t, category_id=production, level="entry") for t in "ABC"]
    store.reorder_card(ids[2], -1)
    assert [c.text for c in store.wall().cell(production, "entry")] == ["A", "C", "B"]


def test_merge_counts_employers_and_keeps_every_wording(store: SessionStore) -> None:
    people = [store.add_participant(n, f"{n} Inc") for n in ("Ann", "Bo", "Cy")]
    a = store.add_card("CNC machinist", people[0], reasons=["hard"])
    b = store.add_card("Machinist - CNC", people[1], reasons=["many"])
    c = store.add_card("CNC guy", people[2])
    store.merge_cards(a, [b, c])
    stack = store.card(a)
    assert stack.count == 3
    assert stack.wordings == ("CNC machinist", "Machinist - CNC", "CNC guy")
    assert set(stack.all_reasons) == {"hard", "many"}
    assert [card.id for card in store.cards()] == [a]

    store.unmerge_card(b)
    assert store.card(a).count == 2
    assert {card.id for card in store.cards()} == {a, b}
    store.split_stack(a)
    assert {card.id for card in store.cards()} == {a, b, c}
    store.undo()
    store.undo()
    assert store.card(a).count == 3


def test_merging_stacks_moves_members_too(store: SessionStore) -> None:
    a, b, c, d = (store.add_card(t) for t in ("A", "B", "C", "D"))
    store.merge_cards(c, [d])
    store.merge_cards(a, [b, c])
    assert store.card(a).count == 4


def test_ranking_by_employers_then_show_of_hands(store: SessionStore) -> None:
    people = [store.add_participant(n) for n in ("Ann", "Bo", "Cy")]
    welder = store.add_card("Welder", people[0])
    store.merge_cards(welder, [store.add_card("Welder/fabricator", people[1])])
    driver = store.add_card("CDL driver", people[2])
    clerk = store.add_card("Clerk", people[2])
    store.set_hands(clerk, 9)
    ranked = rank_occupations(store.cards())
    assert [(r.card.id, r.employers) for r in ranked] == [(welder, 2), (clerk, 1), (driver, 1)]
    assert reason_tallies(store.cards()) == {}


def test_removing_a_category_sends_its_cards_to_unsorted(store: SessionStore) -> None:
    production = store.categories()[0].id
    card = store.add_card("Welder", category_id=production, level="mid")
    store.remove_category(production)
    assert store.card(card).category_id is None
    assert [c.name for c in store.categories()] == ["Office"]
    store.undo()
    assert store.card(card).category_id == production
    assert store.card(card).level == "mid"


def test_category_add_rename_reorder(store: SessionStore) -> None:
    new = store.add_category("Logistics", "teal")
    store.rename_category(new, "Transportation & logistics")
    store.move_category(new, -1)
    assert [c.name for c in store.categories()] == [
        "Production",
        "Transportation & logistics",
        "Office",
    ]
    store.recolour_category(new, "#00aa88")
    assert store.category(new).colour == "#00aa88"


def test_third_card_is_the_employers_third_not_the_steps(store: SessionStore) -> None:
    """Issue 13: "third card" follows the employer's card count, not the agenda step."""
    maria = store.add_participant("Maria Lopez", "Lopez Fabrication")
    first = store.add_card("Welder", maria)
    store.set_step(1)  # the built-in protocol's third-card step is later; any step will do
    second = store.add_card("CNC machinist", maria)  # a late second card, typed in a later step
    third = store.add_card("Inside sales", maria)
    unattributed = store.add_card("Maintenance tech")
    assert [store.card(i).third_card for i in (first, second, third)] == [False, False, True]
    assert not store.card(unattributed).third_card
    assert store.card(third).step == 1
    third_step = next(i for i, s in enumerate(store.protocol().steps) if s.third_card)
    store.set_step(third_step)
    assert not store.card(store.add_card("Planner")).third_card  # during step 5, nobody's third


def test_changing_a_cards_author_redecides_third_card(store: SessionStore) -> None:
    maria = store.add_participant("Maria Lopez")
    tom = store.add_participant("Tom Reed")
    store.add_card("Welder", maria)
    store.add_card("Machinist", maria)
    card = store.add_card("tom", maria)  # typed into the wrong field: Maria's "third"
    assert store.card(card).third_card
    store.edit_card(card, "CNC machinist", tom)
    moved = store.card(card)
    assert (moved.text, moved.participant_id, moved.third_card) == ("CNC machinist", tom, False)
    store.undo()
    back = store.card(card)
    assert (back.text, back.participant_id, back.third_card) == ("tom", maria, True)


def test_tagging_a_stack_member_tags_the_stack(store: SessionStore) -> None:
    lead, member = store.add_card("Welder"), store.add_card("Welder/fabricator")
    store.merge_cards(lead, [member])
    store.toggle_reason(member, "hard")
    store.set_hands(member, 4)
    assert store.card(lead).reasons == ("hard",)
    assert store.card(lead).hands == 4


def test_competencies_follow_their_card_into_a_stack_and_survive_its_deletion(
    store: SessionStore,
) -> None:
    lead, other = store.add_card("Welder"), store.add_card("Welder/fabricator")
    skill = store.add_competency("MIG welding", card_id=other)
    store.merge_cards(lead, [other])
    assert store.competencies()[0].card_id == lead
    store.delete_card(lead)
    assert store.competencies()[0].card_id is None
    store.undo()
    store.redo()  # found by the crash test: redo refused when a member was still linked
    assert store.cards() == []
    assert store.competencies()[0].id == skill


def test_cards_read_by_a_long_lived_store_match_a_fresh_read(tmp_path: Path) -> None:
    """The store reuses Card objects for unchanged rows; every kind of change still shows,
    including one made through another connection (the other seat)."""
    path = tmp_path / "m.db"
    store = SessionStore.create(path, tiny_protocol(), title="T")
    other = SessionStore.open(path, actor="note-taker")
    ids = [store.add_card(f"Card {i}") for i in range(6)]

    def fresh() -> list:
        reader = SessionStore.open(path)
        try:
            return reader.cards()
        finally:
            reader.close()

    steps = [
        lambda: store.merge_cards(ids[0], [ids[1], ids[2]]),
        lambda: store.toggle_reason(ids[3], store.protocol().reasons[0].key),
        lambda: other.edit_card(ids[1], "Card one, reworded by the other seat"),
        lambda: other.set_hands(ids[0], 7),
        lambda: store.split_stack(ids[0]),
        lambda: store.step_card_category(ids[4], 1),
        lambda: store.undo(),
    ]
    assert store.cards() == fresh()
    for step in steps:
        step()
        mine, theirs = store.cards(), fresh()
        assert mine == theirs
        assert [c.members for c in mine] == [c.members for c in theirs]
    other.close()
    store.close()


def test_a_category_keeps_its_first_name_through_renames_removal_and_undo(
    store: SessionStore,
) -> None:
    """What a round's path columns are known by (the wall and the exports both ask)."""
    first, second = (c.id for c in store.categories())
    names = {c.id: c.name for c in store.categories()}
    store.rename_category(first, "Renamed")
    store.rename_category(first, "Renamed again")
    store.remove_category(second)
    store.undo()
    added = store.add_category("Added later")
    store.rename_category(added, "Then renamed")
    assert store.first_category_names() == {**names, added: "Added later"}
