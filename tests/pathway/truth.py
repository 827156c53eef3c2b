"""A meeting built the way a new user builds one, for checking every figure the map and the gap
analysis print against the session file (plain sqlite3) and the shipped indexes.

The wall holds the traps a map can get wrong: one employer's first and third card in a stack
(two employers, three cards), an occupation BLS publishes only as a broad group in the area
(team assemblers: 51-2090), one paid $115.00 an hour or more there (footnote 5), one paid
annually (teachers: footnote 4), uncoded cards, a link that skips a level, a level one pathway
has and another lacks, and lacking competencies.
"""

from __future__ import annotations

import csv
import lzma
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from focusgroup.cli import main

FARGO = "0022020"
"""BLS OEWS area code of the Fargo, ND-MN metropolitan area."""

CARDS_CSV = (
    ("participant", "organization", "card", "category", "level"),
    ("Ana Ruiz", "Ruiz Fab", "Welder", "Production", "entry"),
    ("Bo Chen", "Chen Tool", "Welder", "Production", "entry"),
    ("Ana Ruiz", "Ruiz Fab", "Team assembler", "Production", "entry"),
    ("Ana Ruiz", "Ruiz Fab", "Welder/fabricator", "Production", "entry"),
    ("Cy Diaz", "Diaz Metal", "CNC machinist", "Production", "mid"),
    ("Fa Gul", "Gul Inc", "Welding supervisor", "Management", "advanced"),
    ("Gi Ho", "Ho Bros", "Registered nurse", "Health", "mid"),
    ("Hu Iv", "Iv Care", "Nursing assistant", "Health", "entry"),
    ("Ma No", "No Ltd", "Anesthesiologist", "Health", "advanced"),
    ("Ia Jo", "Jo School", "Elementary teacher", "Education", "mid"),
    ("Na Op", "Op Co", "Quality inspector", "Production", "entry"),
    ("Ja Ko", "Ko Logistics", "Truck driver", "Logistics", "entry"),
    ("Ka Lu", "Lu Freight", "Dispatcher", "Logistics", "mid"),
)
"""The cards as a registration-day spreadsheet holds them (one employer wrote three)."""

CODES = {
    "Welder": ("51-4121", "51-4121.00", "Welders, Cutters, Solderers, and Brazers"),
    "Team assembler": ("51-2092", "51-2092.00", "Team Assemblers"),
    "CNC machinist": ("51-4041", "51-4041.00", "Machinists"),
    "Welding supervisor": (
        "51-1011",
        "51-1011.00",
        "First-Line Supervisors of Production and Operating Workers",
    ),
    "Registered nurse": ("29-1141", "29-1141.00", "Registered Nurses"),
    "Nursing assistant": ("31-1131", "31-1131.00", "Nursing Assistants"),
    "Anesthesiologist": ("29-1211", "29-1211.00", "Anesthesiologists"),
    "Elementary teacher": (
        "25-2021",
        "25-2021.00",
        "Elementary School Teachers, Except Special Education",
    ),
    "Truck driver": ("53-3032", "53-3032.00", "Heavy and Tractor-Trailer Truck Drivers"),
}
"""Crosswalked cards; Quality inspector and Dispatcher are left uncoded."""

LINKS = (
    ("Welder", "CNC machinist"),
    ("Team assembler", "CNC machinist"),
    ("CNC machinist", "Welding supervisor"),
    ("Nursing assistant", "Registered nurse"),
    ("Nursing assistant", "Anesthesiologist"),  # skips the mid level
    ("Truck driver", "Dispatcher"),
)

LACKING = (
    ("CNC machinist", "Read blueprints", "mid"),
    ("CNC machinist", "GD&T", ""),
    ("Welder", "MIG welding", ""),
    ("Registered nurse", "Patient charting", ""),
)


def write_csv(path: Path, rows: Sequence[Sequence[str]], *, dialect: str = "excel") -> Path:
    """Rows as a spreadsheet saves them: the real csv.writer ('semicolon' is European Excel)."""
    encoding = "utf-8"
    if dialect == "semicolon-bom":  # Excel where the comma is the decimal sign, "CSV UTF-8"
        dialect, delimiter, encoding = "excel", ";", "utf-8-sig"
    elif dialect == "utf16-tab":  # Excel's "Unicode text"
        dialect, delimiter, encoding = "excel-tab", "\t", "utf-16"
    else:
        delimiter = csv.get_dialect(dialect).delimiter
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, dialect=dialect, delimiter=delimiter).writerows(rows)
    return path


def run(*args: str) -> str:
    """The command line, as a user types it; refuses to go on when a command fails."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@dataclass
class Meeting:
    path: Path
    ids: dict[str, int]
    """Wall text -> the id of its top card."""


def build_meeting(folder: Path, *, area: str = "Fargo") -> Meeting:
    """A session made with `new` and `import-cards`, then sorted, coded and linked on the wall."""
    from focusgroup.store import SessionStore

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "truth.db"
    run("new", str(path), "--title", "Regional pathways", "--date", "2026-05-01",
        "--categories", "none", "--area", area)  # fmt: skip
    run("import-cards", str(path), str(write_csv(folder / "cards.csv", CARDS_CSV)))
    with SessionStore.open(path) as store:
        cards = store.cards()
        welders = [c.id for c in cards if c.text in ("Welder", "Welder/fabricator")]
        store.merge_cards(welders[0], welders[1:])
        ids = {c.text: c.id for c in store.cards() if c.stack_id is None}
        for text, (soc, onet, title) in CODES.items():
            store.set_soc(ids[text], soc_code=soc, onet_code=onet, soc_title=title)
        for a, b in LINKS:
            store.link_cards(ids[a], ids[b])
        for text, competency, level in LACKING:
            store.add_competency(competency, card_id=ids[text], lacking=True, level=level)
    return Meeting(path, ids)


# -- what the session file and the shipped indexes say, read without the app's code -------------


@dataclass(frozen=True)
class Truth:
    """One wall occupation, as plain SQL reads it from the session file."""

    card_id: int
    text: str
    level: str
    category: str
    soc_code: str
    employers: int
    """Distinct employers over the stack's cards; an unattributed card counts as its own."""
    cards: int


def wall(path: Path) -> list[Truth]:
    """Every sorted top-level card with its stack's distinct employers, from the file itself."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            """
            SELECT top.id, top.text, top.level, cat.name, top.soc_code,
                   (SELECT COUNT(DISTINCT c.participant_id) FROM cards c
                     WHERE (c.id = top.id OR c.stack_id = top.id) AND c.participant_id IS NOT NULL)
                 + (SELECT COUNT(*) FROM cards c
                     WHERE (c.id = top.id OR c.stack_id = top.id) AND c.participant_id IS NULL),
                   (SELECT COUNT(*) FROM cards c WHERE c.id = top.id OR c.stack_id = top.id)
            FROM cards top JOIN categories cat ON cat.id = top.category_id
            WHERE top.stack_id IS NULL AND top.level != 'unsorted'
            ORDER BY top.id
            """
        ).fetchall()
    return [Truth(*row) for row in rows]


def session_area(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return str(conn.execute("SELECT area FROM sessions WHERE id = 1").fetchone()[0])


def national_wages() -> dict[str, tuple[int | None, float | None]]:
    """SOC code -> (median annual, median hourly) from the O*NET index's OEWS table."""
    import focusgroup

    index = Path(focusgroup.__file__).resolve().parent / "crosswalk" / "onet_index.db"
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT code, median_annual, median_hourly FROM wage").fetchall()
    return {code: (annual, hourly) for code, annual, hourly in rows}


def area_cells(code: str) -> dict[str, tuple[list[str], list[str]]]:
    """SOC -> (values, footnotes) of one area, straight from the shipped regional index.

    Decoded here from SOURCE.md's description (xz, column by column; an annual wage is stored as
    its difference, in tens of dollars, from hourly x 2,080 rounded to $10), not by the app's
    reader, so the two are independent.
    """
    from focusgroup.regional import index

    with sqlite3.connect(f"file:{index.PACKAGED_INDEX}?mode=ro", uri=True) as conn:
        (block,) = conn.execute("SELECT block FROM area WHERE code = ?", (code,)).fetchone()
    text = lzma.decompress(block).decode()
    columns = [column.split("\t") for column in text.split("\n")]
    width = 11
    out = {}
    for row in zip(*columns, strict=True):
        soc, values, notes = row[0], list(row[1 : 1 + width]), list(row[1 + width :])
        for annual in range(6, 11):  # a_pct10 .. a_pct90 follow h_pct10 .. h_pct90
            cell = values[annual]
            if cell == "" or cell.startswith("~"):
                hourly = values[annual - 5]
                cents = round(float(hourly) * 100)
                derived = (cents * 2080 + 500) // 1000 * 10
                values[annual] = str(derived + (int(cell[1:]) * 10 if cell else 0))
        out[soc] = (values, notes)
    return out


def dollars(value: str) -> str:
    whole, _, cents = value.partition(".")
    return f"${int(whole):,}" + (f".{cents}" if cents else "")


def group_of(soc: str) -> str:
    """BLS's broad group of a detailed code: 51-2092 -> 51-2090."""
    return soc[:6] + "0"


def expected_area_wage(
    soc: str,
    cells: dict[str, tuple[list[str], list[str]]],
    nation: dict[str, tuple[int | None, float | None]],
) -> str:
    """What the map must print for the area's median: BLS's figure, and whose figure it is.

    Where the area has no row for the code, the broad group it is published under nationally
    (team assemblers: 51-2090) stands in, and says so.
    """
    own = soc in cells
    code = soc if own or soc in nation else group_of(soc)
    if code not in cells:
        return "not published for this area"
    values, notes = cells[code]
    hourly, annual, note = values[3], values[8], notes[3]  # h_median, a_median
    if hourly != "-":
        text = f"{dollars(hourly)} an hour"
    elif note == "5":
        text = "$115.00 an hour or more"
    elif annual != "-":
        text = f"{dollars(annual)} a year (no hourly figure: not a year-round, full-time job)"
    else:
        text = "not published"
    return text if own else f"{text} (BLS group {code})"


def expected_nation_wage(soc: str, nation: dict[str, tuple[int | None, float | None]]) -> str:
    code = soc if soc in nation else group_of(soc)
    annual, hourly = nation[code]
    if hourly is not None:
        text = f"${hourly:,.2f} an hour"
    else:
        text = f"${annual:,} a year (no hourly figure: not a year-round, full-time job)"
    return text if code == soc else f"{text} (BLS group {code})"


LEVELS = ("entry", "mid", "advanced")
LEVEL_LABELS = {"entry": "Entry level", "mid": "Mid level", "advanced": "Advanced"}
"""The critical-occupations protocol's levels (the session's own, as `new` stores them)."""


def links(path: Path) -> list[tuple[str, str, str, str]]:
    """(from text, from level, to text, to level) of every 'advances to' link, from the file."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            """
            SELECT a.text, a.level, b.text, b.level FROM card_links k
            JOIN cards a ON a.id = k.card_id JOIN cards b ON b.id = k.to_card_id ORDER BY k.id
            """
        ).fetchall()
    return [tuple(row) for row in rows]


# -- the education and training inventory, as partners send it ---------------------------------

PROGRAM_HEADER = (
    "Institution/Organization", "Program", "Certification/Credential", "level", "length", "cost",
    "prerequisites", "placement rate", "type", "linkages", "occupations", "competencies",
    "completions",
)  # fmt: skip
"""The guide's own headers for its three columns, the template's for the rest."""

PROGRAM_ROWS = (
    ("Tri-County CC", "Welding Technology", "Welding Certificate", "entry", "16 weeks", "$3,200",
     "HS diploma", "85%", "credit", "stackable to: Machining AAS", "Welder;51-4121",
     "MIG welding;Blueprint basics", "40"),
    ("Lake Tech", "Welding I", "Welding Certificate", "entry", "20 weeks", "$4,100", "", "70%",
     "non-credit", "", "Welder", "MIG welding", "25"),
    ("Tri-County CC", "Machining", "Machining AAS", "mid", "2 years", "$9,800",
     "Welding Certificate", "90%", "credit", "articulation: BS Manufacturing Engineering",
     "CNC machinist;51-4041", "Read blueprints;GD&T", "30"),
    ("State University", "Manufacturing Engineering", "BS Manufacturing Engineering", "advanced",
     "4 years", "$40,000", "AAS", "", "credit", "", "51-1011", "", ""),
    ("Regional Hospital", "CNA training", "Certified Nursing Assistant", "entry", "6 weeks",
     "$1,200", "", "", "on-the-job", "stackable to: ADN", "Nursing assistant", "Safe lifting", ""),
    ("Tri-County CC", "Nursing", "ADN", "mid", "2 years", "$12,000", "CNA", "95%", "credit",
     "stackable to: MSN Nurse Practitioner", "Registered nurse", "Patient charting", "60"),
    ("Lake Tech", "Line\nmaintenance", "Millwright cert", "mid", "1 year", "", "", "",
     "apprenticeship", "", "Millwright", "", ""),
    ("Oak 12th Street Academy", "Intro to trades", "", "entry", "", "", "", "", "credit", "",
     "Welder", "", ""),
    ("Nowhere College", "Cosmetology", "Cosmetology license", "entry", "1500 hours", "$15,000",
     "", "", "credit", "", "Cosmetologist", "", ""),
    ("West High", "Welding dual credit", "", "entry", "1 semester", "", "", "", "pre-college",
     "dual enrollment: Welding Technology", "Welder", "", "12"),
)  # fmt: skip
"""Partial links, a program with none, one serving nothing on the wall, a quoted line break,
a K-12 program and one whose name only looks like it (Oak 12th Street)."""

OPENINGS_ROWS = (
    ("occupation", "openings", "source"),
    ("Welder", "120", "ND LMI"),
    ("51-4121", "120", "ND LMI"),  # the same figure again, by code: one figure, not 240
    ("CNC machinist", "35", "ND LMI"),
    ("cashier supervisors", "900", "ND LMI"),  # names no card on the wall
)
LATER_OPENINGS_ROWS = (
    ("occupation", "openings", "source"),
    ("51-4041", "40", "Job Service ND"),  # CNC machinist again, by code: disagrees with 35
)
"""A second file, from another office: one file contradicting itself is refused at import,
two files that disagree reach the gap analysis, which then compares neither figure."""
PROJECTION_ROWS = (
    ("soc_code", "annual_openings", "title", "area"),
    ("29-1141", "1,130", "Registered Nurses", ""),
    ("29-1141", "240", "Registered Nurses", "Fargo, ND-MN"),  # the area's own wins
    ("51-4121", "95", "Welders", ""),  # the gap analysis: the given openings win
    ("31-1131", "310", "Nursing Assistants", "Minnesota"),  # another area: never used
)


def build_gap_meeting(folder: Path, dialect: str) -> Meeting:
    """The meeting above, then the inventory, openings and projections by the command line."""
    meeting = build_meeting(folder)
    rows = (PROGRAM_HEADER, *PROGRAM_ROWS)
    run(
        "programs",
        "import",
        str(meeting.path),
        str(write_csv(folder / "p.csv", rows, dialect=dialect)),
    )
    run("programs", "openings", str(meeting.path), str(write_csv(folder / "o.csv", OPENINGS_ROWS)))
    later = write_csv(folder / "o2.csv", LATER_OPENINGS_ROWS)
    run("programs", "openings", str(meeting.path), str(later))
    projections = write_csv(folder / "proj.csv", PROJECTION_ROWS, dialect=dialect)
    run("projections", "import", str(meeting.path), str(projections), "--source", "ND LMI",
        "--period", "2024-2034")  # fmt: skip
    return meeting


def area_name(code: str) -> str:
    """The area's name in the shipped regional index, by plain SQL."""
    from focusgroup.regional import index

    with sqlite3.connect(f"file:{index.PACKAGED_INDEX}?mode=ro", uri=True) as conn:
        return str(conn.execute("SELECT name FROM area WHERE code = ?", (code,)).fetchone()[0])
