"""Pathways read off the wall's links: pure functions, no files (issue 16)."""

from __future__ import annotations

import pytest

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import Card, CardLink, Category
from focusgroup.domain.pathway import choose_pathway, pathways, rising_levels

LEVELS = ("entry", "mid", "advanced")


def _card(card_id: int, text: str, category: int | None, level: str) -> Card:
    return Card(
        card_id, text, None, category, level, float(card_id), (), False, None,
        "", "", "", 0, None, "",
    )  # fmt: skip


def _link(a: int, b: int) -> CardLink:
    return CardLink(a * 100 + b, a, b, "")


CATS = (
    Category(1, "Production", "", 0.0),
    Category(2, "Office", "", 1.0),
    Category(3, "Sales", "", 2.0),
)


def test_links_across_categories_make_one_pathway_in_level_order() -> None:
    cards = [
        _card(1, "Planner", 2, "advanced"),
        _card(2, "Operator", 1, "entry"),
        _card(3, "Machinist", 1, "mid"),
        _card(4, "Clerk", 2, "entry"),  # unlinked: joins the pathway through Office
        _card(5, "Rep", 3, "entry"),  # unlinked, own category: its own pathway
        _card(6, "Loose", None, "unsorted"),  # not on the wall yet: on no pathway
    ]
    found = pathways(CATS, cards, [_link(2, 3), _link(3, 1)], LEVELS)
    assert [p.name for p in found] == ["Production + Office", "Sales"]
    first = found[0]
    assert [c.text for c in first.cards] == ["Operator", "Clerk", "Machinist", "Planner"]
    assert [(k.card_id, k.to_card_id) for k in first.links] == [(2, 3), (3, 1)]
    assert choose_pathway(found, "office").name == "Production + Office"


def test_two_chains_through_one_category_are_named_by_where_they_start() -> None:
    cards = [
        _card(1, "Operator", 1, "entry"),
        _card(2, "Machinist", 1, "mid"),
        _card(3, "Assembler", 1, "entry"),
        _card(4, "Lead", 1, "mid"),
    ]
    found = pathways(CATS, cards, [_link(1, 2), _link(3, 4)], LEVELS)
    assert [p.name for p in found] == ["Production, from Operator", "Production, from Assembler"]
    with pytest.raises(DomainError, match="matches several pathways"):
        choose_pathway(found, "Production")
    assert choose_pathway(found, "from assembler").cards[0].text == "Assembler"


def test_rising_levels_keeps_real_rises_that_matter_to_the_next_job() -> None:
    lower = {
        ("skill", "Mathematics"): (2.0, 3.0),
        ("skill", "Speaking"): (3.0, 3.5),
        ("knowledge", "Design"): (1.0, 2.0),
    }
    upper = {("skill", "Mathematics"): (4.5, 4.0), ("skill", "Speaking"): (3.3, 3.6),
             ("knowledge", "Design"): (3.0, 2.5)}  # fmt: skip
    rises = rising_levels(lower, upper)
    # Speaking rises 0.3 (noise); Design rises but matters little to the next job (2.5 < 3).
    assert [(r.name, r.before, r.after) for r in rises] == [("Mathematics", 2.0, 4.5)]
