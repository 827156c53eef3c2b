"""The recap on the wall (issue 14): the shortlist key, the recap screen, the sector crosswalk."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp
from tests.tui.builders import board, screen_text
from tests.tui.test_wall_tools import wait_for


async def type_into_prompt(pilot, app: FocusGroupApp, text: str) -> None:
    field = app.screen.query_one("#prompt-input", Input)
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_star_puts_a_stack_on_the_shortlist_shown_on_wall_and_projector(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    first, second = (c.id for c in wall_store.cards()[:2])
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        for card_id in (second, first):
            board(wall_app).select_card(card_id)
            await pilot.press("asterisk")
            await pilot.pause()
        assert [c.id for c in wall_store.shortlist()] == [second, first]
        assert board(wall_app).tiles[second].view.shortlist == 1
        assert "★1" in screen_text(wall_app) and "★2" in screen_text(wall_app)
        await pilot.press("v")  # the projector shows the room's list too
        await pilot.pause()
        assert "★1" in screen_text(wall_app)
        await pilot.press("v")
        board(wall_app).select_card(second)
        await pilot.press("asterisk")
        await pilot.pause()
        assert [c.id for c in wall_store.shortlist()] == [first]
        assert board(wall_app).tiles[first].view.shortlist == 1
        await pilot.press("ctrl+z")
        assert len(wall_store.shortlist()) == 2


async def test_recap_screen_takeaways_proposals_order_and_date(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    from focusgroup.tui.screens.recap import RecapScreen

    a, b = (c.id for c in wall_store.cards()[:2])
    wall_store.toggle_shortlist(a)
    wall_store.toggle_shortlist(b)
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.press("R")
        screen = wall_app.screen
        assert isinstance(screen, RecapScreen)
        text = screen_text(wall_app)
        assert "Add takeaway" in text and "Use proposal" in text and "Re-engage date" in text
        # a: write one in the facilitator's own words.
        await pilot.press("a")
        await type_into_prompt(pilot, wall_app, "Machinists are the hardest hire.")
        # Tab to the proposals, i: use one (it opens for editing first).
        assert screen.proposals, "the wall should yield proposals"
        await pilot.press("tab")  # "Tab switches lists"
        assert screen.focused is screen.query_one("#recap-proposals", OptionList)
        await pilot.press("i")
        field = wall_app.screen.query_one("#prompt-input", Input)
        assert field.value == screen.proposals[0]
        await pilot.press("enter")
        await pilot.pause()
        texts = [t.text for t in wall_store.takeaways()]
        assert texts == ["Machinists are the hardest hire.", screen.proposals[0]]
        # ] moves the highlighted takeaway down; e edits; x removes.
        takeaways = screen.query_one("#recap-takeaways", OptionList)
        takeaways.focus()
        takeaways.highlighted = 0
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert [t.text for t in wall_store.takeaways()][1] == "Machinists are the hardest hire."
        takeaways.highlighted = 1
        await pilot.press("e")
        await type_into_prompt(pilot, wall_app, "Machinists: the hardest hire in the room.")
        assert "Machinists: the hardest hire in the room." in [
            t.text for t in wall_store.takeaways()
        ]
        takeaways.highlighted = 0
        await pilot.press("x")
        await pilot.pause()
        assert len(wall_store.takeaways()) == 1
        # The shortlist's order is set here too.
        shortlist = screen.query_one("#recap-shortlist", OptionList)
        await pilot.press("tab", "tab")
        assert screen.focused is shortlist
        shortlist.highlighted = 1
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert [c.id for c in wall_store.shortlist()] == [b, a]
        # d: the date; a bad one is refused with a message and nothing stored.
        await pilot.press("d")
        await type_into_prompt(pilot, wall_app, "next spring")
        assert wall_store.session().reengage_on == ""
        await type_into_prompt(pilot, wall_app, "2027-02-15")
        assert wall_store.session().reengage_on == "2027-02-15"
        assert "2027-02-15" in screen_text(wall_app)
        await pilot.press("escape")
        assert not isinstance(wall_app.screen, RecapScreen)


async def test_w_reads_the_card_in_the_sessions_sector(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    wall_store.update_session(sector="construction")
    card_id = wall_store.add_card("Operator")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(card_id)
        await pilot.press("w")
        options = wall_app.screen.query_one("#crosswalk-options", OptionList)
        await wait_for(pilot, lambda: options.option_count > 1)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        card = wall_store.card(card_id)
        assert card.soc_code == "47-2073"
        assert card.soc_title == "Operating Engineers and Other Construction Equipment Operators"
