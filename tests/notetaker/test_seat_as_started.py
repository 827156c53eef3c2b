"""Issue 13: the note-taker's seat as `focusgroup open FILE --role note-taker` starts it.

Its stylesheet used to be skipped on that path (the log sat under the footer, "Cancel edit"
always showed, the Step field was squeezed away). The app here is built by the same function
the command line calls (`launch.session_app`).
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Select, TextArea

from focusgroup.tui.clock import fixed_clock
from focusgroup.tui.launch import session_app
from focusgroup.tui.widgets.note_forms import NOBODY
from tests.notetaker.conftest import Meeting

SIZES = [(80, 24), (120, 40), (160, 50)]


def seat(meeting: Meeting, **options):
    app = session_app(meeting.path, "note-taker", clock=fixed_clock(), **options)
    app.animation_level = "none"
    return app


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_seats_stylesheet_is_applied(meeting: Meeting, size: tuple[int, int]) -> None:
    app = seat(meeting)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one("KeyFooter")
        log = screen.query_one("#nt-log")
        assert log.region.height >= 3 and log.region.bottom <= footer.region.y  # above it
        cancel = screen.query("#nt-competency .nt-cancel-edit").first(Button)
        assert not cancel.display  # only while editing an entry
        await pilot.press("escape", "n")
        step = screen.query_one("#nt-note-step", Select)
        assert step.region.width >= 12  # not squeezed away
    app.store.close()


async def test_each_new_note_starts_unattributed_and_about_no_card(meeting: Meeting) -> None:
    app = seat(meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        store = app.store
        screen = app.screen
        await pilot.press("escape")
        wall = app.focused
        wall.highlight(("card", meeting.machinist))
        await pilot.press("m", "n")
        about = str(screen.query_one("#nt-note-about").render())
        assert "CNC machinist" in about
        app.focused.text = "Machinists retire faster than we train them."
        screen.query_one("#nt-note-speaker", Select).value = meeting.bo
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        # The next note: visible defaults, nothing carried over silently.
        assert screen.query_one("#nt-note-speaker", Select).value == NOBODY
        assert "no card" in str(screen.query_one("#nt-note-about").render())
        assert isinstance(app.focused, TextArea)
        app.focused.text = "A second thought, from nobody in particular."
        await pilot.press("ctrl+s")
        await pilot.pause()
        first, second = store.notes()
        assert (first.participant_id, first.card_ids) == (meeting.bo, (meeting.machinist,))
        assert (second.participant_id, second.card_ids) == (None, ())
        # A highlighted (not marked) card is not a link either.
        await pilot.press("escape")
        wall.highlight(("card", meeting.welder))
        await pilot.press("n")
        assert "no card" in str(screen.query_one("#nt-note-about").render())
    app.store.close()


async def test_competency_speaker_goes_back_to_unattributed(meeting: Meeting) -> None:
    app = seat(meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("escape", "c")
        app.focused.value = "Reads blueprints"
        screen.query_one("#nt-comp-speaker", Select).value = meeting.ann
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c.participant_id for c in app.store.competencies()] == [meeting.ann]
        assert screen.query_one("#nt-comp-speaker", Select).value == NOBODY
    app.store.close()


async def test_plain_notes_dont_show_quote_fields(meeting: Meeting) -> None:
    app = seat(meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("escape", "n")
        credit = screen.query_one("#nt-note-quote-as", Select)
        assert not credit.display
        await pilot.press("escape", "q")
        await pilot.pause()
        assert credit.display and credit.region.width > 0
    app.store.close()


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_seat_snapshot(snap_compare, meeting: Meeting, size: tuple[int, int]) -> None:
    app = seat(meeting)

    async def no_blink(pilot) -> None:
        # Under load the seat can still be settling its focus here: wait for it, or the
        # cursor is drawn (or not) by wherever the blink timer happens to be.
        for _ in range(100):
            if pilot.app.focused is not None:
                break
            await pilot.pause(0.05)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=size, run_before=no_blink)
    finally:
        app.store.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_toast_never_covers_the_seats_fields(meeting: Meeting, size) -> None:
    app = seat(meeting)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("escape", "c")
        app.notify("One thing worth knowing.")
        app.notify("And a second one.", severity="warning")
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 2
        fields = [w for w in app.screen.query("Input, TextArea, Select") if w.region.area]
        for toast in toasts:
            for field in fields:
                assert not toast.region.overlaps(field.region), (field, toast.region)
    app.store.close()
