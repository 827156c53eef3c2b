"""Hostile text in the inventory: stored exactly, shown as text, every document still written."""

from __future__ import annotations

import json
from pathlib import Path

from focusgroup.export.gaps_export import export_gaps
from focusgroup.store import SessionStore
from tests.conftest import tiny_protocol
from tests.reliability.nasty import SAMPLES


def test_every_hostile_sample_survives_the_gap_documents(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    samples = [s for s in SAMPLES if len(s) < 1000]
    with SessionStore.create(path, tiny_protocol(), title="[bold]Nasty & <co>") as store:
        ann = store.add_participant("Ann", samples[9])
        for i, text in enumerate(samples):
            card = store.add_card(text, level="entry")
            store.add_competency(text, card_id=card, lacking=True)
            store.add_program(
                text, text, credential=text, level="entry", occupations=[text], competencies=[text]
            )
            store.add_referral(participant_id=ann, program=f"{text} {i}", out_of_state=text)
        programs = store.programs()
    written = export_gaps(path, tmp_path / "out")
    assert sorted(p.suffix for p in written) == [".json", ".md", ".pdf"]
    data = json.loads(
        (tmp_path / "out" / [p.name for p in written if p.suffix == ".json"][0]).read_text("utf-8")
    )
    # JSON keeps every character exactly as stored.
    assert [p["program"] for p in data["programs"]] == [p.program for p in programs]
    assert [o["occupation"] for o in data["occupations"]] == samples
    assert data["uncovered_occupations"] == [] and data["uncovered_competencies"] == []
    pdf = [p for p in written if p.suffix == ".pdf"][0]
    assert pdf.read_bytes().startswith(b"%PDF-")
