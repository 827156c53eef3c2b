"""Issue 13 in the documents: the shifting mark, the employer's own reason (in words, counted),
and attendees (not the whole registration list) as the participating organizations."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from focusgroup.export.exporter import export_session
from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore
from tests.export.builders import pdf_text, squash


def test_exports_carry_the_shift_own_reasons_and_attendees(tmp_path: Path) -> None:
    store = SessionStore.create(
        tmp_path / "m.db", find_protocol("critical-occupations"), title="T", sector="energy"
    )
    came = store.add_participant("Ana Ruiz", "Ruiz Power")
    store.add_participant("Nia Noshow", "Absent Utility")  # registered, never came
    drafter = store.add_card("Drafter", came)
    store.set_shift(drafter, "disappearing")
    lineman = store.add_card("Lineworker", came)
    store.set_shift(lineman, "transforming")
    for card in (drafter, lineman):
        store.add_reason_text(card, "Storm season depends on them")
    files = {
        p.suffix + p.stem.rsplit("-", 1)[-1]: p for p in export_session(store, tmp_path / "out")
    }
    md = next(p for p in files.values() if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Drafter** — Not yet sorted; named by 1 employer; disappearing" in md
    assert "transforming" in md
    assert "- Storm season depends on them: 2" in md  # counted, in its words (no "(?)")
    assert "Ruiz Power" in md and "Absent Utility" not in md
    assert "**Sector:** Energy" in md
    cards_csv = next(p for p in files.values() if p.name.endswith("-cards.csv"))
    rows = list(csv.DictReader(cards_csv.open(encoding="utf-8-sig")))
    assert {r["text"]: r["shifting"] for r in rows} == {
        "Drafter": "disappearing",
        "Lineworker": "transforming",
    }
    data = json.loads(next(p for p in files.values() if p.suffix == ".json").read_text("utf-8"))
    assert {c["text"]: c["shift"] for c in data["cards"]} == {
        "Drafter": "disappearing",
        "Lineworker": "transforming",
    }
    assert [p["name"] for p in data["participants"]] == ["Ana Ruiz"]
    assert data["session"]["sector"] == "energy"
    pdf = pdf_text(next(p for p in files.values() if p.suffix == ".pdf"))
    assert squash("disappearing (where needs are shifting)") in pdf
    assert squash("RuizPower") in pdf and "AbsentUtility" not in pdf
    store.close()
