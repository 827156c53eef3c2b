"""Whatever is typed in a participant's e-mail field, planning the mailing never fails: each
address is to send, or skipped with the reason, and every one to send builds a message.

Before: 'bo@example..org' (a double dot, an everyday typo) raised the email package's
HeaderParseError out of the address check. `focusgroup email` stopped with 'something went
wrong' and mailed nobody, and pressing M in the app closed the app.
"""

from __future__ import annotations

from email.headerregistry import Address

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.domain.model import Participant
from focusgroup.mail.content import Attachment, MailContent
from focusgroup.mail.message import Letter, build_message
from focusgroup.mail.recipients import Status, plan
from focusgroup.store import SessionStore

from .test_email_screen import TinyApp

TYPOS = [
    "bo@example..org",
    "bo@.example.org",
    "bo@example.org.",
    "bo..x@example.org",
    "bo@@example.org",
    "bo@exa mple.org",
    "bo@[300.1.1.1",
    "bo@example.org>",
    '"bo@example.org',
    "Bo <bo@example.org>",
    "bo@exämple..org",
    "bo@",
    "@example.org",
]
LETTER = Letter(
    sender=Address("Dana", addr_spec="dana@example.org"),
    subject="S",
    content=MailContent("S", "t", "<p>t</p>", (Attachment("a.pdf", b"%PDF"),)),
)


def person(pid: int, email: str) -> Participant:
    return Participant(pid, f"P{pid}", "Acme", "employer", email, consent=True)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(TYPOS),
            st.emails().map(str),
            st.text(max_size=40),
            st.builds(lambda a, b: f"{a}@{b}", st.text(max_size=12), st.text(max_size=20)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_typed_address_is_planned_and_every_due_one_builds(emails: list[str]) -> None:
    people = [person(i + 1, e) for i, e in enumerate(emails)]
    recipients = plan(people, [])
    assert [r.participant for r in recipients] == people
    for r in recipients:
        assert r.describe()  # a reason for every row of the screen and of --dry-run
        if r.will_send:
            build_message(LETTER, r.participant.name, r.email, r.participant.id).as_bytes()


@pytest.mark.parametrize("typo", TYPOS)
def test_a_typo_is_a_bad_address_with_its_reason(typo: str) -> None:
    [recipient] = plan([person(1, typo)], [])
    assert recipient.status is Status.BAD_ADDRESS
    assert recipient.describe() == f"skipped: {typo.strip()!r} is not a valid e-mail address"


async def test_the_email_screen_opens_with_a_typo_in_an_address(
    meeting: SessionStore, smtp_server
) -> None:
    bo = meeting.add_participant("Bo Bell", "Bell Fab", email="bo@example..org", consent=True)
    meeting.set_attended(bo, True)
    app = TinyApp(meeting, smtp_server.settings())
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert (
            app.screen.status_of(bo) == "skipped: 'bo@example..org' is not a valid e-mail address"
        )
