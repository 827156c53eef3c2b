"""Issue 13's store actions: own reasons, the shifting mark, attendance, empty categories,
the stored step timer. Each is one undoable action on a real session file."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.errors import DomainError
from focusgroup.domain.reasons import match_reason
from focusgroup.domain.sectors import find_sector
from focusgroup.domain.timer import TimerState
from focusgroup.domain.wall import reason_tallies
from focusgroup.export.snapshot import take_snapshot
from focusgroup.importing import import_cards
from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore

BUILT_IN = find_protocol("critical-occupations")


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("biggest impact on growth", "growth-impact"),
        ("Growth-impact", "growth-impact"),
        ("5", "growth-impact"),
        ("Biggest effect on growth and profit", "growth-impact"),
        ("hard to fill", "hardest-to-fill"),
        ("HARDEST TO FILL", "hardest-to-fill"),
        ("we need lots of them", "need-many"),
        ("high turnover", "high-turnover"),
        ("cost impact", "cost-impact"),
    ],
)
def test_reasons_match_by_key_label_or_close_wording(typed: str, key: str) -> None:
    assert match_reason(typed, BUILT_IN.reasons).key == key


@pytest.mark.parametrize("typed", ["safety culture", "union rules", "biggest", ""])
def test_a_reason_that_matches_none_is_the_employers_own(typed: str) -> None:
    assert match_reason(typed, BUILT_IN.reasons) is None


def test_own_reason_is_kept_in_words_and_counted(tmp_path: Path) -> None:
    store = SessionStore.create(tmp_path / "m.db", BUILT_IN, title="T")
    card = store.add_card("Welder")
    assert store.add_reason_text(card, "Safety culture depends on them") == (
        "Safety culture depends on them"
    )
    assert store.add_reason_text(card, "biggest impact on growth") == "growth-impact"
    assert store.card(card).reasons == ("Safety culture depends on them", "growth-impact")
    other = store.add_card("Machinist")
    store.add_reason_text(other, "Safety culture depends on them")
    tallies = reason_tallies(store.cards())
    assert tallies["Safety culture depends on them"] == 2 and tallies["growth-impact"] == 1
    store.undo()
    assert store.card(other).reasons == ()


def test_csv_reasons_match_close_wording(tmp_path: Path) -> None:
    store = SessionStore.create(tmp_path / "m.db", BUILT_IN, title="T")
    csv_file = tmp_path / "cards.csv"
    csv_file.write_text(
        "participant,card,reasons\n"
        'Maria Lopez,Welder,"biggest impact on growth; hard to fill; union rules"\n',
        encoding="utf-8",
    )
    report = import_cards(store, csv_file)
    (card,) = store.cards()
    assert card.reasons == ("growth-impact", "hardest-to-fill", "union rules")
    assert report.own_reasons == ["union rules"]


def test_shift_mark_is_undoable_and_exported(tmp_path: Path) -> None:
    store = SessionStore.create(tmp_path / "m.db", BUILT_IN, title="T")
    card = store.add_card("Drafter")
    store.set_shift(card, "disappearing")
    assert store.card(card).shift == "disappearing"
    store.set_shift(card, "transforming")
    store.undo()
    assert store.card(card).shift == "disappearing"
    with pytest.raises(DomainError):
        store.set_shift(card, "booming")
    assert take_snapshot(store).cards[0].shift == "disappearing"


def test_attendance_marks_and_cards_make_present(tmp_path: Path) -> None:
    store = SessionStore.create(tmp_path / "m.db", BUILT_IN, title="T")
    came = store.add_participant("Ana", "Acme")
    wrote = store.add_participant("Bo", "Beta")
    stayed_home = store.add_participant("Cy", "Gamma")
    store.set_attended(came, True)
    store.add_card("Welder", wrote)
    assert [p.name for p in store.attendees()] == ["Ana", "Bo"]
    with pytest.raises(DomainError, match="turned in a card"):
        store.set_attended(wrote, False)
    store.set_attended(came, False)
    assert [p.name for p in store.attendees()] == ["Bo"]
    store.undo()
    assert store.participant(came).attended
    snap = take_snapshot(store)
    assert snap.organizations == ("Acme", "Beta")  # Gamma registered but didn't come
    assert stayed_home not in {p.id for p in snap.participants}
    everyone = take_snapshot(store, everyone=True)
    assert everyone.organizations == ("Acme", "Beta", "Gamma")


def test_remove_empty_categories_is_one_undoable_action(tmp_path: Path) -> None:
    it = find_sector("it")
    store = SessionStore.create(tmp_path / "m.db", BUILT_IN, title="T", categories=it.categories)
    first, *_rest = store.categories()
    store.add_card("Help desk", category_id=first.id, level="entry")
    assert store.remove_empty_categories() == len(it.category_names) - 1
    assert [c.name for c in store.categories()] == [first.name]
    assert store.remove_empty_categories() == 0
    store.undo()
    assert [c.name for c in store.categories()] == list(it.category_names)


def test_timer_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    store = SessionStore.create(path, BUILT_IN, title="T")
    assert store.timer_state() is None
    state = TimerState(step=2, duration=600.0, elapsed=90.0, running_since=None)
    store.save_timer(state)
    store.close()
    with SessionStore.open(path) as again:
        assert again.timer_state() == state
        assert again.can_undo() is None  # the timer is bookkeeping, not something to undo
    running = TimerState(step=2, duration=600.0, elapsed=90.0, running_since=1000.0)
    assert running.elapsed_at(1030.0) == 120.0
    assert TimerState.from_json("{broken") is None
