"""Programs and step-8 answers in the session file: saved at once, undoable, exact text."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.errors import DomainError
from focusgroup.domain.programs import SOURCE_STEP8, offered_here, programs_for_occupation
from focusgroup.store import SessionStore


def test_a_program_is_saved_exactly_and_undone_and_redone(
    store: SessionStore, tmp_path: Path
) -> None:
    text = "  Soldadura <b>[bold]</b> — Año 1 \u200d"
    pid = store.add_program(
        "Colegio Técnico", text, level="entry", occupations=["Welder", "Soldador"]
    )
    store.close()
    with SessionStore.open(store.path) as again:
        (program,) = again.programs()
        assert program.program == text and program.occupations == ("Welder", "Soldador")
        assert program.id == pid
    reopened = SessionStore.open(store.path, actor="cli")
    assert reopened.undo() is not None
    assert reopened.programs() == []
    reopened.redo()
    assert [p.program for p in reopened.programs()] == [text]
    reopened.close()


def test_editing_and_deleting_a_program_are_each_one_undo(store: SessionStore) -> None:
    pid = store.add_program("Tri-County", "Welding")
    store.update_program(pid, cost="$3,200", competencies=["Blueprint reading"])
    assert store.program(pid).cost == "$3,200"
    store.delete_program(pid)
    assert store.programs() == []
    store.undo()
    assert store.program(pid).competencies == ("Blueprint reading",)
    store.undo()
    assert store.program(pid).cost == ""


@pytest.mark.parametrize(
    "details, message",
    [
        ({"level": "expert"}, "Unknown level"),
        ({"colour": "red"}, "Unknown program details"),
        ({"cost": 12}, "must be text"),
    ],
)
def test_bad_program_details_are_refused_with_a_message(
    store: SessionStore, details: dict, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        store.add_program("Tri-County", "Welding", **details)
    with pytest.raises(DomainError, match="program can't be empty"):
        store.add_program("Tri-County", "  ")
    assert store.programs() == []


def test_a_step8_answer_seeds_the_inventory_and_one_undo_removes_both(store: SessionStore) -> None:
    ana = store.add_participant("Ana Ruiz", "Acme")
    store.add_referral(
        participant_id=ana,
        program="Welding",
        institution="Tri-County CC",
        occupation="Welder",
        favourite=True,
        out_of_state="about 20%",
        promotes_within="yes",
    )
    (program,) = store.programs()
    assert (program.institution, program.program, program.occupations, program.source) == (
        "Tri-County CC",
        "Welding",
        ("Welder",),
        SOURCE_STEP8,
    )
    (answer,) = store.referrals()
    assert (
        answer.program_id == program.id and answer.favourite and answer.out_of_state == "about 20%"
    )
    store.undo()
    assert store.programs() == [] and store.referrals() == []


def test_a_second_answer_about_the_same_program_joins_it(store: SessionStore) -> None:
    store.add_referral(program="Welding", institution="Tri-County CC", occupation="Welder")
    store.add_referral(program="welding", institution="TRI-COUNTY CC", occupation="Pipefitter")
    (program,) = store.programs()
    assert program.occupations == ("Welder", "Pipefitter")
    assert {r.program_id for r in store.referrals()} == {program.id}
    store.undo()
    assert store.programs()[0].occupations == ("Welder",)


def test_an_empty_answer_is_refused(store: SessionStore) -> None:
    with pytest.raises(DomainError, match="needs at least"):
        store.add_referral(favourite=True)
    with pytest.raises(DomainError, match="Name the program"):
        store.add_referral(institution="Tri-County CC")
    assert store.referrals() == []


def test_deleting_a_program_keeps_the_answer_and_undo_relinks_it(store: SessionStore) -> None:
    store.add_referral(program="Welding", institution="Tri-County CC")
    (program,) = store.programs()
    store.delete_program(program.id)
    (answer,) = store.referrals()
    assert answer.program_id is None and answer.program == "Welding"
    store.undo()
    assert store.referrals()[0].program_id == program.id


def test_removing_a_participant_keeps_their_answers_unattributed(store: SessionStore) -> None:
    ana = store.add_participant("Ana Ruiz", "Acme")
    store.add_referral(participant_id=ana, out_of_state="30%")
    store.remove_participant(ana)
    assert store.referrals()[0].participant_id is None
    store.undo()
    assert store.referrals()[0].participant_id == ana


def test_programs_for_occupation_matches_wordings_stack_members_and_soc_codes(
    store: SessionStore,
) -> None:
    lead = store.add_card("CNC machinist", level="mid")
    other = store.add_card("CNC guy", level="mid")
    store.merge_cards(lead, [other])
    store.set_soc(lead, soc_code="51-4041", onet_code="51-4041.00", soc_title="Machinists")
    store.add_program(
        "B College", "Machining", credential="Machining AAS", level="mid", occupations=["cnc GUY"]
    )
    store.add_program(
        "A College",
        "Intro",
        credential="Machining Certificate",
        level="entry",
        occupations=["51-4041.00"],
    )
    store.add_program("C College", "Tool and die", level="advanced", occupations=["Machinists"])
    store.add_program("D College", "Welding", level="entry", occupations=["Welder", "51-4121"])
    card = store.card(lead)
    found = programs_for_occupation(store.programs(), card)
    assert [p.program for p in found] == ["Intro", "Machining", "Tool and die"]
    assert offered_here(store.programs(), card) == (
        "Machining Certificate — A College",
        "Machining AAS — B College",
        "Tool and die — C College",
    )


def test_a_file_from_before_the_inventory_opens_and_gains_it(tmp_path: Path) -> None:
    """A session saved before the inventory (schema 7) is upgraded in place on opening."""
    import sqlite3

    from tests.conftest import tiny_protocol

    path = tmp_path / "old.db"
    with SessionStore.create(path, tiny_protocol(), title="Old") as old:
        old.add_card("Welder")
    conn = sqlite3.connect(path)
    for table in ("programs", "referrals", "openings"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm008_programs'")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with SessionStore.open(path) as store:
        assert [c.text for c in store.cards()] == ["Welder"]
        store.add_program("Tri-County", "Welding")
        assert len(store.programs()) == 1


def test_editing_an_answers_program_seeds_the_new_one_in_the_same_undo(store: SessionStore) -> None:
    answer = store.add_referral(program="Welding", institution="Tri-County CC", occupation="Welder")
    store.update_referral(answer, program="Machining", institution="Tri-County CC")
    assert [p.program for p in store.programs()] == ["Welding", "Machining"]
    (edited,) = store.referrals()
    assert edited.program_id == store.programs()[1].id
    store.undo()
    assert [p.program for p in store.programs()] == ["Welding"]
    assert store.referrals()[0].program == "Welding"


def test_the_pathway_maps_finder_matches_codes_and_the_wall_names_of_coded_cards(
    store: SessionStore,
) -> None:
    from focusgroup.domain.programs import credentials_finder, inventory_citation

    card = store.add_card("CNC machinist", level="mid")
    store.set_soc(card, soc_code="51-4041", onet_code="51-4041.00", soc_title="Machinists")
    store.add_program(
        "A College", "Machining", credential="Machining AAS", occupations=["CNC machinist"]
    )
    store.add_program(
        "B College", "Intro", credential="CNC Certificate", level="entry", occupations=["51-4041"]
    )
    store.add_program("C College", "Welding", occupations=["Welder"])
    find = credentials_finder(store.programs(), store.cards())
    assert find("51-4041", "51-4041.00") == (
        "CNC Certificate — B College",
        "Machining AAS — A College",
    )
    assert find("51-4121", "") == ()
    assert inventory_citation(store.programs(), "Spring") == (
        "Education and training programs inventory of “Spring” (3 programs; focusgroup programs list)"
    )


def test_undoing_an_answer_whose_program_the_other_seat_edited_is_refused(
    tmp_path: Path,
) -> None:
    from focusgroup.domain.errors import UndoConflict
    from tests.conftest import tiny_protocol

    path = tmp_path / "two.db"
    SessionStore.create(path, tiny_protocol(), title="Two seats").close()
    with (
        SessionStore.open(path, actor="note-taker") as notes,
        SessionStore.open(path, actor="facilitator") as wall,
    ):
        notes.add_referral(program="Welding", institution="Tri-County CC")
        (program,) = wall.programs()
        wall.update_program(program.id, cost="$3,200")
        with pytest.raises(UndoConflict, match="changed since"):
            notes.undo()
        assert wall.program(program.id).cost == "$3,200"
        assert len(notes.referrals()) == 1
