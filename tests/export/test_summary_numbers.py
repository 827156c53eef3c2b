"""Every number in every export, computed from the session file and compared (issue 14).

The session is built to catch the old mistakes: an employer's first and third card in one
stack, ties that the alphabet used to break, a show of hands never taken, a registered
employer who never came, a support partner, a competency tied to a category, a note and a
quote on one occupation, the room's shortlist, takeaways and a re-engagement date.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from focusgroup.export.exporter import export_session
from focusgroup.store.session_store import SessionStore
from tests.export.builders import squash
from tests.export.room_session import (
    FOLLOW_UP,
    REENGAGE_TEXT,
    TAKEAWAYS,
    Facts,
    build_room,
    facts_from_file,
)

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_room(tmp_path_factory.mktemp("room") / "room.db")


@pytest.fixture(scope="module")
def facts(room: Path) -> Facts:
    return facts_from_file(room)


@pytest.fixture(scope="module")
def exports(room: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    files = export_session(room, out, ["pdf", "md", "json", "csv"])
    return {p.name.split("roundtable", 1)[1] or p.suffix: p for p in files}


def pages_text(pdf: Path, *, layout: bool = True) -> list[str]:
    """Each page's text from pdftotext: as laid out (lines as on the page) or in reading order."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_the_file_holds_the_traps(facts: Facts) -> None:
    """The builder did what the tests rely on (so the comparisons below can fail)."""
    assert facts.stacks["Welder"].employers == 2  # three cards, two employers
    assert facts.stacks["Machinist"].hands is None  # never asked
    assert facts.stacks["QC inspector"].hands == 0  # asked: nobody
    assert facts.order.index("Zebra-press operator") < facts.order.index("Assembler")


def test_markdown_numbers_match_the_file(exports: dict[str, Path], facts: Facts) -> None:
    text = exports[".md"].read_text("utf-8")
    lines = [ln for ln in text.splitlines() if re.match(r"\d+\. \*\*", ln)]
    appendix = text.split("## Appendix B · Everything on the wall", 1)[1].split("\n## ", 1)[0]
    ranked = [ln for ln in appendix.splitlines() if re.match(r"\d+\. \*\*", ln)]
    assert [re.search(r"\*\*(.+?)\*\*", ln).group(1) for ln in ranked] == facts.order
    for place, line in enumerate(ranked, start=1):
        stack = facts.stacks[re.search(r"\*\*(.+?)\*\*", line).group(1)]
        assert line.startswith(f"{place}. ")  # continuous numbering
        n = stack.employers
        assert f"named by {n} employer{'s' if n != 1 else ''}" in line
        assert f"{stack.reasons} reason" in line
        if stack.hands is None:
            assert "hand" not in line  # never shown as 0
        else:
            assert f"; {stack.hands} hand" in line
    assert lines  # the shortlist lines too
    for label, count in facts.reason_tally.items():
        assert f"- {label}: {count}" in text
    assert (
        f"{len(facts.attending_orgs)} employers, {facts.cards} occupation cards, {len(facts.stacks)} distinct"
        in text
    )


def test_markdown_leads_with_the_shortlist_and_keeps_groups_apart(
    exports: dict[str, Path], facts: Facts
) -> None:
    text = exports[".md"].read_text("utf-8")
    head = text.split("## Appendix", 1)[0]
    assert head.index("## What we heard") < head.index("## The room's shortlist")
    for takeaway in facts.takeaways:
        assert f"- {takeaway.replace('&', '&')}" in head
    short = head.split("## The room's shortlist", 1)[1].split("## ", 1)[0]
    listed = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", short, re.M)
    assert listed == [(str(i), t) for i, t in enumerate(facts.shortlist, start=1)]
    assert REENGAGE_TEXT in head.split("## Next steps", 1)[1]
    assert "ranked by you" not in text.lower()
    orgs = head.split("**Participating organizations:**", 1)[1].splitlines()[0]
    assert [o.strip() for o in orgs.split(",")] == [
        o.replace("&", "&") for o in facts.attending_orgs
    ]
    assert "Fox Foundry" not in text and "Workforce Board" not in orgs
    assert "**Support partners (listening):** Metro Community College" in head
    # Appendix letters run A, B, C... with no gap and no empty section.
    letters = re.findall(r"^## Appendix ([A-Z]) · ", text, re.M)
    assert letters == [chr(ord("A") + i) for i in range(len(letters))]
    assert "### Skills named for Quality\n\n- Measures to a thousandth" in text
    assert "### Skills named for the sector as a whole\n\n- Shows up on time" in text
    # A note is a note, a quote a quote with its attribution as chosen (Bo: organization).
    assert "- Note: Pipe welding is where the growth is." in text
    assert "> “Pipe welding" not in text
    assert "> “We lose a welder a month to the refinery.” — Bell Fab" in text
    assert "> “Say it plainly: we need people.” — Cy Cole, Cole Machine" in text
    assert "offered by Cy Cole, Cole Machine; owner Cy Cole; by 2026-12-15" in text
    assert "work-based learning: Two summer interns; offered by Ed Eng, Eng Tool & Die" in text


def test_csv_and_json_numbers_match_the_file(exports: dict[str, Path], facts: Facts) -> None:
    with exports["-cards.csv"].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["text"] for r in sorted(rows, key=lambda r: int(r["rank"]))] == facts.order
    for row in rows:
        stack = facts.stacks[row["text"]]
        assert int(row["employers"]) == stack.employers
        assert int(row["reasons_given"]) == stack.reasons
        assert row["hands"] == ("" if stack.hands is None else str(stack.hands))
        assert row["shortlist"] == (str(int(stack.shortlist)) if stack.shortlist else "")
    data = json.loads(exports[".json"].read_text("utf-8"))
    ranking = data["ranking"]
    assert [r["text"] for r in ranking] == facts.order
    for r in ranking:
        stack = facts.stacks[r["text"]]
        assert (r["employers"], r["reasons"], r["hands"]) == (
            stack.employers,
            stack.reasons,
            stack.hands,
        )
    assert [s["text"] for s in data["shortlist"]] == facts.shortlist
    assert [t["text"] for t in data["takeaways"]] == facts.takeaways
    assert data["session"]["reengage_on"] == facts.reengage_on


@needs_pdftotext
def test_pdf_first_page_stands_alone(exports: dict[str, Path], facts: Facts) -> None:
    pages = pages_text(exports[".pdf"])
    first = squash(pages[0])
    for takeaway in TAKEAWAYS:
        assert squash(takeaway) in first
    assert squash("THE ROOM'S SHORTLIST") in first
    for place, text in enumerate(facts.shortlist, start=1):
        stack = facts.stacks[text]
        line = f"{place}. {text} — "
        assert squash(line) in first, line
        assert squash(f"named by {stack.employers} employer") in first
    assert squash("NEXT STEPS") in first
    assert squash(f"by {REENGAGE_TEXT}") in first
    # Nothing of the appendix on it; the body is two pages at most.
    assert "Appendix" not in pages[0]
    body = [i for i, page in enumerate(pages) if "Appendix A" in page]
    assert body and body[0] <= 2
    assert FOLLOW_UP in squash(pages[1])


@needs_pdftotext
def test_pdf_numbers_match_the_file(exports: dict[str, Path], facts: Facts) -> None:
    pages = pages_text(exports[".pdf"])
    text = squash("".join(pages))
    for place, name in enumerate(facts.order, start=1):
        stack = facts.stacks[name]
        hands = "—" if stack.hands is None else str(stack.hands)
        cells = f"{place}{name}"
        assert squash(cells) in text, cells
        assert re.search(
            re.escape(squash(name)) + r".{0,80}?" + f"{stack.employers}{stack.reasons}{hands}",
            text,
        ), name
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {total}" in page
    # The "at a glance" box on page 2: numbers in one row, their labels under them.
    glance = f"{len(facts.attending_orgs)} +{facts.cards} +{len(facts.stacks)} +2\n"
    assert re.search(glance + r"\s*employers +occupation cards +distinct occupations", pages[1])
    assert squash("Fox Foundry") not in text
    assert squash("SUPPORT PARTNERS (LISTENING)Metro Community College") in text
    assert "“Pipe welding" not in "".join(pages)  # a note is never set as a quote
    assert squash("— Bell Fab") in text


@needs_pdftotext
def test_pdf_has_no_heading_alone_at_a_page_foot_and_no_empty_last_page(
    exports: dict[str, Path],
) -> None:
    from pypdf import PdfReader

    pages = pages_text(exports[".pdf"])
    headings = re.compile(r"^\s*(Appendix [A-Z] · .+|Why they are critical|Skills named for .+)$")
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip() and "Page " not in ln]
        assert not headings.match(lines[-1]), lines[-1]
    reader = PdfReader(str(exports[".pdf"]))
    last = reader.pages[-1]
    ys: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            ys.append(tm[5] * cm[3] + cm[5])  # the text's baseline on the page

    last.extract_text(visitor_text=visit)
    height = float(last.mediabox.height)
    body = [y for y in ys if y > 0.08 * height]  # above the footer
    top, bottom = 0.93 * height, 0.09 * height
    fill = (top - min(body)) / (top - bottom)
    assert len(reader.pages) == 1 or fill >= 0.2, fill


def test_without_a_shortlist_the_order_is_said(tmp_path: Path) -> None:
    room = build_room(tmp_path / "r.db", shortlist=False, takeaways=False)
    facts = facts_from_file(room)
    (md,) = export_session(room, tmp_path, ["md"])
    text = md.read_text("utf-8")
    assert "## The room's shortlist" not in text
    assert (
        "The room did not mark a shortlist, so these are the first 5 in order of how many "
        "employers named each, then how many reasons they gave, then the show of hands." in text
    )
    top = text.split("## Top occupations on the wall", 1)[1].split("## ", 1)[0]
    assert re.findall(r"\*\*(.+?)\*\*", top) == facts.order[:5]
    # No takeaways written: the app's proposals, true to the file, fill the first page.
    heard = text.split("## What we heard", 1)[1].split("## ", 1)[0]
    assert "Welder and Zebra-press operator were each named by 2 employers of 5" not in heard
    assert "“Hardest to fill” was the reason given most often (6 times)." in heard


def test_most_common_reason_reports_ties(tmp_path: Path) -> None:
    room = build_room(tmp_path / "r.db")
    with SessionStore.open(room) as store:
        machinist = next(c for c in store.cards() if c.text == "Machinist")
        store.toggle_reason(machinist.id, store.protocol().reasons[0].key)  # 6 and 6
    facts = facts_from_file(room)
    top = max(facts.reason_tally.values())
    tied = [label for label, n in facts.reason_tally.items() if n == top]
    assert len(tied) == 2
    (md,) = export_session(room, tmp_path, ["md"])
    text = md.read_text("utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("Given most often: "))
    for label in tied:
        assert label in line
    assert f"({top} times each)" in line


def test_export_command_says_what_the_recap_left_unsaid(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from focusgroup.cli import main

    bare = build_room(tmp_path / "bare.db", shortlist=False, takeaways=False)
    with SessionStore.open(bare) as store:
        store.set_reengagement("")
    result = CliRunner().invoke(
        main, ["export", str(bare), "--out", str(tmp_path / "o"), "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("Note: ")]
    assert len(notes) == 3
    assert "no takeaways were written" in notes[0] and "no shortlist" in notes[1]
    assert "no re-engagement date" in notes[2]
    full = build_room(tmp_path / "full.db")
    result = CliRunner().invoke(
        main, ["export", str(full), "--out", str(tmp_path / "p"), "--format", "md"]
    )
    assert result.exit_code == 0 and "Note: " not in result.stderr


def test_a_competencies_meeting_claims_no_employer_named_a_task(tmp_path: Path) -> None:
    """Tasks come from the strawman: no 'named by', no ranking; functions with task counts."""
    from focusgroup.export.exporter import export_profiles
    from focusgroup.from_profile import start_from_profile
    from focusgroup.sample import build_sample_session

    db = build_sample_session(tmp_path / "m.db")
    profile = next(
        p for p in export_profiles(db, tmp_path / "p", ["CNC machinist"]) if p.suffix == ".yaml"
    )
    start_from_profile(tmp_path / "c.db", profile).close()
    with SessionStore.open(tmp_path / "c.db") as store:
        cards = store.cards()
        functions: dict[int | None, int] = {}
        for card in cards:
            functions[card.category_id] = functions.get(card.category_id, 0) + 1
        names = {c.id: c.name for c in store.categories()}
    md, pdf = export_session(tmp_path / "c.db", tmp_path / "o", ["md", "pdf"])
    text = md.read_text("utf-8")
    assert "named by" not in text and "employers wrote it" not in text
    for category_id, n in functions.items():
        assert f"- {names[category_id]}: {n} task" in text
    if shutil.which("pdftotext"):
        pages = pages_text(pdf)
        assert "named by" not in "".join(pages) and "Employers" not in "".join(pages)
        assert "THE JOB FUNCTIONS, AS THE ROOM LEFT THEM" in pages[0]


def test_anonymous_exports_keep_the_true_counts_and_name_nobody(tmp_path: Path) -> None:
    room = build_room(tmp_path / "r.db")
    facts = facts_from_file(room)
    files = export_session(room, tmp_path / "o", ["md", "csv", "json"], anonymous=True)
    md = next(p for p in files if p.suffix == ".md").read_text("utf-8")
    for name in ("Ann Ames", "Bo Bell", "Cy Cole", "Di Dunn", "Ed Eng"):
        for path in files:
            assert name not in path.read_text("utf-8-sig"), (name, path.name)
    # An employer's two cards in one stack still count once with every name removed.
    assert "**Welder** — Production, Mid level; named by 2 employers" in md
    with next(p for p in files if p.name.endswith("-cards.csv")).open(
        encoding="utf-8-sig", newline=""
    ) as f:
        for row in csv.DictReader(f):
            assert int(row["employers"]) == facts.stacks[row["text"]].employers
    # Who offered is then the organization.
    assert "job descriptions: Machinist and press operator; offered by Cole Machine" in md
    assert f"{len(facts.attending_orgs)} employers" in md


def test_anonymous_cards_lead_back_to_no_one(tmp_path: Path) -> None:
    """The stand-in ids keep counts true; no card points at a participant or organization."""
    room = build_room(tmp_path / "r.db")
    (js, cards_csv) = (
        p
        for p in export_session(room, tmp_path / "o", ["json", "csv"], anonymous=True)
        if p.suffix == ".json" or p.name.endswith("-cards.csv")
    )
    data = json.loads(js.read_text("utf-8"))
    people = {p["id"] for p in data["participants"]}
    ids = [m["participant_id"] for c in data["cards"] for m in (c, *c["members"])]
    assert ids and not people & set(ids)
    with cards_csv.open(encoding="utf-8-sig", newline="") as f:
        assert all(row["organizations"] == "" for row in csv.DictReader(f))


def test_anonymous_session_still_asks_each_employer_for_their_own(tmp_path: Path) -> None:
    from focusgroup.export.content import summarize
    from focusgroup.export.exporter import snapshot_of
    from focusgroup.export.next_steps import job_description_request

    room = build_room(tmp_path / "r.db")
    summary = summarize(snapshot_of(room, anonymous=True))
    with SessionStore.open(room) as store:
        ann = next(p.id for p in store.participants() if p.name == "Ann Ames")
    assert "You wrote “Welder” and “Pipe welder”" in job_description_request(summary, ann)


@needs_pdftotext
def test_one_hand_is_one_hand_on_every_page(tmp_path: Path) -> None:
    """Counts of one read in the singular wherever a show of hands is printed."""
    path = tmp_path / "one.db"
    from focusgroup.protocol_files import find_protocol

    with SessionStore.create(path, find_protocol("critical-occupations"), title="One") as store:
        ann = store.add_participant("Ann Ames", "Acme Tools")
        store.set_attended(ann, True)
        card = store.add_card("Welder", ann, category_id=store.add_category("Production"))
        store.set_hands(card, 1)
    (pdf,) = export_session(path, tmp_path / "out", ["pdf"])
    text = squash(" ".join(pages_text(pdf)))
    assert squash("1 hand") in text
    assert "1hands" not in text
