"""The follow-up loop end to end: profile → competencies session → changes → version 2."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.export.exporter import export_profiles
from focusgroup.export.profiles import (
    PATHS_IN_CATEGORY,
    PATHS_OUT_CATEGORY,
    ProfileError,
    read_profile,
)
from focusgroup.from_profile import start_from_profile
from focusgroup.protocol_files import find_protocol
from focusgroup.store.session_store import SessionStore
from tests.export.builders import pdf_text, squash

# The guide's Appendix C: technical sales representative, four functions with their tasks.
APPENDIX_C = {
    "Develop and sell business case for product": (
        "Answer customers' questions about products, prices, availability, or credit terms.",
        "Quote prices, credit terms, or other bid specifications.",
        "Negotiate prices or terms of sales or service agreements.",
    ),
    "Manage and generate business relationships with customers": (
        "Develop and deliver presentations to customers about product.",
        "Provide product recommendations to customers and respond to technical questions.",
    ),
    "Maintain internal customer records and feedback": (
        "Prepare and submit sales contracts for orders.",
        "Work as a liaison with other departments to resolve product issues.",
    ),
    "Evaluate technical product details and market trends": (
        "Develop thorough technical knowledge of company product lines.",
    ),
}


@dataclass(frozen=True)
class FakeFunction:
    name: str
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class FakeOnet:
    description: str = "Sell goods requiring technical knowledge."
    functions: tuple[FakeFunction, ...] = tuple(FakeFunction(k, v) for k, v in APPENDIX_C.items())
    job_zone: int = 4
    job_zone_name: str = "Considerable preparation"


def meeting_one(path: Path) -> Path:
    store = SessionStore.create(
        path,
        find_protocol("critical-occupations"),
        title="Tech manufacturing",
        with_categories=False,
    )
    with store:
        sales = store.add_category("Sales")
        card = store.add_card("Technical sales rep", None, category_id=sales, level="mid")
        store.set_soc(
            card,
            soc_code="41-4011",
            onet_code="41-4011.00",
            soc_title="Sales Representatives, Technical",
        )
        store.add_competency("Explains specs to buyers", card_id=card, level="entry", lacking=True)
    return path


@pytest.fixture
def strawman(tmp_path: Path) -> Path:
    db = meeting_one(tmp_path / "one.db")
    paths = export_profiles(db, tmp_path / "v1", onet_lookup=lambda code: FakeOnet())
    (yaml_path,) = [p for p in paths if p.suffix == ".yaml"]
    return yaml_path


def test_strawman_has_the_appendix_c_matrix(strawman: Path) -> None:
    profile = read_profile(strawman)
    assert profile.version == 1 and profile.onet_code == "41-4011.00"
    assert [f.name for f in profile.functions] == list(APPENDIX_C)
    assert profile.onet is not None and profile.onet.job_zone.startswith("4")
    text = pdf_text(strawman.with_suffix(".pdf"))
    for name, tasks in APPENDIX_C.items():
        assert squash(name) in text
        assert all(squash(t) in text for t in tasks)


def test_follow_up_loop_end_to_end(strawman: Path, tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    store = start_from_profile(db, strawman, region="Front Range", date="2025-04-02")
    with store:
        assert store.protocol().id == "critical-competencies"
        assert store.session().title == "Technical sales rep: critical competencies"
        # Issue 15: the functions, then two columns for paths in and out at their level.
        assert [c.name for c in store.categories()] == [
            *APPENDIX_C,
            PATHS_IN_CATEGORY,
            PATHS_OUT_CATEGORY,
        ]
        cards = {c.text: c for c in store.cards()}
        assert set(cards) == {t for tasks in APPENDIX_C.values() for t in tasks}
        # The room: rewords one task twice, drops one, adds one, adds a function, names skills.
        quote = cards["Quote prices, credit terms, or other bid specifications."]
        store.edit_card(quote.id, "Quote prices and terms")
        store.edit_card(quote.id, "Quote prices, terms and lead times")
        store.delete_card(cards["Prepare and submit sales contracts for orders."].id)
        records = store.categories()[2].id
        store.add_card(
            "Log every call in the CRM the same day", None, category_id=records, level="entry"
        )
        service = store.add_category("Support after the sale")
        store.add_card("Visit the plant after installation", None, category_id=service, level="mid")
        store.add_competency("Reads a bill of materials", level="entry", ksa="skill", lacking=True)
        store.add_competency("Explains specs to buyers", level="entry")  # already known

    paths = export_profiles(db, tmp_path / "v2")
    assert {p.name for p in paths} == {
        "profile-technical-sales-rep-v2.yaml",
        "profile-technical-sales-rep-v2.pdf",
    }
    v2 = read_profile(tmp_path / "v2" / "profile-technical-sales-rep-v2.yaml")
    assert v2.version == 2
    changes = v2.changes
    assert changes is not None and changes.previous_version == 1
    assert (
        changes.reworded_tasks[0].before
        == "Quote prices, credit terms, or other bid specifications."
    )
    assert changes.reworded_tasks[0].after == "Quote prices, terms and lead times"
    assert len(changes.reworded_tasks) == 1
    assert changes.removed_tasks == ("Prepare and submit sales contracts for orders.",)
    assert set(changes.added_tasks) == {
        "Log every call in the CRM the same day",
        "Visit the plant after installation",
    }
    assert changes.added_functions == ("Support after the sale",)
    assert changes.new_competencies == ("Reads a bill of materials",)
    assert "Reads a bill of materials" in v2.skills_gaps
    assert [f.name for f in v2.functions][-1] == "Support after the sale"
    text = pdf_text(tmp_path / "v2" / "profile-technical-sales-rep-v2.pdf")
    assert squash("What the room changed since version 1") in text
    assert squash("Quote prices, terms and lead times") in text

    # And round again: v2 starts the next session, which exports as v3 with no changes.
    db3 = tmp_path / "three.db"
    start_from_profile(db3, tmp_path / "v2" / "profile-technical-sales-rep-v2.yaml").close()
    export_profiles(db3, tmp_path / "v3")
    v3 = read_profile(tmp_path / "v3" / "profile-technical-sales-rep-v3.yaml")
    assert v3.version == 3 and v3.changes is not None and v3.changes.empty
    assert v3.functions == v2.functions


def test_a_bad_profile_leaves_no_session_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("occupation: W\nfunctions:\n- name: A\n  tasks: [{text: t, level: boss}]\n")
    with pytest.raises(ProfileError, match=r"functions\[1\].tasks\[1\].level"):
        start_from_profile(tmp_path / "s.db", bad)
    assert not (tmp_path / "s.db").exists()


def test_cli_export_profiles_and_new_with_profile(strawman: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "cli.db"
    result = runner.invoke(
        main,
        [
            "new",
            str(db),
            "--title",
            "Round one",
            "--protocol",
            "critical-competencies",
            "--profile",
            str(strawman),
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["profiles", str(db), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "profile-technical-sales-rep-v2.yaml" in result.output
    result = runner.invoke(
        main, ["export", str(db), "--out", str(tmp_path / "o"), "--format", "md,pdf"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["profiles", "check", str(strawman)])
    assert result.exit_code == 0 and "OK" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("occupation: W\nversion: 0\n")
    result = runner.invoke(main, ["profiles", "check", str(bad)])
    assert result.exit_code == 1 and "version must be a whole number" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["export", str(db), "--format", "docx"])
    assert result.exit_code == 1 and "Unknown export format" in result.output
