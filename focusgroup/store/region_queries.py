"""Questions asked of a combined region file: Datasette's canned queries and the report's facts.

The same SQL answers both, so what a partner sees in Datasette is what the report printed.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.domain.model import DEFAULT_LEVELS
from focusgroup.domain.region import RecurringGap, RegionMeeting, RegionOccupation, RegionReport
from focusgroup.store.connection import check_file
from focusgroup.store.region import read_only_uri


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sql: str


CANNED_QUERIES: tuple[CannedQuery, ...] = (
    CannedQuery(
        "occupations_by_soc",
        "Occupations by SOC code across meetings",
        "Each coded occupation: in how many meetings it was named, by how many employers "
        "(an employer at two meetings counts twice) and on how many cards. Merged cards count "
        "under their stack's code.",
        """
        SELECT o.soc_code, max(o.soc_title) AS soc_title,
               count(DISTINCT o.meeting_id) AS meetings,
               count(DISTINCT o.meeting_id || ':' || o.participant_id) AS employers,
               count(*) AS cards
        FROM card_occupations AS o JOIN meetings AS m ON m.id = o.meeting_id
        WHERE m.kind = 'occupations' AND o.soc_code != ''
        GROUP BY o.soc_code
        ORDER BY meetings DESC, employers DESC, cards DESC, o.soc_code
        """,
    ),
    CannedQuery(
        "competencies_lacking_at_entry",
        "Competencies lacking in entry-level candidates, across meetings",
        "Competency cards the room flagged as most often lacking at entry, grouped by wording "
        "(case and spacing ignored), most meetings first.",
        """
        SELECT trim(min(c.text)) AS competency,
               count(DISTINCT c.meeting_id) AS meetings,
               count(*) AS mentions,
               group_concat(DISTINCT coalesce(nullif(o.soc_title, ''), o.occupation)) AS occupations
        FROM competencies AS c
        LEFT JOIN card_occupations AS o ON o.meeting_id = c.meeting_id AND o.card_id = c.card_id
        WHERE c.lacking = 1
        GROUP BY lower(trim(c.text))
        ORDER BY meetings DESC, mentions DESC, competency
        """,
    ),
    CannedQuery(
        "reasons_by_occupation",
        "Why each occupation is critical",
        "Reasons given on cards, by occupation (SOC code, or the wall's wording when uncoded). "
        "An employer's own reason is marked own_reason = 1.",
        """
        SELECT coalesce(nullif(r.soc_code, ''), '') AS soc_code,
               coalesce(nullif(max(r.soc_title), ''), max(r.occupation)) AS occupation,
               r.reason, max(r.own_reason) AS own_reason,
               count(*) AS cards, count(DISTINCT r.meeting_id) AS meetings
        FROM card_reasons AS r JOIN meetings AS m ON m.id = r.meeting_id
        WHERE m.kind = 'occupations'
        GROUP BY r.occupation_key, r.reason
        ORDER BY r.occupation_key LIKE 'uncoded:%', r.occupation_key, cards DESC, r.reason
        """,
    ),
    CannedQuery(
        "uncoded_occupations",
        "Occupations without a SOC code",
        "Wall occupations no one has crosswalked yet; they are missing from the SOC tables.",
        """
        SELECT m.title AS meeting, c.text AS occupation, c.level
        FROM cards AS c JOIN meetings AS m ON m.id = c.meeting_id
        WHERE m.kind = 'occupations' AND c.stack_id IS NULL AND c.soc_code = ''
        ORDER BY m.date, m.id, c.text
        """,
    ),
)


def canned(name: str) -> CannedQuery:
    return next(q for q in CANNED_QUERIES if q.name == name)


def read_region(path: str | Path) -> RegionReport:
    """The report's facts from a region file, read without changing it."""
    path = Path(path)
    check_file(path)
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        return _read(conn)
    except sqlite3.Error as error:
        raise SessionFileError(f"{path} is not a readable region file ({error}).") from None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection) -> RegionReport:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    if "meetings" not in tables:
        raise sqlite3.DatabaseError("no meetings table")
    anonymous = conn.execute(
        "SELECT value FROM region_settings WHERE key = 'anonymous'"
    ).fetchone() == ("1",)
    counts: dict[int, tuple[int, int]] = {}
    uncoded: dict[int, list[str]] = defaultdict(list)
    if "cards" in tables:  # one grouped read for every meeting, not two queries each
        for meeting_id, employers, occupations in conn.execute(
            "SELECT meeting_id, count(DISTINCT participant_id),"
            " count(*) FILTER (WHERE stack_id IS NULL) FROM cards GROUP BY meeting_id"
        ):
            counts[meeting_id] = (employers, occupations)
        for meeting_id, text in conn.execute(
            "SELECT meeting_id, text FROM cards WHERE stack_id IS NULL AND soc_code = ''"
            " ORDER BY meeting_id, position, id"
        ):
            uncoded[meeting_id].append(text)
    meetings = tuple(
        RegionMeeting(
            meeting_id,
            title,
            date,
            region,
            sector,
            kind,
            source,
            *counts.get(meeting_id, (0, 0)),
            tuple(uncoded[meeting_id]) if kind == "occupations" else (),
        )
        for meeting_id, title, date, region, sector, kind, source in conn.execute(
            "SELECT id, title, date, region, sector, kind, source_file FROM meetings"
            " ORDER BY date, id"
        )
    )
    if "card_occupations" not in tables:  # meetings were combined but none had cards
        return RegionReport(meetings, (), (), anonymous)
    return RegionReport(meetings, _occupations(conn), _gaps(conn), anonymous)


def _occupations(conn: sqlite3.Connection) -> tuple[RegionOccupation, ...]:
    rows = conn.execute(canned("occupations_by_soc").sql).fetchall()
    levels: dict[str, dict[str, int]] = defaultdict(dict)
    for code, level, stacks in conn.execute(
        "SELECT o.soc_code, o.level, count(DISTINCT o.meeting_id || ':' || o.lead_id)"
        " FROM card_occupations AS o JOIN meetings AS m ON m.id = o.meeting_id"
        " WHERE m.kind = 'occupations' AND o.soc_code != '' GROUP BY o.soc_code, o.level"
    ):
        levels[code][level] = stacks
    reasons: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for code, _occupation, reason, _own, cards, _meetings in conn.execute(
        canned("reasons_by_occupation").sql
    ):
        if code:
            reasons[code].append((reason, cards))
    wordings: dict[str, list[str]] = defaultdict(list)
    for code, text in conn.execute(
        "SELECT DISTINCT o.soc_code, o.text FROM card_occupations AS o"
        " JOIN meetings AS m ON m.id = o.meeting_id"
        " WHERE m.kind = 'occupations' AND o.soc_code != '' ORDER BY o.soc_code, o.text"
    ):
        wordings[code].append(text)
    shortlisted = _shortlisted(conn)
    return tuple(
        RegionOccupation(
            soc_code=code,
            soc_title=title,
            meetings=meetings,
            employers=employers,
            cards=cards,
            shortlisted=None if shortlisted is None else shortlisted.get(code, 0),
            levels=_ordered_levels(levels[code]),
            reasons=tuple(reasons[code]),
            wordings=tuple(wordings[code]),
        )
        for code, title, meetings, employers, cards in rows
    )


def _shortlisted(conn: sqlite3.Connection) -> dict[str, int] | None:
    """Meetings that shortlisted each code, when the cards carry the room's shortlist."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(cards)")}
    if "shortlist" not in columns:  # sessions from before the room's shortlist existed
        return None
    if not conn.execute("SELECT 1 FROM cards WHERE shortlist > 0 LIMIT 1").fetchone():
        return None
    return dict(
        conn.execute(
            "SELECT soc_code, count(DISTINCT meeting_id) FROM cards"
            " WHERE stack_id IS NULL AND soc_code != '' AND shortlist > 0 GROUP BY soc_code"
        ).fetchall()
    )


def _ordered_levels(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    order = {key: index for index, key in enumerate(DEFAULT_LEVELS)}
    return tuple(sorted(counts.items(), key=lambda item: (order.get(item[0], 99), item[0])))


def _gaps(conn: sqlite3.Connection) -> tuple[RecurringGap, ...]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'competencies'").fetchone():
        return ()
    # Occupations read apart from the canned query: its group_concat joins names with commas.
    occupations: dict[str, set[str]] = defaultdict(set)
    for key, occupation in conn.execute(
        "SELECT trim(min(c.text) OVER (PARTITION BY lower(trim(c.text)))),"
        " coalesce(nullif(o.soc_title, ''), o.occupation)"
        " FROM competencies AS c LEFT JOIN card_occupations AS o"
        " ON o.meeting_id = c.meeting_id AND o.card_id = c.card_id WHERE c.lacking = 1"
    ):
        if occupation:
            occupations[key].add(occupation)
    return tuple(
        RecurringGap(text, meetings, mentions, tuple(sorted(occupations[text])))
        for text, meetings, mentions, _ in conn.execute(canned("competencies_lacking_at_entry").sql)
    )
