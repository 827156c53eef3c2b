"""The follow-up loop, started: a job profile becomes a critical-competencies session.

The session's categories are the profile's job functions and its cards are the tasks; the
profile as read is kept in the session as the baseline that `export.followup.updated_profile`
compares the room's result against. This writes a session, so it lives outside `export/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from focusgroup.domain.model import UNSORTED
from focusgroup.export.profiles import (
    PATHS_IN_CATEGORY,
    PATHS_OUT_CATEGORY,
    dump_profile,
    read_profile,
)
from focusgroup.protocol_files import find_protocol
from focusgroup.store.session_store import SessionStore

COMPETENCIES_PROTOCOL = "critical-competencies"
_MEETING_ONE = "critical-occupations"


def start_from_profile(
    path: str | Path,
    profile_path: str | Path,
    *,
    protocol_id: str | None = COMPETENCIES_PROTOCOL,
    title: str = "",
    actor: str = "cli",
    **details: Any,
) -> SessionStore:
    """Create a competencies session at `path` from a job profile YAML; returns it open.

    Args:
        path: the new session file (must not exist).
        profile_path: a profile written by `focusgroup profiles` (and maybe hand-edited).
        protocol_id: defaults to critical-competencies; the meeting-1 protocol is swapped for
            it, since a profile review is always a competencies meeting.
        title: defaults to "<occupation>: critical competencies".
        details: other session fields (sector, region, date, facilitator, follow_up_url...).
    Raises:
        ProfileError: the YAML is missing or invalid (the message names the field).
    """
    profile_path = Path(profile_path)
    profile = read_profile(profile_path)
    if protocol_id in (None, "", _MEETING_ONE):
        protocol_id = COMPETENCIES_PROTOCOL
    protocol = find_protocol(protocol_id)
    title = title.strip() or f"{profile.occupation}: critical competencies"
    details = {k: v for k, v in details.items() if v is not None}
    # Keep the profile as it was read (normalised YAML): the baseline for the next version.
    store = SessionStore.create(
        path,
        protocol,
        title=title,
        actor=actor,
        with_categories=False,
        source_profile=dump_profile(profile),
        **details,
    )
    try:
        levels = protocol.level_keys()
        path_steps = [i for i, s in enumerate(protocol.steps) if "occupation" in s.collects]
        with store.action(
            f"Load job profile {profile.occupation} v{profile.version}", undoable=False
        ):
            for function in profile.functions:
                category = store.add_category(function.name)
                for task in function.tasks:
                    # A task of any level sits in the first row; the session's journal keeps
                    # where it started, so an unmoved task keeps "any" in the next version.
                    level = task.level if task.level in levels else UNSORTED
                    card = store.add_card(task.text, None, category_id=category, level=level)
                    if task.votes:  # last round's show of hands, on the card for all to see
                        store.set_hands(card, task.votes)
            # Paths in and out as columns of their own, so each job sits at its level.
            for name, steps, step_index in (
                (PATHS_IN_CATEGORY, profile.paths_in, 0),
                (PATHS_OUT_CATEGORY, profile.paths_out, -1),
            ):
                category = store.add_category(name)
                step = path_steps[step_index] if path_steps else None
                for path_step in steps:
                    level = path_step.level if path_step.level in levels else UNSORTED
                    store.add_card(
                        path_step.text, None, category_id=category, level=level, step=step
                    )
    except BaseException:
        store.close()
        Path(path).unlink(missing_ok=True)
        raise
    return store
