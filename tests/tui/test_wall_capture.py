"""Capturing cards from the quick-entry bar, and text that looks like markup."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp
from tests.tui.builders import board, shown, type_card, unsorted_ids

NASTY = [
    "[bold]Bob",
    "Ann [/]",
    "[/]",
    "[link=http://x]Machinist",
    "$accent cost $5",
    "C:\\shop\\floor \\",
    "[@click=app.quit]x[/]",
    "Soudeur·se Zoë 🤖 عامل لحام",
]


async def test_card_lands_in_unsorted_with_its_employer(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        before = set(unsorted_ids(wall_store))
        await type_card(pilot, "Lund", "Electrical apprentice")
        new = [c for c in wall_store.wall().unsorted if c.id not in before]
        assert [c.text for c in new] == ["Electrical apprentice"]
        greg = next(p for p in wall_store.participants() if p.name == "Greg Lund")
        assert new[0].participant_id == greg.id
        assert new[0].id in board(wall_app).tiles
        # Greg now has his two cards: the bar clears the employer for the next person.
        assert wall_app.screen.query_one("#qe-who", Input).value == ""
        assert wall_app.screen.query_one("#qe-text", Input).value == ""


async def test_a_new_participant_is_shown_first_and_added_on_a_second_enter(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """Issue 13: a name nobody has is shown as new; only a second Enter adds them."""
    async with wall_app.run_test(size=(120, 40)) as pilot:
        before = len(wall_store.participants())
        who = wall_app.screen.query_one("#qe-who", Input)
        who.value = "Zoe Quinn, Quinn Tools"
        who.focus()
        await pilot.press("enter")
        label = str(wall_app.screen.query_one("#qe-label").render())
        assert "New participant “Zoe Quinn, Quinn Tools”? Enter adds" in label
        assert len(wall_store.participants()) == before  # shown, not yet added
        await pilot.press("enter")
        zoe = next(p for p in wall_store.participants() if p.name == "Zoe Quinn")
        assert zoe.organization == "Quinn Tools"
        await type_card(pilot, "", "Millwright")
        cards = [c for c in wall_store.cards() if c.participant_id == zoe.id]
        assert [c.text for c in cards] == ["Millwright"]
        # After a saved card the bar starts empty, at the employer field.
        assert who.value == "" and wall_app.screen.focused is who


async def test_empty_card_is_refused_and_typing_is_kept(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        count = len(wall_store.cards())
        await type_card(pilot, "Ana", "   ")
        assert len(wall_store.cards()) == count
        assert wall_app.screen.query_one("#qe-text", Input).value == "   "
        assert any("empty" in n.message for n in wall_app._notifications)


async def test_an_employers_third_card_is_marked_third(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """Issue 13: "3rd" follows the employer's card count, not the agenda step."""
    third = next(i for i, s in enumerate(wall_store.protocol().steps) if s.third_card)
    wall_store.set_step(third)
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await type_card(pilot, "", "Robot programmer")  # nobody's third, even in step 5
        await type_card(pilot, "Ana Ruiz", "Robot welder")  # Ana already has two
        robot = next(c for c in wall_store.cards() if c.text == "Robot programmer")
        welder = next(c for c in wall_store.cards() if c.text == "Robot welder")
        assert not robot.third_card and welder.third_card
        assert "3rd" in shown(wall_app, welder.id) and "3rd" not in shown(wall_app, robot.id)


@pytest.mark.parametrize("size", [(80, 24)])
async def test_markup_like_text_is_shown_literally(
    wall_app: FocusGroupApp, wall_store: SessionStore, size: tuple[int, int]
) -> None:
    async with wall_app.run_test(size=size) as pilot:
        for text in NASTY:
            await type_card(pilot, "", text)
        await pilot.pause()
        assert wall_app.is_running  # [@click=app.quit] did not quit, [/] did not crash
        tiles = board(wall_app).tiles
        by_text = {c.text: c.id for c in wall_store.cards()}
        for text in NASTY:
            assert text in by_text, text
            rendered = str(tiles[by_text[text]].render())
            assert text in rendered, (text, rendered)
            # Painted on the wall literally too (wrapped to the narrow column: compare
            # without the spaces the wrapping and the card's padding add).
            lines = board(wall_app).card_lines(by_text[text])
            painted = "".join("".join(line[1:] for line in lines).split())  # [0] is the edge
            assert "".join(text.split()) in painted, (text, painted)
        # Clicking the would-be link does nothing but select the card.
        target = by_text["[@click=app.quit]x[/]"]
        body, offset = board(wall_app).card_offset(target)
        await pilot.click(body, offset=offset)
        await pilot.pause()
        assert wall_app.is_running
        assert board(wall_app).selected_card == target
