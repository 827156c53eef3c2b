"""`focusgroup areas SEARCH` and `--area SEARCH` read a search the same way.

A user looks an area up with `areas`, then types the same words after `--area`: what the list
shows must be what `--area` takes, and an area `--area` accepts must be in the list.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.cli import main
from focusgroup.regional.index import AreaError, areas, find_area
from tests.pathway.truth import build_meeting, run


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


def test_a_nonmetropolitan_area_is_never_called_a_metropolitan_one(tmp_path: Path) -> None:
    """BLS types both 'M'; its codes tell them apart (state FIPS first for a nonmetropolitan
    area). The map's wage footnote names the kind the area is."""
    for area in areas():
        nonmetro = area.kind == "nonmetropolitan area"
        assert nonmetro == ("nonmetropolitan" in area.name.casefold()), area
        if area.kind != "state":
            assert nonmetro == (not area.code.startswith("00")), area
    meeting = build_meeting(tmp_path / "m", area="Alaska nonmetropolitan area")
    out = tmp_path / "out"
    run("map", str(meeting.path), "--out", str(out))
    sources = [s["text"] for p in json.loads(next(out.glob("*.json")).read_text())["pathways"]
               for s in p["sources"]]  # fmt: skip
    (wages,) = set(s for s in sources if "Alaska" in s)
    assert "Alaska nonmetropolitan area, all industries" in wages
    assert "(metropolitan area)" not in wages
    listed = CliRunner().invoke(main, ["areas", "alaska nonmetropolitan"]).stdout
    assert "nonmetropolitan area  Alaska nonmetropolitan area" in listed
