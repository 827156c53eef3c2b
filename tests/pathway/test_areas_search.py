"""`focusgroup areas SEARCH` and `--area SEARCH` read a search the same way.

A user looks an area up with `areas`, then types the same words after `--area`: what the list
shows must be what `--area` takes, and an area `--area` accepts must be in the list.
"""

from __future__ import annotations

import re

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.cli import main
from focusgroup.regional.index import AreaError, areas, find_area


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())


def _listed(search: str) -> list[str]:
    result = CliRunner().invoke(main, ["areas", search])
    assert result.exit_code == 0, result.output
    return [line.split("  ")[0] for line in result.stdout.splitlines() if line.strip()]


NAMES = [a.name for a in areas()]


def _typed(name: str, cut: int, punctuation: bool, case: bool) -> str:
    """How a person types part of an area's name: some words, commas and dashes dropped."""
    words = name.replace(",", " ").replace("-", " ").split() if punctuation else name.split()
    text = " ".join(words[: max(1, cut)])
    return text.lower() if case else text


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    cut=st.integers(1, 6),
    punctuation=st.booleans(),
    case=st.booleans(),
)
def test_what_areas_lists_is_what_area_accepts(
    name: str, cut: int, punctuation: bool, case: bool
) -> None:
    search = _typed(name, cut, punctuation, case)
    listed = _listed(search)
    try:
        chosen = find_area(search)
    except AreaError as error:
        assert len(listed) != 1, (search, listed)  # refused only when the list is not one
        if listed:
            assert f"matches {len(listed)} areas" in str(error)
        return
    assert chosen.code in listed, (search, listed)
    if len(listed) > 1:  # several listed: --area took the one named exactly
        assert _plain(search) == _plain(chosen.name) or search == chosen.code


def test_the_readmes_searches_are_listed() -> None:
    assert _listed("kansas city mo") == ["0028140"]
    assert _listed("Fargo ND") == ["0022020"]
    assert _listed("0022020") == ["0022020"]
    result = CliRunner().invoke(main, ["areas", "zzz"])
    assert result.exit_code == 0 and "No state or metropolitan area" in result.output
