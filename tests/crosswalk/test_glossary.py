"""The sector glossary: what a room's wording means in its sector, stored without asking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.crosswalk.glossary import (
    ASK,
    EVERY_SECTOR,
    PACKAGED_GLOSSARY,
    _tables,
    head_lookup,
    lookup,
    read_glossary,
    wording_keys,
)
from focusgroup.crosswalk.index import active_index_path
from focusgroup.crosswalk.sector_hints import spelled_out
from focusgroup.crosswalk.suggest import _glossary_entry, _job_part, jobs_named, suggest
from focusgroup.domain.sectors import SECTOR_KEYS

ENTRIES, PROBLEMS = read_glossary(PACKAGED_GLOSSARY)
SECTOR_ENTRIES = [e for e in ENTRIES if not e.asks]
ASKED = [e for e in ENTRIES if e.asks]
WITH_CHOICES = [e for e in ASKED if e.choices]


def test_the_shipped_glossary_reads_cleanly_with_real_codes_and_known_sectors() -> None:
    assert PROBLEMS == []
    with sqlite3.connect(f"file:{active_index_path()}?mode=ro", uri=True) as conn:
        detailed = {code for (code,) in conn.execute("SELECT DISTINCT soc_code FROM occupation")}
    assert {e.soc_code for e in SECTOR_ENTRIES} <= detailed
    assert {code for e in WITH_CHOICES for code in e.choices} <= detailed
    assert all(len(set(e.choices)) == len(e.choices) >= 2 for e in WITH_CHOICES)
    assert {e.sector for e in ENTRIES} == set(SECTOR_KEYS)
    # Each sector covers its trades broadly, not a handful of fixes.
    per_sector = {s: sum(e.sector == s for e in ENTRIES) for s in SECTOR_KEYS}
    assert min(per_sector.values()) >= 200, per_sector


def test_every_entry_is_found_as_its_code_whatever_its_grade_shift_or_plural() -> None:
    for entry in ENTRIES:
        for card in (
            entry.wording,
            f"Sr. {entry.wording} (nights)",
            f"{entry.wording} - 2nd shift",
        ):
            found = _glossary_entry(_job_part(card), card, entry.sector)
            assert found is not None and found.soc_code == entry.soc_code, (card, found)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SECTOR_ENTRIES))
def test_a_glossary_wording_in_its_sector_is_stored_as_its_code(entry) -> None:
    result = suggest([entry.wording], sector=entry.sector)
    assert result.best is not None
    assert result.best.soc_code == entry.soc_code
    assert result.confident, result.reason
    assert "glossary" in result.best.why


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(SECTOR_ENTRIES),
    st.sampled_from(["Sr. {}", "{} II", "{} - 2nd shift", "{} (nights)", "Lead {}", "{}s"]),
)
def test_grades_shifts_and_plurals_do_not_hide_a_glossary_wording(entry, form: str) -> None:
    card = form.format(entry.wording)
    found = lookup(card, entry.sector)
    if form == "Lead {}" and found is not None and found.soc_code != entry.soc_code:
        # "Lead" + wording can itself be a glossary wording ("Lead teller"): then that one holds.
        assert found.wording.lower().startswith("lead")
        return
    if form == "{}s" and entry.wording[-1:] in "sS":
        return  # no plural of a wording already ending in s is written
    assert suggest([card], sector=entry.sector).best.soc_code == entry.soc_code  # type: ignore[union-attr]


def test_shorthand_is_read_as_its_expansion_before_the_glossary_is_consulted() -> None:
    assert wording_keys("Maint tech")[-1] == wording_keys("maintenance technicians")[0]
    assert wording_keys("Sr. Welders (nights)") == wording_keys("welder") == ("welder",)
    assert wording_keys("Lead welder") == ("lead welder", "welder")
    # Shorthand with several readings stays as written ("mech": mechanic or mechanical).
    assert wording_keys("Mech") == ("mech",)


def test_a_wording_three_sectors_agree_on_holds_in_any_meeting() -> None:
    common = _tables()[EVERY_SECTOR]
    assert common, "no wording is shared by three sectors"
    entry = next(iter(common.values()))
    result = suggest([entry.wording], sector="")
    assert result.best is not None and result.best.soc_code == entry.soc_code
    assert result.confident
    assert "every sector's glossary" in result.best.why


def test_a_wording_only_one_sector_knows_does_not_decide_another_sectors_card() -> None:
    tables = _tables()
    common = tables[EVERY_SECTOR]
    for sector in SECTOR_KEYS:
        others = [s for s in SECTOR_KEYS if s != sector]
        for key, entry in tables[sector].items():
            if key in common or any(key in tables.get(o, {}) for o in others):
                continue
            assert lookup(entry.wording, others[0]) is None
            return
    pytest.fail("every wording is in two sectors")


def test_a_stack_whose_wordings_the_glossary_reads_differently_is_left_for_the_room() -> None:
    entries = [e for e in SECTOR_ENTRIES if e.sector == "manufacturing"]
    first = entries[0]
    other = next(e for e in entries if e.soc_code[:2] != first.soc_code[:2])
    result = suggest([first.wording, other.wording], sector="manufacturing")
    assert not result.confident
    assert result.reason.startswith("the stack holds two jobs:")
    assert f"{first.wording!r} is {first.soc_code}" in result.reason


def test_a_card_naming_four_jobs_says_four() -> None:
    result = suggest(["RN/LPN/CNA/MA"], sector="health-care")
    assert not result.confident
    assert result.reason.startswith("the stack holds 4 jobs:")
    for wording in ("RN", "LPN", "CNA", "MA"):
        entry = lookup(wording, "health-care")
        assert entry is not None and f"{wording!r} is {entry.soc_code}" in result.reason


def test_a_broken_glossary_line_is_named_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(
        "# comment\n"
        "construction\tLowboy driver\t53-3032\n"
        "construction\tlowboy drivers\t53-3033\n"
        "construction\tno code here\n",
        encoding="utf-8",
    )
    entries, problems = read_glossary(path)
    assert [e.soc_code for e in entries] == ["53-3032"]
    assert problems == [
        "line 3: 'lowboy drivers' reads as 'Lowboy driver', which is 53-3032, not 53-3033",
        "line 4: expected sector, wording, SOC code",
    ]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SECTOR_ENTRIES), st.sampled_from(["Acme", "Plant", "Night", "Main site"]))
def test_a_card_ending_in_a_glossary_wording_is_offered_that_job(entry, before: str) -> None:
    card = f"{before} {entry.wording}"
    if lookup(card, entry.sector) is not None:
        return  # the longer wording is an entry of its own
    head = head_lookup(card, entry.sector)
    assert head is not None and head.soc_code == entry.soc_code
    codes = [m.soc_code for m in suggest([card], sector=entry.sector, limit=3).matches]
    assert entry.soc_code in codes


def test_a_wording_its_sector_asks_about_is_not_decided_by_other_sectors() -> None:
    tables = _tables()
    common = tables[EVERY_SECTOR]
    asked = [e for e in ASKED if wording_keys(e.wording)[0] in common]
    assert asked, "no sector asks about a wording three others agree on"
    for entry in asked:
        assert lookup(entry.wording, entry.sector).asks  # type: ignore[union-attr]
        result = suggest([entry.wording], sector=entry.sector)
        assert all("every sector's glossary" not in m.why for m in result.matches), entry


def test_no_glossary_wording_is_the_title_of_another_occupation() -> None:
    """Where O*NET or the SOC name an occupation by the very words of an entry ("Energy
    Auditors", 47-4011.01), the entry carries that occupation's code."""
    from focusgroup.crosswalk.text import index_tokens

    def words(title: str) -> str:
        return " ".join(sorted(index_tokens(title)))

    with sqlite3.connect(f"file:{active_index_path()}?mode=ro", uri=True) as conn:
        named = conn.execute(
            "SELECT title, soc_code FROM occupation UNION SELECT title, soc_code FROM soc"
        ).fetchall()
    codes_by_title: dict[str, set[str]] = {}
    for title, code in named:
        codes_by_title.setdefault(words(title), set()).add(code)
    clashes = [
        (e.sector, e.wording, e.soc_code, sorted(codes_by_title[words(e.wording)]))
        for e in SECTOR_ENTRIES
        if words(e.wording) in codes_by_title and e.soc_code not in codes_by_title[words(e.wording)]
    ]
    assert clashes == []


def test_where_the_sector_asks_about_the_job_its_qualifier_decides() -> None:
    assert lookup("Insulator", "construction").asks  # type: ignore[union-attr]
    # Building or mechanical insulation: "- mechanical" says which.
    result = suggest(["Insulator - mechanical"], sector="construction")
    assert result.best is not None and result.best.soc_code == "47-2132"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ASKED))
def test_a_wording_the_sector_asks_about_needs_twice_the_usual_lead(entry) -> None:
    from focusgroup.crosswalk.suggest import ASKED_MARGIN

    if spelled_out(entry.wording, entry.sector):
        return  # the sector's own reading of it ("GM" at a hotel: lodging manager) holds
    result = suggest([entry.wording], sector=entry.sector, limit=1000)  # the whole ranking
    if not result.matches or "glossary" in result.reason or "too general" in result.reason:
        return
    best = result.matches[0]
    rival = next((m for m in result.matches[1:] if m.soc_code[:4] != best.soc_code[:4]), None)
    lead = best.score - rival.score if rival else 1.0
    if result.confident:
        assert lead >= ASKED_MARGIN
    elif "too close" in result.reason:
        assert lead < ASKED_MARGIN
        assert "can be more than one job" in result.reason


def test_a_misspelt_word_is_put_right_before_the_glossary_is_read() -> None:
    assert lookup("Electrician", "construction").soc_code == "47-2111"  # type: ignore[union-attr]
    assert lookup("Electricain", "construction") is None
    result = suggest(["Electricain (residential)"], sector="construction")
    assert result.confident and result.best is not None
    assert result.best.soc_code == "47-2111"
    assert "glossary: 'Electrician'" in result.best.why


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WITH_CHOICES))
def test_a_wording_with_listed_jobs_is_stored_only_as_one_of_them_and_shows_them(entry) -> None:
    if spelled_out(entry.wording, entry.sector):
        return  # the sector's own reading of it holds
    result = suggest([entry.wording], sector=entry.sector)
    if result.confident and result.best is not None:
        assert result.best.soc_code in entry.choices, result.reason
    elif "is one of" in result.reason:
        assert all(code in result.reason for code in entry.choices)
    shown = {m.soc_code for m in result.matches}
    assert set(entry.choices) <= shown


def test_a_slashed_glossary_wording_is_one_job_not_the_two_its_sides_read_as() -> None:
    assert lookup("Barista/cashier", "hospitality").soc_code == "35-3023"  # type: ignore[union-attr]
    assert lookup("Cashier", "hospitality").soc_code != "35-3023"  # type: ignore[union-attr]
    result = suggest(["Barista/cashier"], sector="hospitality")
    assert result.confident and result.best is not None and result.best.soc_code == "35-3023"


def test_a_qualifier_ending_in_a_known_job_answers_the_rooms_question() -> None:
    assert lookup("Plant operator", "energy").asks  # type: ignore[union-attr]
    assert head_lookup("Plant operator, reactor", "energy").soc_code == "51-8011"  # type: ignore[union-attr]
    result = suggest(["Plant operator, reactor"], sector="energy")
    assert result.confident and result.best is not None and result.best.soc_code == "51-8011"


ANY_JOB = [e for e in ASKED if not e.choices]


@pytest.mark.parametrize("entry", ANY_JOB, ids=lambda e: f"{e.sector}:{e.wording}")
def test_a_wording_that_can_be_almost_any_job_in_the_sector_is_never_stored(entry) -> None:
    """`?` ("Director" in a hospital, "Floater" in a plant): the search's best guess
    (27-2012 Producers and Directors, 53-5011 Sailors) is never stored without the room."""
    if spelled_out(entry.wording, entry.sector):
        return  # the sector's own reading of it holds ("Operator" on a building site)
    result = suggest([entry.wording], sector=entry.sector)
    assert not result.confident, (result.best, result.reason)
    if result.matches and "too general" not in result.reason:
        assert f"in this sector {entry.wording!r} can be" in result.reason


@pytest.mark.parametrize(
    "card", ["Welding foreman", "Lead compactor operator (nights)", "Sr. Restoration technicians"]
)
def test_a_listed_jobs_wording_left_for_the_room_says_which_jobs_not_no_close_match(
    card: str,
) -> None:
    """Nothing the search found scores well, or its two best are close and neither is a
    listed job (museum conservators for a restoration technician), but the glossary knows
    the jobs: the reason the facilitator reads names them, and the jobs are shown."""
    entry = _glossary_entry(_job_part(card), card, "construction")
    assert entry is not None and entry.choices
    result = suggest([card], sector="construction")
    assert not result.confident
    assert result.reason == (
        f"in this sector {entry.wording!r} is one of {jobs_named(entry.choices)}: ask the room"
    )
    assert set(entry.choices) <= {m.soc_code for m in result.matches}


@pytest.mark.parametrize(
    ("card", "sector", "wording"),
    [
        ("Welder (TIG)", "construction", "TIG welder"),
        ("Welder - MIG", "construction", "MIG welder"),
        ("TIG welders (nights)", "construction", "TIG welder"),
    ],
)
def test_the_glossary_wording_named_as_the_reason_is_the_one_the_card_wrote(
    card: str, sector: str, wording: str
) -> None:
    """'MIG welder' and 'TIG welder' both spell out as 'welder welder'; a TIG card was
    explained by the MIG entry, which reads to the room as a misreading of its card."""
    result = suggest([card], sector=sector)
    assert result.confident and result.best is not None
    assert f"glossary: '{wording}' is 51-4121" in result.best.why


def test_without_a_sector_a_wording_two_sectors_ask_about_is_left_for_the_room() -> None:
    """'Director' is almost any job in a hospital and in an IT firm: in a meeting whose sector
    the crosswalk does not know, it is not stored either (it used to be 27-2012, Producers and
    Directors)."""
    from focusgroup.crosswalk.glossary import NO_SECTOR

    tables = _tables()
    asking = [s for s in SECTOR_KEYS if (e := tables[s].get("director")) is not None and e.asks]
    assert len(asking) >= 2
    assert tables[NO_SECTOR]["director"].soc_code == ASK
    result = suggest(["Director"], sector="")
    assert not result.confident
    assert result.reason.startswith("without the meeting's sector 'Director'")
    # A wording three sectors agree on still holds there.
    assert suggest(["Welder"], sector="").confident


def test_a_shorthand_plural_folds_and_a_plain_word_does_not() -> None:
    assert wording_keys("RNs")[-1] == "rn" and wording_keys("rns")[-1] == "rn"
    assert "pa" in wording_keys("pas")
    assert wording_keys("Bus driver") == ("bus driver",)
    assert wording_keys("Gas fitter") == ("gas fitter",)
