"""The crosswalk commands as a user runs them, including their errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.crosswalk import index
from focusgroup.crosswalk.suggest import jobs_named
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol
from tests.crosswalk.builders import write_tiny_release


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_soc_search_prints_one_suggestion_per_line() -> None:
    result = run("soc", "search", "maint", "tech", "--limit", "3")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 3
    code, title, why = lines[0].split("  ", 2)
    assert code == "49-9071.00"
    assert title == "Maintenance and Repair Workers, General"
    assert "abbreviation maint tech → maintenance technician" in why


def test_soc_search_json() -> None:
    result = run("soc", "search", "RN - ICU", "--json", "-n", "2")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert len(data) == 2
    assert data[0]["soc_code"] == "29-1141"
    assert set(data[0]) == {
        "onet_code", "soc_code", "title", "score", "why", "job_zone", "soc_title",
    }  # fmt: skip
    assert data[0]["soc_title"] == "Registered Nurses"  # the SOC code's own title


def test_soc_search_with_no_match_says_so() -> None:
    result = run("soc", "search", "qqqqzz")
    assert result.exit_code == 0
    assert "No occupation matches 'qqqqzz'" in result.output


def test_onet_import_rejects_a_path_that_is_not_a_release(tmp_path: Path) -> None:
    for path in (tmp_path / "nowhere", tmp_path):
        result = run("onet", "import", str(path))
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
        assert "Traceback" not in result.output
    assert not index.user_index_path().exists()


def test_onet_import_from_a_zip_is_then_used(tmp_path: Path) -> None:
    folder = write_tiny_release(tmp_path / "db_30_9_text")
    archive = tmp_path / "db_30_9_text.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, f"db_30_9_text/{file.name}")
    result = run("onet", "import", str(archive))
    assert result.exit_code == 0, result.output
    assert "Imported O*NET 30.9: 3 occupations" in result.output
    assert index.user_index_path().exists()
    assert "29-1141.00  Registered Nurses" in run("soc", "search", "zeppelin medic").output
    info = run("onet", "info").output
    assert str(index.user_index_path()) in info and "O*NET 30.9 Database" in info


def test_crosswalk_suggests_stores_and_undo_clears(tmp_path: Path) -> None:
    path = tmp_path / "meeting.db"
    store = SessionStore.create(path, tiny_protocol(), title="Manufacturing")
    production = store.categories()[0].id
    cnc = store.add_card("CNC guy", category_id=production, level="mid")
    nurse = store.add_card("RN - ICU", category_id=production, level="entry")
    coded = store.add_card("Welder", category_id=production, level="entry")
    store.set_soc(coded, soc_code="51-4121", onet_code="51-4121.00", soc_title="Welders")
    store.close()

    result = run("crosswalk", str(path))
    assert result.exit_code == 0, result.output
    assert "#1 'CNC guy'" in result.output and "'Welder'" not in result.output
    assert "2 uncoded cards" in result.output
    with SessionStore.open(path) as store:
        assert store.card(cnc).soc_code == ""  # suggestions only

    result = run("crosswalk", str(path), "--accept-top")
    assert result.exit_code == 0, result.output
    # Issue 14: the SOC code with its SOC title, the O*NET occupation with its own.
    assert "stored 29-1141 Registered Nurses (O*NET 29-1141.03 Critical Care Nurses)" in (
        result.output
    )
    assert "note: O*NET job zone 4" in result.output  # an RN written as an entry-level card
    assert "Stored codes on 2 of 2 cards" in result.output

    store = SessionStore.open(path, actor="cli")
    try:
        card = store.card(nurse)
        assert (card.soc_code, card.onet_code) == ("29-1141", "29-1141.03")
        assert card.soc_title == "Registered Nurses"
        assert store.card(cnc).soc_code in {"51-4041", "51-9161"}
        store.undo()  # the last stored crosswalk goes away as one action
        assert store.card(nurse).soc_code == ""
        assert store.card(nurse).onet_code == ""
        assert store.card(cnc).soc_code != ""
    finally:
        store.close()

    assert "Every occupation card already has a SOC code" not in run("crosswalk", str(path)).output


def test_crosswalk_of_a_missing_session_is_one_line(tmp_path: Path) -> None:
    result = run("crosswalk", str(tmp_path / "nope.db"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output


def test_soc_search_reads_shorthand_in_the_sector() -> None:
    """Issue 14: 'Operator' in construction is an equipment operator, not a switchboard."""
    plain = run("soc", "search", "Operator", "-n", "1").output
    assert not plain.startswith("47-2073")
    result = run("soc", "search", "Operator", "--sector", "construction", "-n", "1")
    assert result.exit_code == 0
    assert result.output.startswith("47-2073.00  Operating Engineers and Other Construction")
    assert "read in this sector as 'construction equipment operator'" in result.output
    bad = CliRunner().invoke(main, ["soc", "search", "Operator", "--sector", "mining"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: Unknown sector 'mining'")


def test_accept_top_stores_only_clear_matches_in_the_sessions_sector(tmp_path: Path) -> None:
    """Issue 14's cards: a sure code is stored with its own title, the rest are listed."""
    path = tmp_path / "build.db"
    store = SessionStore.create(path, tiny_protocol(), title="Builders", sector="construction")
    production = store.categories()[0].id
    operator = store.add_card("Operator", category_id=production, level="entry")
    vague = store.add_card("Tech", category_id=production, level="entry")
    # A stack: every wording counts ("Lead" alone says nothing, "MIG welder" does).
    stack = store.add_card("Lead", category_id=production, level="mid")
    store.merge_cards(stack, [store.add_card("MIG welder")])
    store.close()

    result = run("crosswalk", str(path), "--accept-top")
    assert result.exit_code == 0, result.output
    assert "#1 'Operator' [entry]" in result.output
    assert "stored 47-2073 Operating Engineers and Other Construction Equipment Operators" in (
        result.output
    )
    assert "'Lead' (also: MIG welder)" in result.output
    assert "stored 51-4121 Welders, Cutters, Solderers, and Brazers" in result.output
    assert "Stored codes on 2 of 3 cards" in result.output
    assert (
        "Left for you to decide (1):\n    #2 'Tech': 'Tech' alone is too general" in result.output
    )
    with SessionStore.open(path) as store:
        assert store.card(operator).soc_code == "47-2073"
        assert store.card(vague).soc_code == ""
        assert store.card(stack).soc_title == "Welders, Cutters, Solderers, and Brazers"


def test_accept_top_says_what_to_check_and_why_it_left_a_card(tmp_path: Path) -> None:
    """A wording the sector's glossary knows as several jobs: stored only when it is one of
    them and clearly ahead, with the others named; otherwise left, saying which they are."""
    from focusgroup.crosswalk.glossary import lookup
    from focusgroup.crosswalk.suggest import jobs_named, suggest

    path = tmp_path / "build.db"
    store = SessionStore.create(path, tiny_protocol(), title="Builders", sector="construction")
    production = store.categories()[0].id
    for text in ("Mason", "Superintendent", "Lowboy driver"):
        store.add_card(text, category_id=production, level="mid")
    store.close()
    result = run("crosswalk", str(path), "--accept-top")
    assert result.exit_code == 0, result.output
    assert "stored 53-3032 Heavy and Tractor-Trailer Truck Drivers" in result.output
    for text in ("Mason", "Superintendent"):
        entry = lookup(text, "construction")
        assert entry is not None and entry.choices
        expected = suggest([text], sector="construction")
        if expected.confident:
            others = [c for c in entry.choices if c != expected.best.soc_code]  # type: ignore[union-attr]
            assert f"note: in this sector {entry.wording!r} can also be {jobs_named(others)}" in (
                result.output
            )
        else:
            assert f"'{text}': {expected.reason}" in result.output
            assert "can be more than one job" in expected.reason or "is one of" in expected.reason


def test_crosswalk_says_which_sector_it_reads_the_cards_in(tmp_path: Path) -> None:
    """A session whose sector is free text the crosswalk does not know ("Mining") is read as
    a meeting without one; the facilitator is told, not left to think the sector counted."""
    for name, sector, line in (
        ("build", "construction", "Cards read as in a Construction meeting."),
        ("older", "Advanced manufacturing", "Cards read as in a Manufacturing meeting."),
        ("none", "", "The session has no sector: cards are read as in any meeting."),
        (
            "mining",
            "Mining and quarrying",
            "The session's sector 'Mining and quarrying' is not one the crosswalk knows",
        ),
    ):
        path = tmp_path / f"{name}.db"
        store = SessionStore.create(path, tiny_protocol(), title="Room", sector=sector)
        store.add_card("Welder", category_id=store.categories()[0].id, level="mid")
        store.close()
        result = run("crosswalk", str(path))
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[1].startswith(line), result.output


def test_a_stack_of_an_asked_wording_and_a_word_naming_no_job_keeps_to_the_listed_jobs(
    tmp_path: Path,
) -> None:
    """'Apprentice' merged onto 'Carpet and tile installer' (47-2041 or 47-2044 on a building
    site) once stored 47-3013 Helpers--Electricians; now the card waits for the room."""
    from focusgroup.crosswalk.glossary import lookup

    entry = lookup("Carpet and tile installer", "construction")
    assert entry is not None and entry.choices
    path = tmp_path / "build.db"
    store = SessionStore.create(path, tiny_protocol(), title="Builders", sector="construction")
    stack = store.add_card("Carpet and tile installer", category_id=store.categories()[0].id)
    store.merge_cards(stack, [store.add_card("Apprentice")])
    store.close()
    result = run("crosswalk", str(path), "--accept-top")
    assert result.exit_code == 0, result.output
    assert "Stored codes on 0 of 1 card" in result.output
    assert (
        f"'Carpet and tile installer': in this sector 'Carpet and tile installer' is one of "
        f"{jobs_named(entry.choices)}: ask the room"
    ) in result.output
    with SessionStore.open(path) as store:
        assert store.card(stack).soc_code == ""


def test_each_asked_wording_of_a_stack_is_named_with_its_own_jobs() -> None:
    from focusgroup.crosswalk.glossary import lookup
    from focusgroup.crosswalk.suggest import jobs_named, suggest

    rig, foreman = lookup("Rig mechanic", "energy"), lookup("Foreman", "energy")
    assert rig is not None and foreman is not None and rig.choices and foreman.choices
    result = suggest(["Rig mechanic", "Foreman"], sector="energy")
    if result.confident:
        best = result.best.soc_code  # type: ignore[union-attr]
        for entry in (rig, foreman):
            others = jobs_named([c for c in entry.choices if c != best])
            assert f"{entry.wording!r} can also be {others}" in result.note


def test_accept_top_says_the_undo_that_takes_its_codes_back(tmp_path: Path) -> None:
    """The codes are the command line's seat's: the app's ctrl+z says 'Nothing to undo on
    this seat', so the summary names the command that does undo them, and it works."""
    path = tmp_path / "build.db"
    store = SessionStore.create(path, tiny_protocol(), title="Builders", sector="construction")
    welder = store.add_card("Welder", category_id=store.categories()[0].id)
    plumber = store.add_card("Plumber", category_id=store.categories()[0].id)
    store.close()
    result = run("crosswalk", str(path), "--accept-top")
    assert f"Stored codes on 2 of 2 cards; each is one `focusgroup undo {path}`." in (result.output)
    assert "in the app" not in result.output
    assert run("undo", str(path)).exit_code == 0
    with SessionStore.open(path) as store:
        assert store.card(plumber).soc_code == "" and store.card(welder).soc_code == "51-4121"
