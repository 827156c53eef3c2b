"""Every session command, as a user runs it, including its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.domain.sectors import SECTORS, find_sector, sector_label
from focusgroup.store import SessionStore


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_clean_error(result: Result, text: str) -> None:
    """Non-zero exit, the message, and no traceback."""
    assert result.exit_code != 0
    assert text in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["new"],
        ["open"],
        ["demo"],
        ["list"],
        ["import-cards"],
        ["import-participants"],
        ["history"],
        ["backup"],
        ["restore"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_new_creates_a_session_in_sessions_folder(isolated_home: Path) -> None:
    result = run(
        "new",
        "spring-meeting",
        "--title",
        "Spring meeting",
        "--sector",
        "Health care",
        "--region",
        "Tri-county",
        "--date",
        "2026-04-02",
        "--facilitator",
        "Dana",
        "--follow-up",
        "https://example.org/f",
    )
    assert result.exit_code == 0, result.output
    path = isolated_home / "sessions" / "spring-meeting.db"
    with SessionStore.open(path) as store:
        session = store.session()
        # "Health care" is stored as the sector's stable key (issue 13), shown by its label,
        # and the wall starts with health care's categories, not manufacturing's.
        assert (session.title, session.sector, session.date) == (
            "Spring meeting",
            "health-care",
            "2026-04-02",
        )
        assert sector_label(session.sector) == "Health care"
        assert session.follow_up_url == "https://example.org/f"
        assert store.protocol().id == "critical-occupations"
        assert [c.name for c in store.categories()] == list(
            find_sector("health-care").category_names
        )


def test_new_without_a_sector_keeps_the_protocols_example_categories(tmp_path: Path) -> None:
    result = run("new", str(tmp_path / "plain.db"), "--title", "Plain")
    assert result.exit_code == 0, result.output
    with SessionStore.open(tmp_path / "plain.db") as store:
        assert [c.name for c in store.categories()] == [
            seed.name for seed in store.protocol().categories
        ]


@pytest.mark.parametrize(
    ("sector", "names"),
    [(s.key, s.category_names) for s in SECTORS],
)
def test_new_sector_starts_with_that_sectors_categories(tmp_path, sector, names) -> None:
    result = run("new", str(tmp_path / "s.db"), "--title", "T", "--sector", sector)
    assert result.exit_code == 0, result.output
    with SessionStore.open(tmp_path / "s.db") as store:
        assert store.session().sector == sector
        assert tuple(c.name for c in store.categories()) == names
    assert f"{len(names)} categories" in result.output


def test_new_categories_list_and_none(tmp_path: Path) -> None:
    result = run(
        "new",
        str(tmp_path / "a.db"),
        "--title",
        "T",
        "--sector",
        "it",
        "--categories",
        "Help desk, Networks ,Software",
    )
    assert result.exit_code == 0, result.output
    with SessionStore.open(tmp_path / "a.db") as store:
        assert [c.name for c in store.categories()] == ["Help desk", "Networks", "Software"]
        assert store.session().sector == "it"
    result = run("new", str(tmp_path / "b.db"), "--title", "T", "--categories", "none")
    assert result.exit_code == 0, result.output
    assert "0 categories" in result.output
    with SessionStore.open(tmp_path / "b.db") as store:
        assert store.categories() == []


def test_new_unknown_sector_is_kept_and_says_which_categories(tmp_path: Path) -> None:
    result = run("new", str(tmp_path / "u.db"), "--title", "T", "--sector", "Aquaculture")
    assert result.exit_code == 0, result.output
    assert "No category set for sector 'Aquaculture'" in result.output
    with SessionStore.open(tmp_path / "u.db") as store:
        assert store.session().sector == "Aquaculture"


def test_new_with_the_competencies_protocol(tmp_path: Path) -> None:
    result = run(
        "new",
        str(tmp_path / "c.db"),
        "--title",
        "Machinists",
        "--protocol",
        "critical-competencies",
    )
    assert result.exit_code == 0, result.output
    with SessionStore.open(tmp_path / "c.db") as store:
        assert store.protocol().id == "critical-competencies"


def test_new_errors(tmp_path: Path) -> None:
    assert_clean_error(run("new", str(tmp_path / "a.db")), "--title")
    assert_clean_error(
        run("new", str(tmp_path / "a.db"), "--title", "X", "--protocol", "nope"), "nope"
    )
    assert_clean_error(
        run("new", str(tmp_path / "a.db"), "--title", "X", "--date", "14/10/2026"), "YYYY-MM-DD"
    )
    assert_clean_error(
        run("new", str(tmp_path / "a.db"), "--title", "X", "--follow-up", "not a url"), "https://"
    )
    assert run("new", str(tmp_path / "a.db"), "--title", "X").exit_code == 0
    assert_clean_error(run("new", str(tmp_path / "a.db"), "--title", "X"), "already exists")


def test_demo_builds_a_realistic_meeting(isolated_home: Path) -> None:
    result = run("demo", "--no-open")
    assert result.exit_code == 0, result.output
    with SessionStore.open(isolated_home / "sessions" / "demo.db") as store:
        employers = [p for p in store.participants() if p.role in ("employer", "hiring authority")]
        assert len(employers) >= 12
        assert len(store.categories()) == 6
        assert any(card.count > 1 for card in store.cards())
        assert any(card.third_card for card in store.cards())
        assert store.competencies() and store.commitments()
        assert {n.kind for n in store.notes()} == {"note", "quote"}
        assert all(n.topic for n in store.notes())
    # A second run leaves the existing demo alone, and says which file it is.
    demo_file = isolated_home / "sessions" / "demo.db"
    before = demo_file.read_bytes()
    again = run("demo", "--no-open")
    assert again.output == f"The demo meeting is already in {demo_file}; it was left as it is.\n"
    assert demo_file.read_bytes() == before


def test_list_shows_sessions_and_unreadable_files(isolated_home: Path) -> None:
    run("demo", "--no-open")
    (isolated_home / "sessions" / "broken.db").write_bytes(b"not sqlite")
    result = run("list")
    assert result.exit_code == 0
    assert "Advanced manufacturing: critical occupations" in result.output
    assert "22 cards" in result.output
    assert "broken.db: can't be read" in result.output
    assert_clean_error(run("list", str(isolated_home / "nowhere")), "No folder")


def test_open_refuses_bad_files_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_bytes(b"\x00\x01junk")
    assert_clean_error(run("open", str(tmp_path / "junk.db")), "not a focusgroup session file")
    assert_clean_error(run("open", str(tmp_path / "missing.db")), "No session file")
    assert_clean_error(run("open", str(tmp_path / "junk.db"), "--role", "chair"), "chair")


CARDS_CSV = """participant,organization,email,card,category,level,reasons,role,consent
Zoë Lindqvist,Northstar,zoe@example.org,Maintenance tech,Production,mid,Hardest to fill;Safety-critical,,
Zoë Lindqvist,Northstar,zoe@example.org,Line lead,,,,,
Bo Chen,Chen Trucking,,CDL-A driver,Logistics,entry,need-many,employer,no
"""


def test_import_cards(tmp_path: Path) -> None:
    session, csv_file = tmp_path / "m.db", tmp_path / "cards.csv"
    run("new", str(session), "--title", "T")
    csv_file.write_text(CARDS_CSV, encoding="utf-8")
    result = run("import-cards", str(session), str(csv_file))
    assert result.exit_code == 0, result.output
    assert "Imported 3 cards; added 2 participants and 1 categories" in result.output
    assert "Safety-critical" in result.output
    with SessionStore.open(session) as store:
        people = {p.name: p for p in store.participants()}
        assert people["Zoë Lindqvist"].consent  # gave an e-mail, no consent column value
        assert not people["Bo Chen"].consent
        cards = {c.text: c for c in store.cards()}
        assert cards["Maintenance tech"].reasons == ("hardest-to-fill", "Safety-critical")
        assert cards["Maintenance tech"].level == "mid"
        assert cards["Line lead"].category_id is None
        assert "Logistics" in {c.name for c in store.categories()}
        # The whole import is one action: one undo takes it all back.
        store.undo()
        assert store.cards() == [] and store.participants() == []


def test_a_bad_csv_imports_nothing_and_names_the_rows(tmp_path: Path) -> None:
    session, csv_file = tmp_path / "m.db", tmp_path / "cards.csv"
    run("new", str(session), "--title", "T")
    csv_file.write_text(
        "participant,card,level,consent,email\n"
        "Ann,Welder,entry,yes,ann@example.org\n"
        ",Machinist,mid,,\n"
        "Bo,Driver,expert,maybe,bo at example\n",
        encoding="utf-8",
    )
    result = run("import-cards", str(session), str(csv_file))
    assert_clean_error(result, "nothing was imported")
    assert "line 3: participant is empty" in result.output
    assert "line 4: level must be one of entry, mid, advanced (got 'expert')" in result.output
    assert "line 4: consent must be yes or no" in result.output
    assert "is not an e-mail address" in result.output
    with SessionStore.open(session) as store:
        assert store.cards() == [] and store.participants() == []


def test_import_errors_for_unusable_files(tmp_path: Path) -> None:
    session = tmp_path / "m.db"
    run("new", str(session), "--title", "T")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,job\nAnn,Welder\n", encoding="utf-8")
    assert_clean_error(run("import-cards", str(session), str(wrong)), "missing columns")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert_clean_error(run("import-cards", str(session), str(empty)), "is empty")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02")
    assert_clean_error(run("import-participants", str(session), str(binary)), "not a text CSV")
    assert_clean_error(run("import-cards", str(session), str(tmp_path / "none.csv")), "none.csv")


def test_import_participants_registration_list(tmp_path: Path) -> None:
    session, csv_file = tmp_path / "m.db", tmp_path / "reg.csv"
    run("new", str(session), "--title", "T")
    csv_file.write_text(
        "Name;Organization;Role;Email;Consent;quote_as\n"
        "Łukasz Nowak;Polar Packaging;employer;lukasz@example.org;yes;organization\n"
        "Lisa Brandt;State College;support partner;lisa@example.org;no;\n",
        encoding="utf-8",
    )
    result = run("import-participants", str(session), str(csv_file))
    assert result.exit_code == 0, result.output
    assert "Added 2 participants" in result.output
    # Importing the same list again adds nobody twice.
    assert "Added 0 participants" in run("import-participants", str(session), str(csv_file)).output
    with SessionStore.open(session) as store:
        people = {p.name: p for p in store.participants()}
        assert people["Łukasz Nowak"].quote_as == "organization"
        assert people["Lisa Brandt"].role == "support partner"
        assert not people["Lisa Brandt"].consent


def test_history_backup_and_restore(tmp_path: Path) -> None:
    session = tmp_path / "m.db"
    run("new", str(session), "--title", "T")
    with SessionStore.open(session, actor="facilitator") as store:
        store.add_card("Welder")
    assert "facilitator   Add card Welder" in run("history", str(session)).output
    assert "Backed up to" in run("backup", str(session)).output
    assert ".db" in run("restore", str(session), "--list").output
    session.write_bytes(b"oops")
    result = run("restore", str(session))
    assert result.exit_code == 0 and "kept as" in result.output
    with SessionStore.open(session) as store:
        assert [c.text for c in store.cards()] == ["Welder"]
    assert_clean_error(run("restore", str(tmp_path / "other.db")), "No backups")


def test_a_sessions_sector_is_shown_changed_read_by_the_crosswalk_and_undone(
    tmp_path: Path,
) -> None:
    """A meeting started without its sector: "Operator" is read as the sector means it only
    once the sector is set, and `undo` takes the change back."""
    path = tmp_path / "m.db"
    assert run("new", str(path), "--title", "Builders").exit_code == 0
    with SessionStore.open(path) as store:
        store.add_card("Operator", category_id=store.categories()[0].id, level="entry")
    shown = run("sector", str(path))
    assert f"Sector of {path}: none." in shown.output
    assert "Known sectors: manufacturing, health-care" in shown.output
    assert "any meeting" in run("crosswalk", str(path)).output

    changed = run("sector", str(path), "building  trades")
    assert changed.exit_code == 0, changed.output
    assert f"Sector of {path}: Construction (was none)." in changed.output
    with SessionStore.open(path) as store:
        assert store.session().sector == "construction"
    assert "read in this sector as 'construction equipment operator'" in (
        run("crosswalk", str(path)).output
    )
    assert "is already Construction" in run("sector", str(path), "construction").output

    free = run("sector", str(path), "Mining")
    assert "Kept 'Mining' as written" in free.output
    run("undo", str(path))
    with SessionStore.open(path) as store:
        assert store.session().sector == "construction"
    run("undo", str(path))
    with SessionStore.open(path) as store:
        assert store.session().sector == ""
    assert_clean_error(run("sector", str(tmp_path / "none.db"), "it"), "No session file")
