"""Sector keys are stored in session files: they must stay stable and resolve from wordings."""

from __future__ import annotations

import pytest

from focusgroup.domain.sectors import (
    SECTOR_KEYS,
    SECTORS,
    find_sector,
    parse_category_list,
    sector_label,
)


def test_the_seven_sector_keys_are_stable():
    assert SECTOR_KEYS == (
        "manufacturing",
        "health-care",
        "it",
        "construction",
        "transportation-logistics",
        "hospitality",
        "energy",
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("health-care", "health-care"),
        ("Health care", "health-care"),
        ("HEALTHCARE", "health-care"),
        ("Advanced manufacturing", "manufacturing"),
        ("Transportation and Logistics", "transportation-logistics"),
        ("transportation & logistics", "transportation-logistics"),
        ("IT", "it"),
        ("Information technology", "it"),
    ],
)
def test_find_sector_by_key_label_or_wording(text, key):
    assert find_sector(text).key == key


def test_unknown_sector_is_none_and_shown_as_typed():
    assert find_sector("Aquaculture") is None
    assert sector_label("Aquaculture") == "Aquaculture"
    assert sector_label("it") == "Information technology"


def test_every_sector_has_distinct_categories_with_colours():
    for sector in SECTORS:
        names = [seed.name for seed in sector.categories]
        assert 5 <= len(names) <= 10 and len(set(names)) == len(names)
        assert all(seed.colour.startswith("#") for seed in sector.categories)


def test_category_list_parsing():
    assert parse_category_list(" Nursing, ,Allied health,nursing ") == ("Nursing", "Allied health")
    assert parse_category_list("none") == ()
    assert parse_category_list("None") == ()
    assert parse_category_list("") == ()
