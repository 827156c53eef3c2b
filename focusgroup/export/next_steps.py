"""What the summary promises: how the information will be used, when participants hear from
us, the personal ask for job descriptions, and what the recap left unsaid.

Kept apart from `content` (the numbers): these are the words a director signs.
"""

from __future__ import annotations

from focusgroup.domain.model import Role
from focusgroup.export.content import Summary
from focusgroup.export.snapshot import SessionSnapshot


def how_used(summary: Summary) -> str:
    """How the information will be used, in the guide's terms (or the facilitator's own)."""
    own = summary.snapshot.session.next_steps.strip()
    if own:
        return own
    if summary.snapshot.is_competency_session:
        return (
            "Your corrections update the job profile for this occupation. Education and training "
            "partners will use it, and the skills gaps you named, to decide what to teach first."
        )
    which = "on the room's shortlist" if summary.has_shortlist else "at the top of the wall"
    return (
        f"For each occupation {which} we will draft a job profile (functions, tasks, skills) "
        "from what you said and national O*NET data, and bring it to hiring managers and to "
        "high-performing employees to correct. Education and training partners will use the "
        "profiles to shape their programs."
    )


def when_next(summary: Summary) -> str:
    """When participants will hear again, with the date set at the recap."""
    date = summary.reengage_text
    if summary.snapshot.is_competency_session:
        base = "You will receive the updated profile for review"
    else:
        base = (
            "You will hear from us with the draft job profiles and an invitation to the focus "
            "group on each occupation"
        )
    if date:
        return f"{base} by {date}."
    return f"{base}; the date is still to be set."


def recap_gaps(snap: SessionSnapshot) -> list[str]:
    """What the recap left unsaid, for the person exporting (the summary still reads true)."""
    if snap.is_competency_session or not snap.cards:
        return []
    gaps = []
    if not any(t.text.strip() for t in snap.takeaways):
        gaps.append(
            "no takeaways were written at the recap, so page 1 uses the app's proposals "
            "(R on the wall to write them)."
        )
    if not any(c.on_shortlist for c in snap.cards):
        gaps.append(
            "the room marked no shortlist, so the summary leads with the top of the wall "
            "and says how it was ordered (* on the wall to mark one)."
        )
    if not snap.session.reengage_on.strip():
        gaps.append(
            "no re-engagement date is set, so the summary says it is still to be set "
            "(d on the recap screen)."
        )
    return gaps


def job_description_request(summary: Summary, participant_id: int | None) -> str:
    """The personal ask for job descriptions: the occupations this employer wrote.

    An employer who wrote no card (came, spoke, offered a tour) is still asked for job
    descriptions and nominations for the occupations the room put first. Empty for a support
    partner (they listen), for staff, and in a competencies meeting.
    """
    snap = summary.snapshot
    if participant_id is None or snap.is_competency_session:
        return ""
    # In an anonymous snapshot cards carry stand-in ids; this message goes to that person only.
    wanted = snap.card_pseudonyms.get(participant_id, participant_id)
    written: list[str] = []
    for card in snap.cards:
        for member in card.all_cards:
            if member.participant_id == wanted:
                written.append(member.text.strip())
    written = list(dict.fromkeys(w for w in written if w))
    if not written:
        who = snap.participant(participant_id)
        if who is None or who.role not in {r.value for r in Role if r.writes_cards}:
            return ""
        which = "on the room's shortlist" if summary.has_shortlist else "at the top of the wall"
        return (
            f"If your organization employs people in the occupations {which}, please send us "
            "your official job descriptions for them: they ground the draft profiles in real "
            "jobs. We would also welcome the names of hiring authorities (the supervisors who "
            "hire for these positions) and of high-performing employees in them, to invite to "
            "the follow-up focus groups."
        )
    names = _and_list([f"“{w}”" for w in written])
    return (
        f"You wrote {names} on your cards. If you can, please send us your official job "
        f"description for {'each of them' if len(written) > 1 else 'it'}: they ground the draft "
        "profiles in real jobs. We would also welcome the names of hiring authorities (the "
        "supervisors who hire for these positions) and of high-performing employees in them, "
        "to invite to the follow-up focus groups."
    )


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
