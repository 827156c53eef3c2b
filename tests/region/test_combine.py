"""`focusgroup combine`: real session files in, one region file out, read back through Datasette."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.store import SessionStore
from tests.region.conftest import Meetings, digest

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test dependency")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def expected_by_soc(files: list[Path], scratch: Path) -> dict[str, dict[str, int]]:
    """Meetings, employers and cards per SOC code, counted from each session file's own wall."""
    counts: dict[str, dict[str, int]] = defaultdict(Counter)
    for index, source in enumerate(files):
        copy = scratch / f"{index}-{source.name}"
        shutil.copy(source, copy)
        with SessionStore.open(copy) as store:
            employers: dict[str, set[int]] = defaultdict(set)
            for stack in store.cards():
                if not stack.soc_code:
                    continue
                employers[stack.soc_code].update(stack.employer_ids)
                counts[stack.soc_code]["cards"] += stack.count
            for code, people in employers.items():
                counts[code]["meetings"] += 1
                counts[code]["employers"] += len(people)
    return {code: dict(c) for code, c in counts.items()}


async def canned_rows(region: Path, query: str, **params: str) -> list[dict]:
    metadata = json.loads(region.with_name(region.stem + ".metadata.json").read_text())
    ds = datasette_app.Datasette([str(region)], metadata=metadata)
    await ds.invoke_startup()
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    response = await ds.client.get(f"/{region.stem}/{query}.json?_shape=array{extra}")
    assert response.status_code == 200, response.text
    return response.json()


def test_combine_counts_every_occupation_as_the_session_files_do(
    meetings: Meetings, tmp_path: Path
) -> None:
    before = {path: digest(path) for path in [*meetings.good, meetings.damaged, meetings.newer]}
    region = tmp_path / "region.db"
    code, out, err = run(
        "combine",
        *map(str, meetings.good),
        str(meetings.damaged),
        str(meetings.newer),
        "--out",
        str(region),
    )
    assert code == 0, err
    assert out.count("Added ") == 3
    assert f"Skipped {meetings.damaged}: " in err and "damaged" in err
    assert f"Skipped {meetings.newer}: " in err and "newer focusgroup" in err
    assert "3 of 5 files combined" in out
    # Inputs are read, never written: the old file is not migrated on disk either.
    assert {path: digest(path) for path in before} == before

    expected = expected_by_soc(meetings.good, tmp_path)
    conn = sqlite3.connect(region)
    got = {
        soc: {"meetings": m, "employers": e, "cards": c}
        for soc, _title, m, e, c in conn.execute(
            next(q.sql for q in _queries() if q.name == "occupations_by_soc")
        )
    }
    assert got == expected
    assert got["51-4041"]["meetings"] == 3  # Machinists: both demos and the old meeting


def _queries():
    from focusgroup.store.region_queries import CANNED_QUERIES

    return CANNED_QUERIES


async def test_every_canned_query_runs_in_datasette(meetings: Meetings, tmp_path: Path) -> None:
    region = tmp_path / "region.db"
    assert run("combine", *map(str, meetings.good), "--out", str(region))[0] == 0
    expected = expected_by_soc(meetings.good, tmp_path)
    by_soc = await canned_rows(region, "occupations_by_soc")
    assert {r["soc_code"]: (r["meetings"], r["employers"], r["cards"]) for r in by_soc} == {
        code: (c["meetings"], c["employers"], c["cards"]) for code, c in expected.items()
    }

    lacking = await canned_rows(region, "competencies_lacking_at_entry")
    flagged = Counter()
    for path in meetings.good[:2]:
        copy = tmp_path / ("x-" + path.name)
        shutil.copy(path, copy)
        with SessionStore.open(copy) as store:
            for text in {c.text.strip().lower() for c in store.competencies() if c.lacking}:
                flagged[text] += 1
    assert {r["competency"].strip().lower(): r["meetings"] for r in lacking} == dict(flagged)
    hydraulics = next(r for r in lacking if r["competency"] == "Hydraulics troubleshooting")
    assert (
        hydraulics["meetings"] == 1
        and "Industrial Machinery Mechanics" in hydraulics["occupations"]
    )

    reasons = await canned_rows(region, "reasons_by_occupation")
    machinist = {r["reason"]: r["cards"] for r in reasons if r["soc_code"] == "51-4041"}
    assert machinist and all(isinstance(n, int) and n > 0 for n in machinist.values())
    labels = {reason.label for reason in _protocol().reasons}
    assert set(machinist) <= labels  # shown by the protocol's label, not its key

    uncoded = await canned_rows(region, "uncoded_occupations")
    assert {"meeting": "Old meeting", "occupation": "Forklift driver", "level": "entry"} in uncoded

    found = await canned_rows(region, "cards", _search="Welder")
    assert found and all("weld" in row["text"].lower() for row in found)


def _protocol():
    from focusgroup.protocol_files import find_protocol

    return find_protocol("critical-occupations")


def test_rerunning_adds_new_meetings_and_never_duplicates(
    meetings: Meetings, tmp_path: Path
) -> None:
    region = tmp_path / "region.db"
    run("combine", str(meetings.spring), "--out", str(region))
    code, out, err = run(
        "combine",
        str(meetings.spring),
        str(meetings.autumn),
        str(meetings.spring),
        "--out",
        str(region),
    )
    assert code == 0
    assert f"Refreshed {meetings.spring}" in out and f"Added {meetings.autumn}" in out
    assert "the same meeting as" in err
    conn = sqlite3.connect(region)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 2
    per_meeting = dict(conn.execute("SELECT meeting_id, count(*) FROM cards GROUP BY meeting_id"))
    with SessionStore.open(meetings.spring) as store:
        spring_cards = sum(card.count for card in store.cards())
    assert sorted(per_meeting.values()) == [spring_cards, spring_cards]
    # A copy of a meeting under another name is the same meeting.
    copy = tmp_path / "copy-of-spring.db"
    shutil.copy(meetings.spring, copy)
    run("combine", str(copy), "--out", str(region))
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 2


def test_anonymous_leaves_names_out_and_addresses_are_never_copied(
    meetings: Meetings, tmp_path: Path
) -> None:
    region = tmp_path / "region.db"
    run("combine", str(meetings.spring), "--out", str(region))
    conn = sqlite3.connect(region)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(participants)")}
    assert "email" not in columns
    assert conn.execute("SELECT count(*) FROM participants WHERE name != ''").fetchone()[0] > 0
    # Asked once, names go, including those combined before; later runs keep them out.
    run("combine", str(meetings.autumn), "--out", str(region), "--anonymous")
    run("combine", str(meetings.old), "--out", str(region))
    assert conn.execute("SELECT count(*) FROM participants WHERE name != ''").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] > 20
    assert b"Ann Old" not in region.read_bytes()


def test_a_file_that_is_not_a_region_file_is_never_overwritten(
    meetings: Meetings, tmp_path: Path
) -> None:
    before = digest(meetings.autumn)
    code, _, err = run("combine", str(meetings.spring), "--out", str(meetings.autumn))
    assert code == 1 and "not a combined region file" in err
    assert digest(meetings.autumn) == before


def test_nothing_to_combine_is_one_error_line(meetings: Meetings, tmp_path: Path) -> None:
    code, _, err = run(
        "combine",
        str(meetings.damaged),
        str(tmp_path / "missing.db"),
        "--out",
        str(tmp_path / "r.db"),
    )
    assert code == 1
    assert (
        err.strip().splitlines()[-1] == "Error: No meeting could be combined; nothing was written."
    )
    assert "Traceback" not in err
    assert list(tmp_path.glob("r.*")) == []  # no empty region file, metadata or report


def test_bare_names_are_sessions_and_inputs_are_left_as_they_were(
    meetings: Meetings, tmp_path: Path, isolated_home: Path
) -> None:
    sessions = isolated_home / "sessions"
    sessions.mkdir(exist_ok=True)
    shutil.copy(meetings.spring, sessions / "spring.db")
    before = sorted(p.name for p in sessions.iterdir())
    code, out, _ = run("combine", "spring", "--out", str(tmp_path / "region.db"))
    assert code == 0 and "Added " in out and "spring.db" in out
    assert sorted(p.name for p in sessions.iterdir()) == before  # no -wal or -shm left behind


def test_anonymous_leaves_out_every_name_a_meeting_holds(
    meetings: Meetings, tmp_path: Path
) -> None:
    region = tmp_path / "region.db"
    run("combine", str(meetings.spring), "--out", str(region), "--anonymous")
    conn = sqlite3.connect(region)
    with SessionStore.open(meetings.spring) as store:
        names = {p.name for p in store.participants()} | {store.session().facilitator}
        names |= {c.owner for c in store.commitments() if c.owner}
    data = region.read_bytes()
    assert names and not [n for n in names if n.encode() in data]
    assert conn.execute("SELECT count(*) FROM commitments WHERE owner != ''").fetchone()[0] == 0


def test_the_report_counts_the_rooms_shortlists(meetings: Meetings, tmp_path: Path) -> None:
    with SessionStore.open(meetings.autumn) as store:
        machinist = next(c for c in store.cards() if c.soc_code == "51-4041")
        store.toggle_shortlist(machinist.id)
    region, report = tmp_path / "region.db", tmp_path / "report"
    run("combine", *map(str, meetings.good), "--out", str(region), "--report", str(report))
    markdown = (report / "region-report.md").read_text()
    machinists = markdown.split("Machinists (51-4041)")[1].split("###")[0]
    assert "Shortlisted by the room in 1 meeting" in machinists


def test_the_report_states_the_session_files_numbers(meetings: Meetings, tmp_path: Path) -> None:
    from pypdf import PdfReader

    region, report = tmp_path / "region.db", tmp_path / "report"
    code, out, _ = run(
        "combine", *map(str, meetings.good), "--out", str(region), "--report", str(report)
    )
    assert code == 0 and f"Wrote {report / 'region-report.pdf'}" in out
    expected = expected_by_soc(meetings.good, tmp_path)
    markdown = (report / "region-report.md").read_text()
    pdf_text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(report / "region-report.pdf").pages
    )
    titles = dict(
        sqlite3.connect(region).execute(
            "SELECT soc_code, max(soc_title) FROM cards GROUP BY soc_code"
        )
    )
    for code_, counts in expected.items():
        meetings_word = "meeting" if counts["meetings"] == 1 else "meetings"
        employers_word = "employer" if counts["employers"] == 1 else "employers"
        line = (
            f"{titles[code_]} ({code_}): named in {counts['meetings']} {meetings_word} "
            f"by {counts['employers']} {employers_word}"
        )
        assert f"### {line}" in markdown
        assert line in pdf_text
    assert "Machinists (51-4041): named in 3 meetings" in pdf_text
    # Every meeting with uncoded occupations says how many and which.
    for path in meetings.good:
        copy = tmp_path / ("u-" + path.name)
        shutil.copy(path, copy)
        with SessionStore.open(copy) as store:
            uncoded = [c.text for c in store.cards() if not c.soc_code]
        noun = "occupation" if len(uncoded) == 1 else "occupations"
        assert f"{len(uncoded)} {noun} on this wall" in markdown
    assert "Forklift driver" in markdown and "Forklift driver" in pdf_text
    # Gaps named at both demo meetings recur; the autumn-only one does not.
    assert "Competency gaps that recur" in pdf_text
    recurring = markdown.split("## Competency gaps that recur")[1]
    assert "Hydraulics troubleshooting" not in recurring
    assert "lacking at entry in 2 meetings" in recurring
