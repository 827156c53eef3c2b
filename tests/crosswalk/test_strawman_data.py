"""The strawman data file: reproducible from the shared sources, and the grouping rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.crosswalk.functions import (
    MAX_FUNCTIONS,
    MAX_TASKS,
    SourceTask,
    draft_functions,
    function_name,
)
from focusgroup.crosswalk.strawman_build import PACKAGED_DATA, build_strawman_data

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
if not (SHARED / "onet").is_dir():
    SHARED = Path("/work/shared/data")


@pytest.mark.skipif(not (SHARED / "onet").is_dir(), reason="the shared O*NET files are not here")
def test_the_shipped_file_is_what_the_sources_build(tmp_path: Path) -> None:
    out = tmp_path / "strawman.json.gz"
    counts = build_strawman_data(SHARED / "onet", SHARED / "oes", out, release_name="30.0")
    assert counts["occupations"] > 900 and counts["iwas"] > 300
    assert out.read_bytes() == PACKAGED_DATA.read_bytes(), (
        "rebuild it: python -m focusgroup.crosswalk.strawman_build"
    )


TITLES = {
    "4.A.4.a.6.I03": "Promote products, services, or programs.",
    "4.A.4.a.6.I02": "Sell products or services.",
    "4.A.3.b.6.I08": "Maintain operational records.",
    "4.A.3.b.6.I10": "Maintain sales or financial records.",
    "4.A.2.b.1.I01": "Determine values or prices of goods or services.",
    "4.A.1.a.2.I08": "Monitor external affairs, trends, or events.",
}


def task(n: int, *iwas: str) -> SourceTask:
    return SourceTask(f"Task {n}.", iwas)


def test_tasks_group_by_intermediate_activity_and_merge_within_a_family() -> None:
    tasks = [
        task(1, "4.A.4.a.6.I03"),
        task(2, "4.A.4.a.6.I03"),
        task(3, "4.A.4.a.6.I03", "4.A.4.a.6.I02"),
        task(4, "4.A.3.b.6.I08"),
        task(5, "4.A.3.b.6.I10"),
        task(6, "4.A.3.b.6.I08"),
        task(7, "4.A.2.b.1.I01"),
        task(8, "4.A.2.b.1.I01"),
        task(9, "4.A.2.b.1.I01"),
        task(10),  # linked to no work activity, shares no words: an open question
    ]
    draft = draft_functions(tasks, TITLES)
    by_name = {f.name: f.tasks for f in draft.functions}
    assert by_name == {
        "Promote products, services, or programs": ("Task 1.", "Task 2.", "Task 3."),
        # I08 and I10 share their GWA (4.A.3.b.6): one function, named after the bigger
        "Maintain operational records": ("Task 4.", "Task 5.", "Task 6."),
        "Determine values or prices of goods or services": ("Task 7.", "Task 8.", "Task 9."),
    }
    assert draft.left_over == ("Task 10.",)


def test_limits_hold_for_a_long_task_list() -> None:
    iwas = list(TITLES)
    tasks = [task(n, iwas[n % len(iwas)]) for n in range(60)]
    draft = draft_functions(tasks, TITLES)
    assert len(draft.functions) <= MAX_FUNCTIONS
    assert all(len(f.tasks) <= MAX_TASKS for f in draft.functions)
    placed = [t for f in draft.functions for t in f.tasks]
    assert sorted(placed + list(draft.left_over)) == sorted(t.text for t in tasks)


def test_function_names_drop_the_full_stop() -> None:
    assert function_name("Sell products or services. ") == "Sell products or services"
    assert draft_functions([], TITLES).functions == ()
