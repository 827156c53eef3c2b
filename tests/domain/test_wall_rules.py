"""The wall's rules on plain domain objects: no session file, no SQLite."""

from __future__ import annotations

from focusgroup.domain.model import Card
from focusgroup.domain.wall import rank_occupations, reason_tallies
from tests.builders import card


def test_ranking_counts_employers_then_hands_then_name() -> None:
    welder = card(1, "Welder", hands=2)
    machinist = card(2, "Machinist", members=(card(3, "CNC operator", stack_id=2),))
    driver = card(4, "Driver", hands=5)
    ranked = rank_occupations([welder, machinist, driver, *machinist.members])
    assert [(r.card.text, r.employers, r.hands) for r in ranked] == [
        ("Machinist", 2, 0),
        ("Driver", 1, 5),
        ("Welder", 1, 2),
    ]


def test_reasons_are_tallied_over_every_card_in_a_stack() -> None:
    lead = card(
        1,
        "Machinist",
        reasons=("hard",),
        members=(card(2, "CNC", reasons=("hard", "many"), stack_id=1),),
    )
    assert reason_tallies([lead, card(3, "Welder", reasons=("many",))]) == {"hard": 2, "many": 2}


def test_builder_makes_plain_frozen_cards() -> None:
    assert isinstance(card(1, "x"), Card)
