"""Every figure on the career pathway map is what the session file and the shipped indexes say.

The meeting is built as a user builds it (`new`, `import-cards`, the wall) and the map written
by `focusgroup map`; the expected figures come from plain SQL on the session file and from the
shipped wage indexes, never from the code that drew the map. Each is looked for in the JSON,
the Markdown and the PDF (read back with pdftotext, in drawing order).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pathway.truth import (
    FARGO,
    LEVEL_LABELS,
    LEVELS,
    Meeting,
    area_cells,
    build_meeting,
    expected_area_wage,
    expected_nation_wage,
    links,
    national_wages,
    run,
    session_area,
    wall,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> Meeting:
    return build_meeting(tmp_path_factory.mktemp("truth"))


@pytest.fixture(scope="module")
def documents(meeting: Meeting, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("map")
    written = [Path(p) for p in run("map", str(meeting.path), "--out", str(out)).splitlines()]
    files = {p.suffix.lstrip("."): p for p in written if p.parent == out}
    pdf = subprocess.run(
        ["pdftotext", "-raw", str(files["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    return {
        "json": json.loads(files["json"].read_text("utf-8")),
        "md": files["md"].read_text("utf-8"),
        "pdf": pdf,
    }


def _occupations(documents: dict[str, object]) -> dict[int, dict[str, object]]:
    data = documents["json"]
    assert isinstance(data, dict)
    return {o["card_id"]: o for page in data["pathways"] for o in page["occupations"]}


def test_the_meeting_is_what_the_map_is_checked_against(meeting: Meeting) -> None:
    truth = {t.text: t for t in wall(meeting.path)}
    assert session_area(meeting.path) == FARGO
    assert (truth["Welder"].cards, truth["Welder"].employers) == (3, 2)  # Ana's first and third


def test_every_occupation_is_named_by_its_distinct_employers(
    meeting: Meeting, documents: dict[str, object]
) -> None:
    """'Named by N' counts employers, not cards, as the summary does (one employer's first and
    third card in a stack count once)."""
    shown = _occupations(documents)
    truth = wall(meeting.path)
    assert sorted(shown) == [t.card_id for t in truth]  # every sorted card, once
    pdf = _squash(str(documents["pdf"]))
    for t in truth:
        word = "employer" if t.employers == 1 else "employers"
        assert shown[t.card_id]["employers"] == t.employers, t.text
        assert f"- Category: {t.category}; named by {t.employers} {word}" in str(documents["md"])
        assert _squash(f"{t.category} · {t.employers} {word}") in pdf, t.text


def test_every_wage_is_the_published_figure_of_the_area_and_the_nation(
    meeting: Meeting, documents: dict[str, object]
) -> None:
    """The area's median from the regional index, the nation's from the O*NET index's OEWS
    table; a figure BLS publishes only for the broad group says whose figure it is."""
    shown = _occupations(documents)
    cells = area_cells(session_area(meeting.path))
    nation = national_wages()
    markdown = str(documents["md"])
    pdf = _squash(str(documents["pdf"]))
    for t in wall(meeting.path):
        occ = shown[t.card_id]
        if not t.soc_code:
            assert occ["wage_area"]["text"] == occ["wage_nation"]["text"] == "to collect"
            continue
        area = expected_area_wage(t.soc_code, cells, nation)
        us = expected_nation_wage(t.soc_code, nation)
        assert occ["wage_area"]["text"] == area, t.text
        assert occ["wage_nation"]["text"] == us, t.text
        assert f"- Median hourly wage, Fargo, ND-MN: {area} [" in markdown, t.text
        assert f"- Median hourly wage, United States: {us} [" in markdown, t.text
        assert _squash(f"Median wage, Fargo, ND-MN: {area}") in pdf, t.text
        assert _squash(f"Median wage, U.S.: {us}") in pdf, t.text


def test_each_step_up_is_in_the_box_before_the_level_it_reaches(
    meeting: Meeting, documents: dict[str, object]
) -> None:
    """'To move up to Advanced' holds every link reaching Advanced; one that skips a level says
    where it starts, and none sits under a level it does not reach."""
    data = documents["json"]
    assert isinstance(data, dict)
    boxes = [(box, page) for page in data["pathways"] for box in page["move_ups"]]
    markdown = str(documents["md"])
    pdf = _squash(str(documents["pdf"]))
    for a, a_level, b, b_level in links(meeting.path):
        if LEVELS.index(b_level) <= LEVELS.index(a_level):
            continue
        found = [
            (box, page, c)
            for box, page in boxes
            for c in box["comparisons"]
            if (c["from_title"], c["to_title"]) == (a, b)
        ]
        assert len(found) == 1, (a, b)
        ((box, page, comparison),) = found
        assert box["to_level"] == b_level, (a, b)
        skips = LEVELS.index(b_level) - LEVELS.index(a_level) > 1
        assert comparison["skips_from"] == (a_level if skips else "")
        start = f"{a} ({LEVEL_LABELS[a_level]})" if skips else a
        # The Markdown page of that pathway, from the box's heading to the next level's.
        page_md = markdown[markdown.index(f"# Career pathway: {page['pathway']}\n") :]
        heading = f"### To move up: {LEVEL_LABELS[box['from_level']]} → {LEVEL_LABELS[b_level]}"
        section = page_md[page_md.index(heading) :]
        assert section.index(f"- {start} → {b}:") < section.index("\n## "), (a, b)
        assert _squash(f"To move up to {LEVEL_LABELS[b_level]}") in pdf
        assert _squash(f"{start} → {b}") in pdf, (a, b)


def test_an_empty_level_of_a_pathway_never_says_the_wall_has_none(
    meeting: Meeting, documents: dict[str, object]
) -> None:
    """Logistics has no advanced card while the wall has some (in Health): its page says 'in this
    pathway', never 'on the wall'."""
    data = documents["json"]
    assert isinstance(data, dict)
    on_wall = {t.level for t in wall(meeting.path)}
    empty = [
        (page["pathway"], level)
        for page in data["pathways"]
        for level, _ in page["levels"]
        if not any(o["level"] == level for o in page["occupations"])
    ]
    assert any(level in on_wall for _, level in empty)  # the trap is there
    markdown, pdf = str(documents["md"]), str(documents["pdf"])
    for text in (markdown, pdf):
        assert "on the wall" not in text.replace("Link cards on the wall", "")
    assert markdown.count("No occupation at this level in this pathway.") == len(empty)
    assert _squash(pdf).count(_squash("No occupation at this level in this pathway.")) == len(empty)
