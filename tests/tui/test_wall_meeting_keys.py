"""Issue 13's wall keys, driven as a facilitator would: e, y, d, U, and the stored timer."""

from __future__ import annotations

from textual.widgets import Input

from focusgroup.domain.timer import TimerState
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from focusgroup.tui.screens.edit_card import EditCardDialog
from tests.tui.builders import ManualClock, board


def painted(app: FocusGroupApp, card_id: int) -> str:
    """The card as painted, wrapped lines joined back (edge mark dropped, spaces squashed)."""
    lines = board(app).card_lines(card_id)
    return " ".join(" ".join(line[1:] for line in lines).split())


async def _select(pilot, app: FocusGroupApp, card_id: int) -> None:
    await pilot.pause()
    board(app).select_card(card_id)
    await pilot.pause()


async def test_e_edits_text_and_author_and_undo_restores_both(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    people = {p.name: p for p in wall_store.participants()}
    card_id = wall_store.add_card("tom", people["Hana Sato"].id)
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, wall_app, card_id)
        await pilot.press("e")
        assert isinstance(wall_app.screen, EditCardDialog)
        screen = wall_app.screen
        screen.query_one("#edit-card-text", Input).value = "CNC machinist"
        screen.query_one("#edit-card-who", Input).value = "Greg"
        screen.query_one("#edit-card-text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        card = wall_store.card(card_id)
        assert (card.text, card.participant_id) == ("CNC machinist", people["Greg Lund"].id)
        assert "Lund Electric" in painted(wall_app, card_id)  # cards show the organization
        await pilot.press("ctrl+z")
        card = wall_store.card(card_id)
        assert (card.text, card.participant_id) == ("tom", people["Hana Sato"].id)


async def test_e_refuses_an_author_nobody_is_and_keeps_the_typing(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    card_id = wall_store.add_card("Welder")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, wall_app, card_id)
        await pilot.press("e")
        screen = wall_app.screen
        screen.query_one("#edit-card-text", Input).value = "Welder-fitter"
        who = screen.query_one("#edit-card-who", Input)
        who.value = "Nobody Known"
        who.focus()
        await pilot.press("enter")
        assert wall_app.screen is screen  # still open, nothing lost
        assert "Nobody called “Nobody Known”" in str(
            screen.query_one("#edit-card-problem").render()
        )
        assert wall_store.card(card_id).text == "Welder"
        who.value = ""  # empty author: nobody in particular
        await pilot.press("enter")
        await pilot.pause()
        assert wall_store.card(card_id).text == "Welder-fitter"


async def test_y_adds_the_employers_own_reason_shown_on_the_card(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    card_id = wall_store.add_card("Millwright")
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await _select(pilot, wall_app, card_id)
        await pilot.press("y")
        wall_app.screen.query_one(Input).value = "Whole line stops without them"
        await pilot.press("enter")
        await pilot.pause()
        assert wall_store.card(card_id).reasons == ("Whole line stops without them",)
        assert "✎ Whole line stops without them" in painted(wall_app, card_id)
        await pilot.pause()
        counts = str(wall_app.screen.query_one("#agenda-counts").render())
        assert "1× ✎ Whole line stops without them" in counts  # counted in the tallies
        # Close wording of a protocol reason is that reason, shown as its circled digit.
        await pilot.press("y")
        wall_app.screen.query_one(Input).value = "biggest impact on growth"
        await pilot.press("enter")
        await pilot.pause()
        assert wall_store.card(card_id).reasons[-1] == "growth-impact"
        assert "⑤" in painted(wall_app, card_id)
        await pilot.press("ctrl+z")
        assert wall_store.card(card_id).reasons == ("Whole line stops without them",)


async def test_d_cycles_disappearing_transforming_and_none(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    card_id = wall_store.add_card("Drafter")
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await _select(pilot, wall_app, card_id)
        await pilot.press("d")
        assert wall_store.card(card_id).shift == "disappearing"
        assert "↓ disappearing" in painted(wall_app, card_id)
        await pilot.press("d")
        assert wall_store.card(card_id).shift == "transforming"
        assert "↻ transforming" in painted(wall_app, card_id)
        await pilot.press("d")
        assert wall_store.card(card_id).shift == ""
        await pilot.press("ctrl+z")
        assert wall_store.card(card_id).shift == "transforming"


async def test_U_removes_every_empty_category_in_one_undo(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    empty = wall_store.add_category("Nobody here")
    before = [c.name for c in wall_store.categories()]
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("U")
        names = [c.name for c in wall_store.categories()]
        assert "Nobody here" not in names and empty not in {c.id for c in wall_store.categories()}
        wall = wall_store.wall()
        assert all(any(wall.cell(c.id, lv) for lv in wall.levels) for c in wall.categories)
        await pilot.press("ctrl+z")
        assert [c.name for c in wall_store.categories()] == before


async def test_the_step_timer_survives_closing_and_reopening(
    wall_store: SessionStore, clock: ManualClock
) -> None:
    app = make_app(wall_store, "facilitator", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock.now += 90  # a minute and a half into the step
        await pilot.press("plus", "t")  # one more minute, then pause
        await pilot.pause()
        remaining = app.screen.timer.remaining
    state = wall_store.timer_state()
    assert state is not None and state.running_since is None
    assert state.step == wall_store.session().current_step
    minutes = wall_store.protocol().step(state.step).minutes
    assert state.duration == minutes * 60 + 60 and state.elapsed == 90
    # Reopened (a new app over the same file, another clock): paused where it was.
    again = make_app(wall_store, "facilitator", clock=ManualClock())
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timer = again.screen.timer
        assert timer.paused and timer.remaining == remaining
        assert "PAUSED" in str(timer.render())


async def test_a_running_timer_keeps_counting_while_the_app_is_shut(
    wall_store: SessionStore,
) -> None:
    step = wall_store.session().current_step
    wall_store.save_timer(TimerState(step, duration=600, elapsed=100, running_since=1000.0))
    app = make_app(wall_store, "facilitator", clock=ManualClock())
    from focusgroup.tui.screens import wall_meeting

    original = wall_meeting.WallMeeting.wall_time
    wall_meeting.WallMeeting.wall_time = staticmethod(lambda: 1200.0)  # 200 s later
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.screen.timer.remaining == 600 - 300
    finally:
        wall_meeting.WallMeeting.wall_time = original


def test_one_count_in_the_room_words_with_plurals() -> None:
    """The title bar and side panel say "occupations from cards", as the exports count."""
    from focusgroup.tui.widgets.agenda import counts_content, wall_counts

    assert wall_counts(1, 1, 0) == "1 occupation from 1 card, 0 unsorted"
    assert wall_counts(17, 16, 6) == "16 occupations from 17 cards, 6 unsorted"
    text = counts_content(16, 6, [], [], 17).plain
    assert "16 occupations from 17 cards · 10 placed · 6 unsorted" in text
