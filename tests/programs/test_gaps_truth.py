"""Every count, figure and listed gap of the gap analysis is what the session file says.

The meeting is built as a user builds it and the inventory imported from a CSV the real
csv.writer wrote in each dialect a spreadsheet saves (Excel's comma with CR LF, tab, UTF-16
"Unicode text", semicolon with a byte-order mark); `focusgroup gaps` writes the documents. The
expected findings are worked out here from plain SQL on the session file, by the guide's
definitions and without the app's code, then looked for in the JSON, the Markdown and the PDF
(read back with pdftotext).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.pathway.truth import PROGRAM_ROWS, area_name, build_gap_meeting, run, session_area

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

SOC = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")
LEVELS = ("entry", "mid", "advanced")


def key(text: str) -> str:
    """Case, punctuation and spacing aside (the test data is plain ASCII)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@dataclass
class Program:
    id: int
    institution: str
    program: str
    credential: str
    level: str
    linkages: list[str]
    occupations: list[str]
    competencies: list[str]
    completions: str
    type: str


@dataclass
class Occupation:
    id: int
    name: str
    soc: str
    onet: str
    soc_title: str
    wordings: set[str]
    lacking: list[str] = field(default_factory=list)


def read(path: Path) -> tuple[list[Occupation], list[Program], list[tuple], list[tuple]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        occupations = [
            Occupation(i, t, soc, onet, title, {key(t)})
            for i, t, soc, onet, title in conn.execute(
                "SELECT id, text, soc_code, onet_code, soc_title FROM cards "
                "WHERE stack_id IS NULL ORDER BY id"
            )
        ]
        by_id = {o.id: o for o in occupations}
        for text, stack in conn.execute(
            "SELECT text, stack_id FROM cards WHERE stack_id IS NOT NULL"
        ):
            by_id[stack].wordings.add(key(text))
        for text, card in conn.execute(
            "SELECT c.text, COALESCE(k.stack_id, k.id) FROM competencies c "
            "JOIN cards k ON k.id = c.card_id WHERE c.lacking = 1 ORDER BY c.id"
        ):
            if text not in by_id[card].lacking:
                by_id[card].lacking.append(text)
        programs = [
            Program(
                i, inst, prog, cred, lv, json.loads(lk), json.loads(occ), json.loads(comp), n, t
            )
            for i, inst, prog, cred, lv, lk, occ, comp, n, t in conn.execute(
                "SELECT id, institution, program, credential, level, linkages, occupations, "
                "competencies, completions, type FROM programs ORDER BY id"
            )
        ]
        openings = conn.execute("SELECT occupation, openings, source FROM openings").fetchall()
        projections = conn.execute(
            "SELECT soc_code, annual_openings, area, source || ', ' || period FROM projections"
        ).fetchall()
    return occupations, programs, openings, projections


def serves(p: Program, o: Occupation) -> bool:
    for item in p.occupations:
        if SOC.match(item):
            if o.soc and (item == o.soc or item[:7] == o.soc or item == o.onet):
                return True
        elif key(item) in o.wordings | {key(o.soc_title)} - {""}:
            return True
    return False


def targets(link: str, p: Program, programs: list[Program]) -> list[Program]:
    name = key(link.partition(":")[2] or link)
    return [q for q in programs if q.id != p.id and name in {key(q.program), key(q.credential)}]


def whole(text: str) -> int | None:
    plain = text.replace(",", "").strip()
    return int(plain) if plain.isdecimal() else None


@dataclass
class Expected:
    occupations: list[Occupation]
    programs: list[Program]
    status: dict[tuple[int, int], str]
    uncovered: list[str]
    uncovered_competencies: list[tuple[str, str]]
    duplicates: list[tuple[str, str, list[str]]]
    orphans: list[int]
    dead_ends: list[int]
    missing_links: list[tuple[int, str]]
    supply: dict[str, tuple[int | None, int, int, list[str]]]
    """Occupation -> (openings or None when the figures disagree, completions, programs
    without completions, where the openings came from)."""
    k12: list[int]


def expected(path: Path) -> Expected:
    occupations, programs, openings, projections = read(path)
    status = {}
    for o in occupations:
        for p in programs:
            taught = {key(c) for c in p.competencies}
            teaches = [c for c in o.lacking if key(c) in taught]
            if serves(p, o) and len(teaches) == len(o.lacking):
                status[(o.id, p.id)] = "covered"
            elif serves(p, o) or teaches:
                status[(o.id, p.id)] = "partly"
            else:
                status[(o.id, p.id)] = "not covered"
    taught_anywhere = {key(c) for p in programs for c in p.competencies}
    duplicates = []
    for o in occupations:
        groups: dict[str, list[Program]] = {}
        for p in programs:
            if p.credential and serves(p, o):
                groups.setdefault(key(p.credential), []).append(p)
        for group in groups.values():
            if len({key(p.institution) for p in group}) > 1:
                duplicates.append((group[0].credential, o.name, [p.institution for p in group]))
    linked: dict[int, set[int]] = {p.id: set() for p in programs}
    for p in programs:
        for link in p.linkages:
            for q in targets(link, p, programs):
                linked[p.id].add(q.id)
                linked[q.id].add(p.id)
    levels = {p.id: p.level for p in programs}
    dead_ends = [
        p.id
        for p in programs
        if p.level in ("entry", "mid")
        and not any(
            levels[q] in LEVELS and LEVELS.index(levels[q]) > LEVELS.index(p.level)
            for q in linked[p.id]
        )
    ]
    area = session_area(path)
    supply = {}
    for o in occupations:
        matched = [
            (n, source)
            for name, n, source in openings
            if (SOC.match(name) and o.soc and name[:7] == o.soc)
            or (not SOC.match(name) and key(name) in o.wordings)
        ]
        if not matched:  # the projections row for this area (by name or code), or with none
            here = {"", area, area_name(area).casefold()}
            rows = [r for r in projections if o.soc and r[0] == o.soc and r[2].casefold() in here]
            own = [r for r in rows if r[2]] or rows
            if own and whole(own[-1][1]) is not None:
                matched = [(whole(own[-1][1]), own[-1][3])]
        if not matched:
            continue
        given = [n for n, _ in matched]
        serving = [p for p in programs if serves(p, o)]
        counted = [whole(p.completions) for p in serving if whole(p.completions) is not None]
        figures = set(given)
        supply[o.name] = (
            figures.pop() if len(figures) == 1 else None,
            sum(n for n in counted if n is not None),
            len(serving) - len(counted),
            list(dict.fromkeys(source for _, source in matched if source)),
        )
    return Expected(
        occupations=occupations,
        programs=programs,
        status=status,
        uncovered=[o.name for o in occupations if not any(serves(p, o) for p in programs)],
        uncovered_competencies=[
            (o.name, c) for o in occupations for c in o.lacking if key(c) not in taught_anywhere
        ],
        duplicates=duplicates,
        orphans=[p.id for p in programs if not any(serves(p, o) for o in occupations)],
        dead_ends=dead_ends,
        missing_links=[
            (p.id, link) for p in programs for link in p.linkages if not targets(link, p, programs)
        ],
        supply=supply,
        k12=[
            p.id
            for p in programs
            if p.type == "pre-college" or any(k.startswith("dual enrollment") for k in p.linkages)
        ],
    )


DIALECTS = ("excel", "excel-tab", "utf16-tab", "semicolon-bom")


@pytest.fixture(scope="module", params=DIALECTS)
def gaps(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp(f"gaps-{request.param}")
    meeting = build_gap_meeting(folder, request.param)
    out = folder / "out"
    written = [Path(p) for p in run("gaps", str(meeting.path), "--out", str(out)).splitlines()]
    files = {p.suffix.lstrip("."): p for p in written if p.parent == out}
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(files["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    return {
        "session": meeting.path,
        "expected": expected(meeting.path),
        "json": json.loads(files["json"].read_text("utf-8")),
        "md": files["md"].read_text("utf-8"),
        "pdf": re.sub(r"\s+", "", pdf),
    }


def _section(markdown: str, title: str) -> list[str]:
    """The bullets under a Markdown heading."""
    body = markdown.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [line[2:] for line in body.splitlines() if line.startswith("- ")]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_row_of_the_spreadsheet_is_in_the_inventory_exactly(gaps: dict) -> None:
    e: Expected = gaps["expected"]
    assert [(p.institution, p.program, p.credential) for p in e.programs] == [
        row[:3] for row in PROGRAM_ROWS
    ]
    assert [p["program"] for p in gaps["json"]["programs"]] == [row[1] for row in PROGRAM_ROWS]


def test_the_matrix_is_every_occupation_against_every_program(gaps: dict) -> None:
    e: Expected = gaps["expected"]
    data = gaps["json"]
    ids = {o.name: o.id for o in e.occupations}
    found = {(ids[c["occupation"]], c["program_id"]): c["status"] for c in data["coverage"]}
    assert found == e.status
    header = f"Analysed: {len(e.occupations)} occupations (all occupations on the wall) against "
    header += f"{len(e.programs)} programs in the inventory."
    assert header.replace("Analysed:", "**Analysed:**") in gaps["md"]
    assert _squash(header) in gaps["pdf"]
    for symbol, status in (("●", "covered"), ("◐", "partly"), ("○", "not covered")):
        cells = sum(1 for s in e.status.values() if s == status)
        assert gaps["md"].count(f"| {symbol} {status}") == cells
        assert gaps["pdf"].count(symbol) == cells + 1  # and the legend's


def test_every_listed_gap_is_a_gap_and_every_gap_is_listed(gaps: dict) -> None:
    e: Expected = gaps["expected"]
    data, md, pdf = gaps["json"], gaps["md"], gaps["pdf"]
    names = {p.id: p for p in e.programs}
    # Occupations are listed in wall order, programs in inventory order.
    assert sorted(o["occupation"] for o in data["uncovered_occupations"]) == sorted(e.uncovered)
    bullets = _section(md, "Uncovered occupations")
    assert sorted(b.split(" (")[0] for b in bullets) == sorted(e.uncovered)
    pairs = [(c["occupation"], c["competency"]) for c in data["uncovered_competencies"]]
    assert sorted(pairs) == sorted(e.uncovered_competencies)
    assert len(_section(md, "Uncovered competencies")) == len(e.uncovered_competencies)
    duplicates = [(d["credential"], d["occupation"], d["institutions"]) for d in data["duplicates"]]
    assert sorted(duplicates) == sorted((c, o, list(dict.fromkeys(i))) for c, o, i in e.duplicates)
    assert [o["program_id"] for o in data["orphans"]] == e.orphans
    assert [d["program_id"] for d in data["dead_ends"]] == e.dead_ends
    assert [(m["program_id"], m["linkage"]) for m in data["missing_links"]] == e.missing_links
    for title, ids in (("Orphans", e.orphans), ("Dead ends", e.dead_ends)):
        bullets = _section(md, title)
        assert len(bullets) == len(ids), title
        for bullet, pid in zip(bullets, ids, strict=True):
            assert bullet.startswith(f"P{pid} "), (title, bullet)
    for name in e.uncovered:
        assert _squash(name) in pdf
    for pid in e.orphans + e.dead_ends:
        assert _squash(f"P{pid} {names[pid].program}") in pdf


def test_supply_against_demand_is_one_figure_per_occupation_never_a_sum(gaps: dict) -> None:
    e: Expected = gaps["expected"]
    data, md, pdf = gaps["json"], gaps["md"], gaps["pdf"]
    shown = {s["occupation"]: s for s in data["supply_demand"]}
    assert set(shown) == set(e.supply)
    assert e.supply["Welder"][0] == 120  # given twice, by name and code, as 120
    assert e.supply["CNC machinist"][0] is None  # 35 and 40
    assert e.supply["Registered nurse"][0] == 240  # the projection for Fargo, not 1,130
    assert e.supply["Registered nurse"][3] == ["ND LMI, 2024-2034"]
    assert "Nursing assistant" not in e.supply  # Minnesota's projection is not Fargo's demand
    bullets = _section(md, "Supply against demand")
    for name, (openings, completions, missing, sources) in e.supply.items():
        s = shown[name]
        assert (s["openings"], s["completions"]) == (openings, completions), name
        assert len(s["programs_without_completions"]) == missing
        assert s["openings_sources"] == sources, name  # whose figure it is
        (line,) = [b for b in bullets if b.startswith(f"{name}: ")]
        if openings is None:
            assert "not compared" in line and s["shortfall"] is None
            assert [c["openings"] for c in s["conflicting_openings"]] == [35, 40]
        else:
            cited = f" ({'; '.join(sources)})" if sources else ""
            assert line.startswith(
                f"{name}: {openings:,} openings{cited}, {completions:,} completions"
            )
            assert s["shortfall"] == openings - completions
        assert _squash(line) in pdf


def test_the_k12_question_names_only_k12_programs(gaps: dict) -> None:
    e: Expected = gaps["expected"]
    (q,) = [q for q in gaps["json"]["questions"] if "K-12" in q["question"]]
    listed = [p for p in e.programs if p.institution in q["answer"]]
    assert [p.id for p in listed] == e.k12
    assert "Oak 12th Street" not in q["answer"]


def _amount(text: str) -> int | None:
    match = re.fullmatch(r"\$([\d,]+)", text.strip())
    return int(match.group(1).replace(",", "")) if match else None


def test_cost_spreads_and_work_experience_are_counted_from_the_inventory(gaps: dict) -> None:
    e: Expected = gaps["expected"]
    data, md = gaps["json"], gaps["md"]
    costs = {
        row[1]: _amount(row[5]) for row in PROGRAM_ROWS
    }  # program -> cost, as the spreadsheet gave it
    spreads = {(s["occupation"], s["level"]): s for s in data["spreads"]}
    found = set()
    for o in e.occupations:
        by_level: dict[str, list[Program]] = {}
        for p in e.programs:
            if serves(p, o):
                by_level.setdefault(p.level, []).append(p)
        for level, group in by_level.items():
            if len(group) < 2:
                continue
            found.add((o.name, level))
            s = spreads[(o.name, level)]
            assert s["program_ids"] == [p.id for p in group]
            amounts = [costs[p.program] for p in group if costs[p.program] is not None]
            if len(amounts) >= 2:
                assert (s["cost_low"], s["cost_high"]) == (min(amounts), max(amounts))
                assert s["cost_difference"] == max(amounts) - min(amounts)
                (line,) = [b for b in _section(md, "Spreads between similar programs")
                           if b.startswith(f"{o.name}, {level} ")]  # fmt: skip
                assert f"cost ${min(amounts):,} to ${max(amounts):,}" in line
                assert f"{len(amounts)} of {len(group)} programs" in line
    assert found == set(spreads) and found  # the Welder's four entry programs at least
    typed = [p for p in e.programs if p.type]
    hands_on = [p for p in typed if p.type in ("on-the-job", "apprenticeship", "internship")]
    (q,) = [q for q in data["questions"] if "real-world experiences" in q["question"]]
    assert q["answer"].startswith(f"{len(hands_on)} of {len(typed)} programs with a type given")


def test_the_map_and_the_gap_analysis_print_one_openings_figure(gaps: dict, tmp_path: Path) -> None:
    """Where the gap analysis takes demand from the projections, the map prints the same
    figure for the occupation; a projection for another area is on neither."""
    e: Expected = gaps["expected"]
    out = tmp_path / "map"
    run("map", str(gaps["session"]), "--out", str(out))
    data = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    on_map = {o["title"]: o["openings"]["text"] for p in data["pathways"] for o in p["occupations"]}
    given = {"Welder", "CNC machinist"}  # by 'programs openings', which the map does not use
    for name, (openings, *_rest) in e.supply.items():
        if name not in given:
            assert on_map[name] == f"{openings:,} a year", name
    assert on_map["Nursing assistant"] == "to collect"
