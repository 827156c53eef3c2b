"""Registration lists imported again and again (issue 12): updates arrive, conflicts are said.

Every test drives `focusgroup import-participants` (or `import-cards`) on real files.
"""

from __future__ import annotations

from pathlib import Path

from focusgroup.domain.model import Participant
from focusgroup.store import SessionStore
from tests.imports.conftest import assert_refused, fresh_session, run

FIRST = """name,organization,title,email,consent,role
Zoë Quinn,Quinn Tools,,,,
Bo Chen,Chen Trucking,Dispatcher,bo@chen.example,no,
Ana Ruiz,Valley College,Dean,ana@valley.example,yes,support partner
"""


def _people(session: Path) -> dict[str, Participant]:
    with SessionStore.open(session) as store:
        return {p.name: p for p in store.participants()}


def _setup(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    session = fresh_session(template, tmp_path)
    first = tmp_path / "first.csv"
    first.write_text(FIRST, encoding="utf-8")
    result = run("import-participants", str(session), str(first))
    assert result.exit_code == 0, result.output
    assert "Added 3 participants" in result.output
    return session, tmp_path / "second.csv"


def test_a_new_address_and_consent_given_later_arrive(template: Path, tmp_path: Path) -> None:
    session, second = _setup(template, tmp_path)
    assert not _people(session)["Zoë Quinn"].consent
    second.write_text(
        "name,organization,email,consent,title\n"
        "Zoë Quinn,Quinn Tools,zoe@quinn.example,,Owner\n"
        "BO CHEN,chen  trucking,,yes,\n",
        encoding="utf-8",
    )
    result = run("import-participants", str(session), str(second))
    assert result.exit_code == 0, result.output
    assert "Added 0 participants" in result.output
    assert "Updated 2 known participants" in result.output
    assert (
        "Zoë Quinn (Quinn Tools): e-mail zoe@quinn.example, job title 'Owner', consent yes"
        in result.output
    )
    assert "Bo Chen (Chen Trucking): consent yes (was no)" in result.output
    people = _people(session)
    assert people["Zoë Quinn"].email == "zoe@quinn.example"
    assert people["Zoë Quinn"].consent  # giving the address is consent, as at registration
    assert people["Zoë Quinn"].title == "Owner"
    assert people["Bo Chen"].consent
    assert len(people) == 3


def test_a_different_address_is_refused_by_name_then_applied_with_update(
    template: Path, tmp_path: Path
) -> None:
    session, second = _setup(template, tmp_path)
    second.write_text(
        "name,organization,email,role\n"
        "Bo Chen,Chen Trucking,bo@new.example,\n"
        "Ana Ruiz,Valley College,,employer\n"
        "New Person,Acme,new@acme.example,\n",
        encoding="utf-8",
    )
    result = run("import-participants", str(session), str(second))
    assert_refused(
        result,
        "nothing was imported",
        "line 2: Bo Chen (Chen Trucking): e-mail bo@new.example here, bo@chen.example in "
        "the session",
        "line 3: Ana Ruiz (Valley College): role employer here, support partner in the session",
        "--update",
    )
    assert set(_people(session)) == {"Zoë Quinn", "Bo Chen", "Ana Ruiz"}  # nothing written

    result = run("import-participants", str(session), str(second), "--update")
    assert result.exit_code == 0, result.output
    assert "Added 1 participants" in result.output
    assert "Bo Chen (Chen Trucking): e-mail bo@new.example (was bo@chen.example)" in result.output
    people = _people(session)
    assert people["Bo Chen"].email == "bo@new.example"
    assert people["Ana Ruiz"].role == "employer"


def test_two_rows_for_one_person_that_disagree_are_reported(template: Path, tmp_path: Path) -> None:
    session = fresh_session(template, tmp_path)
    csv_file = tmp_path / "reg.csv"
    csv_file.write_text(
        "name,organization,email\n"
        "Zoë Quinn,Quinn Tools,zoe@quinn.example\n"
        "Bo Chen,,bo@chen.example\n"
        "zoë quinn,Quinn Tools,zq@other.example\n",
        encoding="utf-8",
    )
    assert_refused(
        run("import-participants", str(session), str(csv_file)),
        "line 4: Zoë Quinn (Quinn Tools): e-mail zq@other.example here, zoe@quinn.example in "
        "line 2",
    )
    result = run("import-participants", str(session), str(csv_file), "--update")
    assert result.exit_code == 0, result.output
    assert "Added 2 participants" in result.output
    assert _people(session)["Zoë Quinn"].email == "zq@other.example"  # the later row


def test_a_job_title_in_the_role_column_lists_the_roles(template: Path, tmp_path: Path) -> None:
    session = fresh_session(template, tmp_path)
    csv_file = tmp_path / "reg.csv"
    csv_file.write_text("name,role\nAna Ruiz,HR Director\n", encoding="utf-8")
    assert_refused(
        run("import-participants", str(session), str(csv_file)),
        "line 2: role must be one of employer, hiring authority, high-performing employee, "
        "support partner, facilitator, note-taker (got 'HR Director')",
        "'title' column",
    )
    csv_file.write_text("name,title,role\nAna Ruiz,HR Director,hiring authority\n", "utf-8")
    assert run("import-participants", str(session), str(csv_file)).exit_code == 0
    ana = _people(session)["Ana Ruiz"]
    assert (ana.title, ana.role) == ("HR Director", "hiring authority")


def test_card_imports_update_their_participants_the_same_way(
    template: Path, tmp_path: Path
) -> None:
    session, _ = _setup(template, tmp_path)
    cards = tmp_path / "cards.csv"
    cards.write_text(
        "participant,organization,email,card\nZoë Quinn,Quinn Tools,zoe@quinn.example,Welder\n"
        "Bo Chen,Chen Trucking,bo@elsewhere.example,Driver\n",
        encoding="utf-8",
    )
    assert_refused(
        run("import-cards", str(session), str(cards)),
        "line 3: Bo Chen (Chen Trucking): e-mail bo@elsewhere.example here",
    )
    result = run("import-cards", str(session), str(cards), "--update")
    assert result.exit_code == 0, result.output
    assert "Imported 2 cards; added 0 participants" in result.output
    people = _people(session)
    assert people["Zoë Quinn"].email == "zoe@quinn.example"
    assert people["Bo Chen"].email == "bo@elsewhere.example"


def test_one_undo_takes_back_an_update(template: Path, tmp_path: Path) -> None:
    session, second = _setup(template, tmp_path)
    second.write_text("name,organization,email\nZoë Quinn,Quinn Tools,zoe@q.example\n", "utf-8")
    assert run("import-participants", str(session), str(second)).exit_code == 0
    with SessionStore.open(session, actor="cli") as store:
        store.undo()
        assert {p.name: p.email for p in store.participants()}["Zoë Quinn"] == ""


def test_line_breaks_in_names_are_refused_with_the_line(template: Path, tmp_path: Path) -> None:
    session = fresh_session(template, tmp_path)
    csv_file = tmp_path / "reg.csv"
    csv_file.write_bytes(
        b'name,organization,title\nAnn,Acme,Dean\n"Zo\xc3\xab\nQuinn",Quinn,\n'
        b'Bo,"Chen\r\nTrucking",\nCy,Co,"Head\xe2\x80\xa8of HR"\n'
    )
    assert_refused(
        run("import-participants", str(session), str(csv_file)),
        "line 3: name must be on one line",
        "line 5: organization must be on one line",
        "line 7: title must be on one line",
    )
    assert _people(session) == {}
