"""O*NET job zone (typical preparation) beside the level employers gave a card.

A big gap is worth raising in the room ("you put this at entry, O*NET says it usually takes a
bachelor's degree and years of experience: is it really entry level here?"). It is a flag for the
discussion, never a correction: employers know their jobs.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from focusgroup.domain.errors import FocusGroupError

ZONE_NAMES = {
    1: "little or no preparation",
    2: "some preparation",
    3: "medium preparation",
    4: "considerable preparation",
    5: "extensive preparation",
}
"""O*NET's short names for the five job zones."""


def level_disagreement(job_zone: int | None, level: str) -> str | None:
    """A short flag when the job zone and the card's level are far apart, else None.

    Flags: zone 4-5 on an 'entry' card, zone 1 on an 'advanced' card. Anything else (including
    'mid', 'unsorted', custom levels and a missing zone) is not a strong disagreement.
    """
    if job_zone not in ZONE_NAMES:
        return None
    level = level.strip().lower()
    if level == "entry" and job_zone >= 4:
        return (
            f"O*NET job zone {job_zone} ({ZONE_NAMES[job_zone]}) on an entry-level card: "
            "ask the room if it really is entry level here"
        )
    if level == "advanced" and job_zone == 1:
        return (
            f"O*NET job zone 1 ({ZONE_NAMES[1]}) on an advanced card: "
            "ask the room what makes it advanced here"
        )
    return None


@lru_cache(maxsize=4096)
def job_zone_of(code: str) -> int | None:
    """The job zone of an O*NET-SOC or SOC code, or None when unknown or no index is there.

    Cached: the wall asks for every crosswalked card on every repaint.
    """
    from focusgroup.crosswalk.index import reading

    code = code.strip()
    if not code:
        return None
    try:
        with reading() as (conn, _):
            row = conn.execute(
                "SELECT job_zone FROM occupation WHERE onet_code = ? OR soc_code = ? "
                "ORDER BY onet_code LIMIT 1",
                (code, code),
            ).fetchone()
    except (sqlite3.Error, FocusGroupError):
        return None
    return int(row[0]) if row and row[0] else None
