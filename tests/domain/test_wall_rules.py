"""The wall's rules on plain domain objects: no session file, no SQLite."""

from __future__ import annotations

from focusgroup.domain.model import Card
from focusgroup.domain.wall import rank_occupations, reason_tallies
from tests.builders import card


def test_ranking_counts_employers_then_reasons_then_hands_never_the_name() -> None:
    """Issue 14: distinct employers, then reasons given, then hands; a tie keeps card order."""
    welder = card(1, "Welder", hands=2)
    machinist = card(2, "Machinist", members=(card(3, "CNC operator", stack_id=2),))
    driver = card(4, "Driver", hands=5)
    assembler = card(5, "Assembler", reasons=("hard",))
    zebra, apple = card(6, "Zebra press"), card(7, "Apple picker")
    # One employer's first and third card in a stack: one employer.
    own = card(
        8,
        "Fitter",
        participant_id=8,
        members=(card(9, "Pipe fitter", participant_id=8, stack_id=8),),
    )
    cards = [
        welder,
        machinist,
        driver,
        assembler,
        zebra,
        apple,
        own,
        *machinist.members,
        *own.members,
    ]
    ranked = rank_occupations(cards)
    assert [(r.card.text, r.employers, r.reasons, r.hands) for r in ranked] == [
        ("Machinist", 2, 0, None),  # never had a show of hands: None, not 0
        ("Assembler", 1, 1, None),
        ("Driver", 1, 0, 5),
        ("Welder", 1, 0, 2),
        ("Zebra press", 1, 0, None),
        ("Apple picker", 1, 0, None),
        ("Fitter", 1, 0, None),
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
