"""Undo/redo: many levels, per seat, across closing and reopening the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.errors import DomainError, UndoConflict
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol


def _new(tmp_path: Path, actor: str = "facilitator") -> SessionStore:
    return SessionStore.create(tmp_path / "m.db", tiny_protocol(), title="T", actor=actor)


def test_every_action_undoes_and_redoes_in_order(tmp_path: Path) -> None:
    store = _new(tmp_path)
    production = store.categories()[0].id
    card = store.add_card("CNC machinist")
    store.move_card(card, production, "mid")
    store.toggle_reason(card, "hard")
    store.set_hands(card, 7)

    assert store.undo().action.startswith("Show of hands")
    assert store.card(card).hands == 0
    store.undo()
    assert store.card(card).reasons == ()
    store.undo()
    assert store.card(card).category_id is None
    store.undo()
    assert store.cards() == []
    assert store.undo() is None  # creating the session is not undoable

    store.redo()
    store.redo()
    assert store.card(card).category_id == production
    assert store.card(card).level == "mid"
    store.redo()
    store.redo()
    assert store.card(card).hands == 7
    assert store.redo() is None


def test_undo_history_survives_closing_and_reopening(tmp_path: Path) -> None:
    store = _new(tmp_path)
    card = store.add_card("Welder")
    store.edit_card(card, "Welder / fabricator")
    store.close()

    reopened = SessionStore.open(tmp_path / "m.db", actor="facilitator")
    assert reopened.can_undo() == "Reword card Welder"
    reopened.undo()
    assert reopened.card(card).text == "Welder"
    reopened.close()

    again = SessionStore.open(tmp_path / "m.db", actor="facilitator")
    assert again.can_redo() == "Reword card Welder"
    again.redo()
    assert again.card(card).text == "Welder / fabricator"
    again.close()


def test_a_new_action_clears_redo(store: SessionStore) -> None:
    card = store.add_card("Welder")
    store.undo()
    assert store.can_redo()
    store.add_card("Machinist")
    assert store.can_redo() is None
    assert store.redo() is None
    assert [c.text for c in store.cards()] == ["Machinist"]
    del card


def test_undo_of_a_delete_restores_the_card_and_its_links(store: SessionStore) -> None:
    who = store.add_participant("Ann", "Acme")
    card = store.add_card("Line lead", who, category_id=store.categories()[0].id, level="mid")
    skill = store.add_competency("Runs a changeover", card_id=card, ksa="skill")
    before = store.card(card)
    store.delete_card(card)
    assert store.cards() == []
    assert store.competencies()[0].card_id is None
    store.undo()
    assert store.card(card) == before
    assert store.competencies()[0].card_id == card
    del skill


def test_undo_is_per_seat(tmp_path: Path) -> None:
    facilitator = _new(tmp_path, "facilitator")
    note_taker = SessionStore.open(tmp_path / "m.db", actor="note-taker")
    card = facilitator.add_card("Maintenance tech")
    note = note_taker.add_note("They need PLC skills now")
    facilitator.set_hands(card, 3)

    undone = note_taker.undo()
    assert undone is not None and undone.action.startswith("Add note")
    assert note_taker.notes() == []
    assert facilitator.card(card).hands == 3  # the facilitator's work is untouched
    facilitator.undo()
    assert facilitator.card(card).hands == 0
    assert [c.text for c in facilitator.cards()] == ["Maintenance tech"]
    del note
    facilitator.close()
    note_taker.close()


def test_undo_refuses_to_overwrite_the_other_seats_later_change(tmp_path: Path) -> None:
    facilitator = _new(tmp_path, "facilitator")
    note_taker = SessionStore.open(tmp_path / "m.db", actor="note-taker")
    card = facilitator.add_card("Welder")
    facilitator.edit_card(card, "Welder (MIG)")
    note_taker.edit_card(card, "Welder (TIG)")
    with pytest.raises(UndoConflict, match="changed since"):
        facilitator.undo()
    assert facilitator.card(card).text == "Welder (TIG)"
    facilitator.close()
    note_taker.close()


def test_the_event_log_is_an_append_only_audit_trail(store: SessionStore) -> None:
    card = store.add_card("Welder")
    store.undo()
    store.redo()
    kinds = [(e.kind, e.actor) for e in store.events_since(0)][-3:]
    assert kinds == [("do", "cli"), ("undo", "cli"), ("redo", "cli")]
    with pytest.raises(Exception, match="append-only"):
        store.db.execute("DELETE FROM events")
    del card


def test_invalid_operations_raise_readable_domain_errors(store: SessionStore) -> None:
    with pytest.raises(DomainError, match="can't be empty"):
        store.add_card("   ")
    with pytest.raises(DomainError, match="no longer on the wall"):
        store.move_card(999, None, "unsorted")
    card = store.add_card("Welder")
    with pytest.raises(DomainError, match="Unknown level"):
        store.move_card(card, store.categories()[0].id, "guru")
    with pytest.raises(DomainError, match="whole number"):
        store.set_hands(card, -1)
    with pytest.raises(DomainError, match="at least two"):
        store.merge_cards(card, [card])
    # A failed action leaves nothing behind in the log.
    assert store.can_undo() == "Add card Welder"
