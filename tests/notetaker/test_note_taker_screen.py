"""The note-taker's seat with Pilot: tagging in a few keys, notes, commitments, edits, safety."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.screens.note_taker import NoteTakerScreen
from focusgroup.tui.widgets.competency_tags import CompetencyTags
from focusgroup.tui.widgets.note_log import NoteLog
from focusgroup.tui.widgets.note_wall import NoteWall
from tests.notetaker.builders import Meeting

SIZE = (140, 44)


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_competency_is_tagged_in_a_few_keys(meeting: Meeting, note_store: SessionStore):
    """Text, Enter, then one key each: type, tier, level, gap; Enter saves, linked to the card."""
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NoteTakerScreen)
        await pilot.press("escape")
        assert isinstance(app.focused, NoteWall)
        assert app.focused.highlight(("card", meeting.machinist))
        await pilot.press("c")
        assert app.focused.id == "nt-comp-text"
        app.focused.value = "Reads blueprints"
        await pilot.press("enter")
        assert isinstance(app.focused, CompetencyTags)
        await pilot.press("s", "6", "l", "g", "enter")
        await pilot.pause()
        [comp] = note_store.competencies()
        assert (comp.text, comp.card_id, comp.category_id) == (
            "Reads blueprints",
            meeting.machinist,
            None,
        )
        assert (comp.ksa, comp.tier, comp.level, comp.lacking) == (
            "skill",
            "occupation-specific",
            "entry",
            True,
        )
        # Ready for the next one: text and tags cleared, cursor back in the text.
        assert app.focused.id == "nt-comp-text" and app.focused.value == ""
        assert app.screen.query_one(CompetencyTags).tags.ksa == ""
        # The wall shows it under its card, the log lists it.
        assert f"competency:{comp.id}" in app.screen.query_one(NoteLog).rows


async def test_competency_on_a_category_and_pressing_a_key_twice_clears(
    meeting: Meeting, note_store: SessionStore
):
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        app.focused.highlight(("category", meeting.production))
        await pilot.press("c")
        app.focused.value = "Safety first"
        await pilot.press("enter", "k", "k", "a", "3", "3", "enter")
        [comp] = note_store.competencies()
        assert (comp.category_id, comp.card_id, comp.ksa, comp.tier) == (
            meeting.production,
            None,
            "ability",
            "",
        )


async def test_topic_key_starts_a_tagged_note_with_speaker_and_quote_default(
    meeting: Meeting, note_store: SessionStore
):
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        wall = app.focused
        wall.highlight(("card", meeting.machinist))
        await pilot.press("m")  # mark it: the note is about this card
        wall.highlight(("card", meeting.welder))
        await pilot.press("m")
        await pilot.press("3")  # topic 3: entry-level gaps
        assert isinstance(app.focused, TextArea)
        app.focused.text = "Nobody can [bold]read a micrometer[/]"
        screen = app.screen
        screen.query_one("#nt-note-speaker", Select).value = meeting.ann
        screen.query_one("#nt-note-tags", Input).value = "gaps, tools, gaps"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = note_store.notes()
        assert note.text == "Nobody can [bold]read a micrometer[/]"
        assert (note.kind, note.topic, note.participant_id) == ("note", "entry-gaps", meeting.ann)
        assert note.quote_as == "organization"  # Ann's own choice, from her registration
        assert note.card_ids == (meeting.machinist, meeting.welder)
        assert note.tags == ("gaps", "tools")
        assert note.step == note_store.session().current_step
        assert app.focused.text == ""


async def test_quote_follows_the_meeting_step_and_can_be_quoted_anonymously(
    meeting: Meeting, note_store: SessionStore
):
    app = make_app(note_store, "note-taker", poll_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        with SessionStore.open(meeting.path, actor="facilitator") as facilitator:
            facilitator.set_step(3)
        await pilot.pause(0.3)
        await pilot.press("escape", "q")
        screen = app.screen
        app.focused.text = "We hire from out of state, 40%."
        screen.query_one("#nt-note-speaker", Select).value = meeting.bo
        await pilot.pause()
        screen.query_one("#nt-note-quote-as", Select).value = "anonymous"
        await pilot.press("ctrl+s")
        [quote] = note_store.notes()
        assert (quote.kind, quote.step, quote.quote_as, quote.participant_id) == (
            "quote",
            3,
            "anonymous",
            meeting.bo,
        )


async def test_commitment_with_a_bad_date_keeps_everything_typed(
    meeting: Meeting, note_store: SessionStore
):
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "o")
        screen = app.screen
        screen.query_one("#nt-commit-employer", Select).value = meeting.bo
        screen.query_one("#nt-commit-offer", Select).value = "mentoring"
        screen.query_one("#nt-commit-detail", Input).value = "Two mentors for apprentices"
        screen.query_one("#nt-commit-owner", Input).value = "Dana (college)"
        due = screen.query_one("#nt-commit-due", Input)
        due.value = "next week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert note_store.commitments() == []
        assert any("not a date" in n for n in notifications(app))
        assert screen.query_one("#nt-commit-detail", Input).value == "Two mentors for apprentices"
        due.value = "2026-07-15"
        await pilot.press("ctrl+s")
        [commitment] = note_store.commitments()
        assert (commitment.participant_id, commitment.offer, commitment.owner, commitment.due) == (
            meeting.bo,
            "mentoring",
            "Dana (college)",
            "2026-07-15",
        )


async def test_store_errors_become_a_toast_and_nothing_typed_is_lost(
    meeting: Meeting, note_store: SessionStore
):
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s", "g", "enter")  # empty text, tags chosen
        await pilot.pause()
        assert note_store.competencies() == []
        assert any("can't be empty" in n for n in notifications(app))
        tags = app.screen.query_one(CompetencyTags).tags
        assert (tags.ksa, tags.lacking) == ("skill", True)


async def test_markup_typed_by_users_is_shown_literally(meeting: Meeting, note_store: SessionStore):
    """Names and text full of markup neither crash the screen nor run actions."""
    evil = "[@click=app.quit]boom[/] [/] [$accent]x [B]y"
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#nt-comp-text", Input).value = evil
        await pilot.press("enter", "enter")
        await pilot.pause()
        with SessionStore.open(meeting.path, actor="facilitator") as facilitator:
            facilitator.add_card(evil, meeting.ann)
            facilitator.add_participant(evil, evil)
        app.sync_now()
        await pilot.pause()
        assert app.is_running
        [comp] = note_store.competencies()
        assert comp.text == evil
        wall = app.screen.query_one(NoteWall)
        labels = [str(node.label) for node in wall._by_key.values()]
        assert any(evil in label for label in labels)


async def test_edit_and_delete_from_the_log_and_undo_only_this_seat(
    meeting: Meeting, note_store: SessionStore
):
    with SessionStore.open(meeting.path, actor="facilitator") as facilitator:
        facilitator.add_note("Facilitator's own note")
    note_id = note_store.add_note("Typo in a quoet", kind="quote", participant_id=meeting.bo)
    app = make_app(note_store, "note-taker")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "l")
        log = app.focused
        assert isinstance(log, NoteLog) and log.highlighted_key == f"note:{note_id}"
        await pilot.press("enter")
        assert isinstance(app.focused, TextArea) and app.focused.text == "Typo in a quoet"
        app.focused.text = "Typo in a quote"
        await pilot.press("ctrl+s")
        await pilot.pause()
        notes = {n.id: n for n in note_store.notes()}
        assert notes[note_id].text == "Typo in a quote" and notes[note_id].kind == "quote"
        assert len(notes) == 2

        await pilot.press("escape", "l", "delete")
        await pilot.pause()
        assert [n.text for n in note_store.notes()] == ["Facilitator's own note"]
        await pilot.press("ctrl+z")  # this seat's delete, not the facilitator's note
        await pilot.pause()
        assert sorted(n.text for n in note_store.notes()) == [
            "Facilitator's own note",
            "Typo in a quote",
        ]
