"""The two protocols that ship with focusgroup load and have the shape the meeting needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup import paths
from focusgroup.domain.protocol_schema import CARD_KIND_KEYS
from focusgroup.protocol_files import find_protocol, list_protocols, load_protocol

BUILTIN = Path(__file__).resolve().parents[2] / "protocols"
TIER_KEYS = (
    "personal-effectiveness",
    "academic",
    "workplace",
    "industry-wide",
    "industry-sector",
    "occupation-specific",
    "management",
)


@pytest.mark.parametrize("name", ["critical-occupations", "critical-competencies"])
def test_builtin_shape(name: str) -> None:
    protocol = load_protocol(BUILTIN / f"{name}.yaml")
    assert protocol.id == name
    assert protocol.title and protocol.purpose
    assert protocol.level_keys() == ("entry", "mid", "advanced")
    assert [k.key for k in protocol.card_kinds] == list(CARD_KIND_KEYS)
    assert len({k.symbol for k in protocol.card_kinds}) == 3
    assert tuple(t.key for t in protocol.tiers) == TIER_KEYS
    assert {t.group for t in protocol.tiers} == {"foundational", "technical", "management"}
    assert protocol.ksa_types == ("knowledge", "skill", "ability", "work style")
    assert [r.hotkey for r in protocol.reasons][:5] == ["1", "2", "3", "4", "5"]
    assert len({t.hotkey for t in protocol.topics}) == len(protocol.topics) >= 5
    for step in protocol.steps:
        assert step.title and step.say and step.minutes > 0
    # A session keeps the YAML it was made with.
    assert protocol.source_text == (BUILTIN / f"{name}.yaml").read_text(encoding="utf-8")


def test_critical_occupations_is_the_eight_step_wall() -> None:
    protocol = load_protocol(BUILTIN / "critical-occupations.yaml")
    assert len(protocol.steps) == 8
    assert [c.name for c in protocol.categories][:2] == ["Production", "Engineering"]
    assert {r.key for r in protocol.reasons} >= {
        "need-many",
        "hardest-to-fill",
        "high-turnover",
        "cost-impact",
        "growth-impact",
    }
    first, _, sort, discuss, third, _, recap, applicants = protocol.steps
    assert first.collects == ("occupation",) and not first.third_card
    assert protocol.steps[1].collects == ("category",)
    assert "competency" in discuss.collects and len(discuss.questions) >= 5
    assert third.third_card and third.collects == ("occupation",)
    assert [s.third_card for s in protocol.steps].count(True) == 1
    assert "accurate" in recap.say
    assert len(applicants.questions) == 4
    assert {t.key for t in protocol.topics} >= {"why-critical", "shifting-needs", "advancement"}


def test_critical_competencies_covers_paths_tasks_and_ksas() -> None:
    protocol = load_protocol(BUILTIN / "critical-competencies.yaml")
    assert protocol.categories == ()  # job functions come from the strawman profile
    text = " ".join(s.title + " " + s.say + " " + s.notes for s in protocol.steps).lower()
    for phrase in ("into", "next", "function", "task", "poorly", "mid-level", "three"):
        assert phrase in text
    assert "round two" in protocol.steps[0].notes.lower()
    assert {t.key for t in protocol.topics} >= {
        "paths-in-out",
        "underperformed",
        "training-priorities",
    }
    assert not any(s.third_card for s in protocol.steps)


def test_builtins_listed_and_found_by_id() -> None:
    listed = {p.id: path for p, path in list_protocols()}
    assert set(listed) >= {"critical-occupations", "critical-competencies"}
    assert all(path.parent in paths.builtin_protocol_dirs() for path in listed.values())
    assert find_protocol("critical-occupations").title.startswith("Critical occupations")
