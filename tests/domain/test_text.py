"""The one way to shorten a text and the one way to name a file after one (domain/text.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusgroup.domain.text import one_line, shorten, slug


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Welder", 10, "Welder"),
        ("Welder", 6, "Welder"),
        ("Maintenance technician", 8, "Mainten…"),
        ("", 3, ""),
    ],
)
def test_shorten_keeps_short_text_and_cuts_long_text_to_the_limit(
    text: str, limit: int, expected: str
) -> None:
    assert shorten(text, limit) == expected


def test_shorten_with_an_ascii_ellipsis_for_plain_terminals() -> None:
    assert shorten("a" * 50, 40, ellipsis="...") == "a" * 37 + "..."


@given(st.text(), st.integers(min_value=1, max_value=200))
def test_shorten_never_exceeds_the_limit_and_keeps_the_start(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert len(short) <= max(limit, 1)
    assert text.startswith(short.removesuffix("…"))


def test_one_line_joins_every_kind_of_whitespace() -> None:
    assert one_line("  CNC\n\tmachinist  \r\n lead ") == "CNC machinist lead"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Łódź CNC", "lodz-cnc"),
        ("Zoë Łukasiewicz", "zoe-lukasiewicz"),
        ("Health care [b]2025", "health-care-b-2025"),
        ("Nguyễn Thị Minh Khai", "nguyen-thi-minh-khai"),
        ("Pat O'Brien, Jr.", "pat-o-brien-jr"),
    ],
)
def test_slug_folds_names_to_ascii_file_name_stems(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_falls_back_when_nothing_is_left_and_cuts_at_a_word_gap() -> None:
    assert slug("東京 !!", "session") == "session"
    assert slug("ab " * 30, limit=10) == "ab-ab-ab-a"
    assert not slug("ab " * 30, limit=9).endswith("-")


@given(st.text())
def test_a_slug_is_always_safe_in_a_file_name(text: str) -> None:
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug(text, limit=40))
    assert len(slug(text, limit=40)) <= 40
