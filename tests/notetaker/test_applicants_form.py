"""Step 8 at the note-taker's seat: where employers find qualified applicants (issue 17)."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select

from focusgroup.domain.programs import SOURCE_STEP8
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.screens.note_taker import NoteTakerScreen
from focusgroup.tui.widgets.note_forms import NOBODY
from focusgroup.tui.widgets.note_log import NoteLog
from focusgroup.tui.widgets.note_wall import NoteWall
from tests.notetaker.conftest import Meeting
from tests.tui.builders import screen_text

SIZE = (120, 40)


async def test_a_step8_answer_is_saved_seeds_the_inventory_and_undoes(
    meeting: Meeting, note_store: SessionStore
) -> None:
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NoteTakerScreen)
        await pilot.press("escape")
        assert isinstance(app.focused, NoteWall)
        assert app.focused.highlight(("card", meeting.welder))
        await pilot.press("a")  # the footer's "Applicants"
        await pilot.pause()
        form = app.screen.query_one("#nt-applicants")
        assert app.focused is form.query_one("#nt-app-employer", Select)
        # The highlighted card is offered as the occupation the program feeds.
        assert form.query_one("#nt-app-occupation", Input).value == "Welder"
        form.query_one("#nt-app-employer", Select).value = meeting.bo
        form.query_one("#nt-app-program", Input).value = "Welding [b]I[/b]"
        form.query_one("#nt-app-institution", Input).value = "Tri-County CC"
        form.query_one("#nt-app-favourite", Checkbox).value = True
        form.query_one("#nt-app-out", Input).value = "about 20%"
        form.query_one("#nt-app-within", Select).value = "some"
        note = form.query_one("#nt-app-note", Input)
        note.value = "they also train their own"
        note.focus()
        await pilot.press("enter")
        await pilot.pause()
        (answer,) = note_store.referrals()
        assert (answer.participant_id, answer.program, answer.institution, answer.occupation) == (
            meeting.bo,
            "Welding [b]I[/b]",
            "Tri-County CC",
            "Welder",
        )
        assert answer.favourite and answer.out_of_state == "about 20%"
        assert answer.promotes_within == "some" and answer.note == "they also train their own"
        (program,) = note_store.programs()
        assert (program.program, program.occupations, program.source) == (
            "Welding [b]I[/b]",
            ("Welder",),
            SOURCE_STEP8,
        )
        # The form is ready for the next answer; the log lists this one, text as typed.
        assert form.query_one("#nt-app-program", Input).value == ""
        log = app.screen.query_one(NoteLog)
        cells = [str(c) for c in log.get_row(f"applicants:{answer.id}")]
        assert "Welding [b]I[/b] (Tri-County CC)" in cells
        assert any("favourite · feeds Welder · out of state about 20%" in c for c in cells)
        assert "1 answer so far" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert note_store.referrals() == [] and note_store.programs() == []


async def test_an_answer_is_edited_and_deleted_from_the_log(
    meeting: Meeting, note_store: SessionStore
) -> None:
    answer = note_store.add_referral(participant_id=meeting.ann, out_of_state="none")
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "l")
        log = app.screen.query_one(NoteLog)
        assert app.focused is log
        log.move_cursor(row=log.get_row_index(f"applicants:{answer}"))
        await pilot.press("enter")  # edit
        await pilot.pause()
        form = app.screen.query_one("#nt-applicants")
        assert form.query_one("#nt-app-out", Input).value == "none"
        form.query_one("#nt-app-out", Input).value = "10%"
        form.query_one("#nt-app-note", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert note_store.referrals()[0].out_of_state == "10%"
        await pilot.press("escape", "l")
        log.move_cursor(row=log.get_row_index(f"applicants:{answer}"))
        await pilot.press("delete")
        await pilot.pause()
        assert note_store.referrals() == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert note_store.referrals()[0].out_of_state == "10%"


async def test_an_empty_answer_is_refused_and_nothing_typed_is_lost(
    meeting: Meeting, note_store: SessionStore
) -> None:
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "a")
        await pilot.pause()
        form = app.screen.query_one("#nt-applicants")
        form.query_one("#nt-app-occupation", Input).value = ""
        form.query_one("#nt-app-institution", Input).value = "Tri-County CC"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert note_store.referrals() == []
        assert form.query_one("#nt-app-institution", Input).value == "Tri-County CC"
        assert any("Name the program" in str(n.message) for n in app._notifications)


async def test_the_note_takers_stylesheet_is_loaded_at_start_up(
    meeting: Meeting, note_store: SessionStore
) -> None:
    """The seat's screen is the default screen, whose own CSS_PATH Textual never loads.

    Without note_taker.tcss the log was one row high and the labels had no width: the log
    of what was captured was off screen.
    """
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        log = app.screen.query_one(NoteLog)
        assert log.region.height >= 6
        label = app.screen.query(".nt-label").first()
        assert label.region.width == 9


async def test_the_employer_goes_back_to_unattributed_after_each_answer(
    meeting: Meeting, note_store: SessionStore
) -> None:
    """As the note, quote and competency forms do (README: "Every new entry starts from what
    the form shows: unattributed"): a note-taker moving on to the next employer's answer
    must not credit it silently to the last one."""
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "a")
        await pilot.pause()
        form = app.screen.query_one("#nt-applicants")
        employer = form.query_one("#nt-app-employer", Select)
        employer.value = meeting.bo
        form.query_one("#nt-app-program", Input).value = "Welding I"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert employer.value == NOBODY
        assert "Unattributed" in str(employer.query_one("SelectCurrent Static").render())
        form.query_one("#nt-app-program", Input).value = "Machining"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = {r.program: r.participant_id for r in note_store.referrals()}
    assert saved == {"Welding I": meeting.bo, "Machining": None}
