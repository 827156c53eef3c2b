"""Markdown, JSON, CSV and the short e-mail bodies; anonymity across every format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from focusgroup.export.exporter import ExportError, export_session
from focusgroup.export.json_export import read_json, to_json
from focusgroup.export.markdown import render_markdown, short_summary, short_summary_html
from focusgroup.export.snapshot import SessionSnapshot
from focusgroup.sample import FOLLOW_UP_URL, PEOPLE, build_sample_session
from focusgroup.store.session_store import SessionStore
from tests.export.builders import PARTICIPANT_NAMES, pdf_text, squash


def test_markdown_reads_as_an_email(sample_snap: SessionSnapshot) -> None:
    text = render_markdown(sample_snap)
    assert text.startswith("# Advanced manufacturing: critical occupations\n")
    for heading in (
        "## What we heard",
        "## Next steps",
        "## Appendix A · The wall",
        "## Appendix B · Everything on the wall",
        "· In their words",
    ):
        assert heading in text
    # The room ranked nothing here: never "ranked by you", and the order is said.
    assert "ranked" not in text.lower()
    assert "The room did not mark a shortlist" in text
    for card in sample_snap.cards:
        assert card.text in text
    assert "1. **CNC machinist** (51-4041 Machinists) — Production, Entry level; named by 4" in text
    assert "Dr. \\<Smith\\>" not in text  # quoted anonymously: never named
    assert f"<{FOLLOW_UP_URL}>" in text


def test_short_summary_plain_and_html(sample_snap: SessionSnapshot) -> None:
    plain = short_summary(sample_snap)
    assert "What we heard:" in plain and "Next steps:" in plain
    assert "When you'll hear from us:" in plain and FOLLOW_UP_URL in plain
    assert "CNC machinist (Production, Entry level): named by 4 employers" in plain
    html = short_summary_html(sample_snap)
    assert "<h3>What we heard</h3>" in html
    assert "&amp;" in html or "&" not in plain  # everything escaped
    assert "<Smith>" not in html


def test_json_holds_the_whole_session_and_reads_back(
    sample_snap: SessionSnapshot, tmp_path: Path
) -> None:
    (path,) = export_session(sample_snap, tmp_path, ["json"])
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "focusgroup-session"
    assert len(data["cards"]) == len(sample_snap.cards)
    cnc = next(c for c in data["cards"] if c["text"] == "CNC machinist")
    assert cnc["count"] == 4 and len(cnc["members"]) == 3
    assert data["ranking"][0]["text"] == "CNC machinist"
    again = read_json(path)
    assert to_json(again) == to_json(sample_snap)


def test_csv_one_row_per_card_competency_note(sample_snap: SessionSnapshot, tmp_path: Path) -> None:
    paths = {p.name.rsplit("-", 1)[1]: p for p in export_session(sample_snap, tmp_path, ["csv"])}

    def rows(name: str) -> list[dict[str, str]]:
        with paths[name].open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))

    cards = rows("cards.csv")
    assert len(cards) == len(sample_snap.cards)
    cnc = next(r for r in cards if r["text"] == "CNC machinist")
    assert cnc["employers"] == "4" and cnc["rank"] == "1" and "CNC operator" in cnc["wordings"]
    assert len(rows("competencies.csv")) == len(sample_snap.competencies)
    assert len(rows("notes.csv")) == len(sample_snap.notes)
    assert len(rows("commitments.csv")) == len(sample_snap.commitments)


def test_csv_cells_never_run_as_formulas(tmp_path: Path) -> None:
    db = build_sample_session(tmp_path / "m.db")
    with SessionStore.open(db) as store:
        store.add_card('=HYPERLINK("http://x")', None)
    paths = export_session(db, tmp_path, ["csv"])
    assert "'=HYPERLINK" in paths[0].read_text("utf-8-sig")


@pytest.fixture(scope="module")
def anonymous_exports(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return export_session(sample_db, tmp_path_factory.mktemp("anon"), anonymous=True)


def test_anonymous_output_names_nobody_in_any_format(anonymous_exports: list[Path]) -> None:
    assert {p.suffix for p in anonymous_exports} == {".pdf", ".md", ".json", ".csv"}
    for path in anonymous_exports:
        text = pdf_text(path) if path.suffix == ".pdf" else path.read_text("utf-8-sig")
        for name in PARTICIPANT_NAMES:
            probe = squash(name) if path.suffix == ".pdf" else name
            assert probe not in text, (path.name, name)
            assert json.dumps(name)[1:-1] not in text  # JSON's \\u escapes too
        assert "@example.org" not in text


def test_anonymous_output_still_lists_organizations_and_counts(
    anonymous_exports: list[Path], sample_snap: SessionSnapshot
) -> None:
    pdf = next(p for p in anonymous_exports if p.suffix == ".pdf")
    text = pdf_text(pdf)
    # Issue 14: the organizations of the employers who took part (wrote, were noted, offered),
    # the same as in the named export (tests/export/test_summary_numbers.py has one who didn't).
    attending = sample_snap.employer_organizations
    assert len(attending) == len(PEOPLE)
    for organization in attending:
        assert squash(organization) in text
    assert squash("CNC machinist — Production, Entry level; named by 4") in text


def test_the_session_setting_makes_exports_anonymous(tmp_path: Path) -> None:
    db = build_sample_session(tmp_path / "m.db")
    with SessionStore.open(db) as store:
        store.update_session(anonymous=True)
    (md,) = export_session(db, tmp_path, ["md"])
    assert "Zoë Adeyemi" not in md.read_text("utf-8")
    (named,) = export_session(db, tmp_path / "named", ["md"], anonymous=False)
    assert "Zoë Adeyemi" in named.read_text("utf-8")


def test_errors_a_user_can_cause_are_one_line(tmp_path: Path, sample_snap: SessionSnapshot) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export_session(sample_snap, blocker, ["md"])
    with pytest.raises(ExportError, match="Unknown export format docx"):
        export_session(sample_snap, tmp_path, "pdf,docx")
    with pytest.raises(ExportError, match="No session file"):
        export_session(tmp_path / "missing.db", tmp_path, ["md"])


def test_progress_is_reported(sample_snap: SessionSnapshot, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    export_session(sample_snap, tmp_path, "md,json", progress=lambda *a: seen.append(a))
    assert seen == [(0, 2, "Writing MD"), (1, 2, "Writing JSON"), (2, 2, "Done")]
