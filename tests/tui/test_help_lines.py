"""Issue 13: every help line on every screen does what it says. One test per line: each
reads the line off the screen (so a reworded line breaks its test) and does exactly that."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from tests.tui.builders import board
from tests.tui.test_wall_tools import wait_for


def label_text(app: FocusGroupApp, selector: str = ".dialog-help") -> str:
    return " ".join(str(w.render()) for w in app.screen.query(selector))


async def _keys(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


# -- the wall's F1 intro -----------------------------------------------------------------------


async def test_wall_help_intro_add_a_card(wall_app: FocusGroupApp, wall_store: SessionStore):
    """ "Add a card: a, a few letters of the employer, Enter, the card text, Enter; it lands in
    Unsorted." """
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        intro = str(wall_app.screen.query_one("#help-text", Static).render())
        assert "Add a card: a, a few letters of the employer, Enter, the card text, Enter" in intro
        await pilot.press("escape")
        await pilot.press("a")
        await _keys(pilot, "gre")
        await pilot.press("enter")
        await _keys(pilot, "Solar installer")
        await pilot.press("enter")
        await pilot.pause()
        card = next(c for c in wall_store.wall().unsorted if c.text == "Solar installer")
        greg = next(p for p in wall_store.participants() if p.name == "Greg Lund")
        assert card.participant_id == greg.id


async def test_wall_help_intro_arrows_and_shift_arrows(
    wall_app: FocusGroupApp, wall_store: SessionStore
):
    """ "Arrows pick a card; Shift+arrows move it between categories and levels." """
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        b = board(wall_app)
        first = b.selected_card
        await pilot.press("down")
        assert b.selected_card != first
        picked = b.selected_card
        before = wall_store.card(picked)
        await pilot.press("shift+right")
        moved = wall_store.card(picked)
        assert moved.category_id != before.category_id
        await pilot.press("shift+up")
        assert wall_store.card(picked).level != moved.level


async def test_help_undo_note(wall_app: FocusGroupApp, wall_store: SessionStore):
    """ "Every change is saved at once and can be undone with Ctrl+Z." """
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert "can be undone with Ctrl+Z" in str(wall_app.screen.query_one("#help-text").render())
        await pilot.press("escape")
        picked = board(wall_app).selected_card
        place = wall_store.card(picked).category_id
        await pilot.press("shift+right")
        assert wall_store.card(picked).category_id != place  # saved at once
        await pilot.press("ctrl+z")
        assert wall_store.card(picked).category_id == place


# -- the quick-entry bar ---------------------------------------------------------------------


async def test_quick_entry_placeholder_enter_adds_it_to_unsorted(
    wall_app: FocusGroupApp, wall_store: SessionStore
):
    """The card field's placeholder: "card text, Enter adds it to Unsorted"."""
    async with wall_app.run_test(size=(120, 40)) as pilot:
        text = wall_app.screen.query_one("#qe-text", Input)
        assert text.placeholder == "card text, Enter adds it to Unsorted"
        await pilot.press("a", "tab")
        await _keys(pilot, "Line cook")
        await pilot.press("enter")
        await pilot.pause()
        assert "Line cook" in [c.text for c in wall_store.wall().unsorted]


async def test_quick_entry_new_participant_enter_adds(
    wall_app: FocusGroupApp, wall_store: SessionStore
):
    """The label "New participant “…”? Enter adds": Enter adds them."""
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await _keys(pilot, "Quinn Tools")
        await pilot.press("enter")
        assert "Enter adds" in str(wall_app.screen.query_one("#qe-label").render())
        await pilot.press("enter")
        assert "Quinn Tools" in [p.name for p in wall_store.participants()]


# -- dialogs -------------------------------------------------------------------------------


async def test_prompt_dialog_enter_to_save_esc_to_cancel(
    wall_app: FocusGroupApp, wall_store: SessionStore
):
    """ "Enter to save · Esc to cancel" (the show-of-hands prompt)."""
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picked = board(wall_app).selected_card
        await pilot.press("h")
        assert "Enter to save · Esc to cancel" in label_text(wall_app)
        wall_app.screen.query_one(Input).value = "9"
        await pilot.press("escape")
        assert wall_store.card(picked).hands != 9  # Esc cancelled
        await pilot.press("h")
        wall_app.screen.query_one(Input).value = "9"
        await pilot.press("enter")
        assert wall_store.card(picked).hands == 9  # Enter saved


async def test_crosswalk_down_then_enter_accepts_the_highlighted_suggestion(
    wall_app: FocusGroupApp, wall_store: SessionStore
):
    """ "↓ then Enter accepts the highlighted suggestion" (it used to do nothing)."""
    card_id = wall_store.add_card("CNC machinist")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(card_id)
        await pilot.press("w")
        dialog = wall_app.screen
        assert "↓ then Enter accepts the highlighted suggestion" in label_text(wall_app)
        options = dialog.query_one("#crosswalk-options", OptionList)
        await wait_for(pilot, lambda: options.option_count > 1)
        first = dialog.matches[0]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert wall_store.card(card_id).soc_code == first.soc_code
        # ↓ ↓ Enter: the second suggestion (the highlighted one), as the line says.
        await pilot.press("w")
        dialog = wall_app.screen
        options = dialog.query_one("#crosswalk-options", OptionList)
        await wait_for(pilot, lambda: options.option_count > 1)
        second = dialog.matches[1]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert wall_store.card(card_id).onet_code == second.onet_code


async def test_crosswalk_esc_to_cancel(wall_app: FocusGroupApp, wall_store: SessionStore):
    """ "Esc to cancel": nothing stored."""
    card_id = wall_store.add_card("CNC machinist")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(card_id)
        await pilot.press("w")
        assert "Esc to cancel" in label_text(wall_app)
        await pilot.press("escape")
        assert wall_store.card(card_id).soc_code == ""


async def test_card_dialog_x_split_one_a_split_all_esc_close(
    wall_app: FocusGroupApp, wall_store: SessionStore
):
    """ "x split one · a split all · Esc close" on a merged stack."""
    lead = next(c for c in wall_store.cards() if c.members)
    extra = wall_store.add_card("Machinist (CNC)")
    wall_store.merge_cards(lead.id, [extra])
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(lead.id)
        await pilot.press("enter")
        assert "x split one · a split all · Esc close" in label_text(wall_app)
        size = wall_store.card(lead.id).count
        await pilot.press("down", "x")
        await pilot.pause()
        assert wall_store.card(lead.id).count == size - 1
        await pilot.press("a")
        await pilot.pause()
        assert wall_store.card(lead.id).count == 1
        await pilot.press("enter")  # the stack is gone; open the card again, then Esc
        await pilot.press("escape")
        assert type(wall_app.screen).__name__ == "WallScreen"


async def test_edit_card_dialog_help_line(wall_app: FocusGroupApp, wall_store: SessionStore):
    """ "Enter saves · Tab moves between the fields · empty author: nobody · Esc cancels" """
    card_id = wall_store.add_card("Welder", wall_store.participants()[0].id)
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(card_id)
        await pilot.press("e")
        assert "Enter saves · Tab moves between the fields" in label_text(wall_app)
        screen = wall_app.screen
        assert screen.focused is screen.query_one("#edit-card-text", Input)
        await pilot.press("tab")
        who = screen.query_one("#edit-card-who", Input)
        assert screen.focused is who
        who.value = ""  # empty author: nobody
        await pilot.press("escape")
        assert wall_store.card(card_id).participant_id is not None  # Esc cancels
        await pilot.press("e")
        wall_app.screen.query_one("#edit-card-who", Input).value = ""
        wall_app.screen.query_one("#edit-card-who", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert wall_store.card(card_id).participant_id is None  # Enter saves; nobody


async def test_participants_title_line(wall_app: FocusGroupApp, wall_store: SessionStore):
    """ "a add · Enter edit · space present/absent · Esc back" """
    absent = wall_store.add_participant("Walk In", "Nowhere Ltd")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = wall_app.screen
        assert "a add · Enter edit · space present/absent · Esc back" in str(
            screen.query_one("#people-title").render()
        )
        table = screen.query_one("DataTable")
        table.move_cursor(row=table.get_row_index(str(absent)))
        await pilot.press("space")
        assert wall_store.participant(absent).attended
        await pilot.press("enter")
        assert type(wall_app.screen).__name__ == "ParticipantDialog"
        await pilot.press("escape")
        await pilot.press("a")
        assert type(wall_app.screen).__name__ == "ParticipantDialog"
        assert wall_app.screen.person is None  # a adds a new one
        await pilot.press("escape", "escape")
        assert type(wall_app.screen).__name__ == "WallScreen"


async def test_export_dialog_ctrl_s_export_esc_close(wall_app: FocusGroupApp, tmp_path: Path):
    """ "ctrl+s export · Esc close" """
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        dialog = wall_app.screen
        assert "ctrl+s export · Esc close" in label_text(wall_app)
        dialog.query_one("#export-folder", Input).value = str(tmp_path / "out")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: getattr(dialog, "written", None), tries=300)
        assert any(p.suffix == ".pdf" for p in dialog.written)
        await pilot.press("escape")
        assert type(wall_app.screen).__name__ == "WallScreen"


async def test_join_screen_esc_closes(wall_app: FocusGroupApp):
    """The join screen says "Esc closes" (or "close this (Esc)")."""
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert "Esc" in str(wall_app.screen.query_one("#join-help").render())
        await pilot.press("escape")
        assert type(wall_app.screen).__name__ == "WallScreen"


async def test_start_screen_sessions_enter_opens(tmp_path: Path):
    """ "SESSIONS (Enter opens)" """
    from focusgroup import paths
    from focusgroup.sample import sample_session

    folder = paths.sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    sample_session(folder / "one.db", cards=3).close()
    app = make_app(None, "facilitator")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "SESSIONS (Enter opens)" in str(app.screen.query_one(".start-heading").render())
        app.screen.query_one("DataTable").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WallScreen"


# -- the note-taker's seat -------------------------------------------------------------------


def _seat(tmp_path: Path) -> tuple[FocusGroupApp, SessionStore]:
    from focusgroup.sample import sample_session
    from focusgroup.tui.launch import session_app

    sample_session(tmp_path / "m.db", cards=6).close()
    app = session_app(tmp_path / "m.db", "note-taker")
    return app, app.store


async def test_competency_tags_help_line(tmp_path: Path):
    """ "Enter saves · Esc back to the text · 0 clears the tier" """
    app, store = _seat(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "c")
        app.focused.value = "Reads a micrometer"
        await pilot.press("enter")  # to the tags
        tags = app.screen.query_one("#nt-comp-tags")
        assert "Enter saves · Esc back to the text · 0 clears the tier" in str(tags.render())
        await pilot.press("2", "0")
        assert tags.tags.tier == ""  # 0 cleared it
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#nt-comp-text")  # back to the text
        await pilot.press("enter", "enter")  # to the tags, then Enter saves
        await pilot.pause()
        assert [c.text for c in store.competencies()][-1] == "Reads a micrometer"
    store.close()


async def test_note_about_line_m_marks_cards(tmp_path: Path):
    """ "About: no card (m marks cards on the wall)" """
    app, store = _seat(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "n")
        about = app.screen.query_one("#nt-note-about")
        assert "m marks cards on the wall" in str(about.render())
        await pilot.press("escape")
        wall = app.focused
        card = store.cards()[0]
        wall.highlight(("card", card.id))
        await pilot.press("m", "n")
        assert card.text in str(about.render())
    store.close()


async def test_competency_for_line_highlight_one_on_the_wall(tmp_path: Path):
    """ "For: no card or category (highlight one on the wall)" """
    app, store = _seat(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        wall = app.focused
        wall.highlight(("category", store.categories()[0].id))
        await pilot.pause()
        target = str(app.screen.query_one("#nt-comp-target").render())
        assert store.categories()[0].name in target
    store.close()
