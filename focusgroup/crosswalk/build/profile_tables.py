"""What a strawman job profile reads: tasks grouped into functions, ratings, technology,
education and related occupations, each cut to what a profile shows."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import sqlite_utils

from focusgroup.crosswalk.source import OnetRelease

MAX_FUNCTIONS = 5
"""A strawman has a handful of function columns (the guide's example has four)."""
TOP_RATED = 10
"""Skills, knowledge and abilities kept per occupation, by importance."""
MAX_TECHNOLOGY = 30
"""Technology examples kept per occupation, hot technologies first."""

RATING_FILES = {"skill": "Skills.txt", "knowledge": "Knowledge.txt", "ability": "Abilities.txt"}


def write_tasks(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    """Core tasks grouped into job functions by the generalised work activity of their DWAs.

    Greedy cover: the activity linked to most of an occupation's core tasks becomes the first
    function, and so on, up to MAX_FUNCTIONS; tasks left over go under 'Other tasks'.
    Supplemental tasks are left out (an occupation with only supplemental ones keeps those).
    """
    names = {
        r["Element ID"]: r["Element Name"] for r in release.rows("Content Model Reference.txt")
    }
    activities: dict[str, set[str]] = defaultdict(set)
    for r in release.rows("Tasks to DWAs.txt"):
        element = ".".join(r["DWA ID"].split(".")[:5])  # 4.A.3.a.1.I05.D07 -> 4.A.3.a.1
        activities[r["Task ID"]].add(element)

    tasks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in release.rows("Task Statements.txt"):
        if r["O*NET-SOC Code"] in occ:
            tasks[r["O*NET-SOC Code"]].append(
                {"id": r["Task ID"], "task": r["Task"], "core": r["Task Type"] != "Supplemental"}
            )

    rows = []
    for code, items in tasks.items():
        core = [t for t in items if t["core"]] or items
        function_of = _group_tasks(core, activities, names)
        for position, item in enumerate(core):
            rows.append(
                {
                    "occ": occ[code],
                    "position": position,
                    "function": function_of[item["id"]],
                    "task": item["task"],
                }
            )
    db.table("task").insert_all(rows)


def _group_tasks(
    core: list[dict[str, Any]], activities: dict[str, set[str]], names: dict[str, str]
) -> dict[str, str]:
    unassigned = [t["id"] for t in core]
    chosen: list[str] = []
    function_of: dict[str, str] = {}
    for _ in range(MAX_FUNCTIONS):
        counts: Counter[str] = Counter()
        for task_id in unassigned:
            counts.update(activities.get(task_id, ()))
        if not counts:
            break
        element, covered = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if covered < 2 and chosen:
            break  # a one-task function is noise
        chosen.append(element)
        for task_id in [t for t in unassigned if element in activities.get(t, ())]:
            function_of[task_id] = names.get(element, element)
            unassigned.remove(task_id)
    # A leftover task joins a chosen function of the same activity family (4.A.3.a: physical
    # work; 4.A.4.a: communicating...) before it falls into 'Other tasks'.
    for task_id in unassigned:
        families = {e.rsplit(".", 1)[0] for e in activities.get(task_id, ())}
        home = next((e for e in chosen if e.rsplit(".", 1)[0] in families), None)
        function_of[task_id] = names.get(home, home) if home else "Other tasks"
    return function_of


def write_ratings(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    elements: dict[tuple[str, str], int] = {}
    rows = []
    for domain, file in RATING_FILES.items():
        importance: dict[str, dict[str, float]] = defaultdict(dict)
        level: dict[tuple[str, str], float] = {}
        for r in release.rows(file):
            if r["Recommend Suppress"] == "Y" or r.get("Not Relevant") == "Y":
                continue
            try:
                value = float(r["Data Value"])
            except ValueError:
                continue
            if r["Scale ID"] == "IM":
                importance[r["O*NET-SOC Code"]][r["Element Name"]] = value
            elif r["Scale ID"] == "LV":
                level[(r["O*NET-SOC Code"], r["Element Name"])] = value
        for code, rated in importance.items():
            if code not in occ:
                continue
            ranked = sorted(rated.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RATED]
            for rank, (name, value) in enumerate(ranked):
                element = elements.setdefault((domain, name), len(elements) + 1)
                rows.append(
                    {
                        "occ": occ[code],
                        "element": element,
                        "rank": rank,
                        "importance": value,
                        "level": level.get((code, name)),
                    }
                )
    db.table("element").insert_all(
        {"id": number, "domain": domain, "name": name}
        for (domain, name), number in elements.items()
    )
    db.table("rating").insert_all(rows)


def write_technology(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in release.rows("Technology Skills.txt"):
        if r["O*NET-SOC Code"] in occ:
            by_code[r["O*NET-SOC Code"]].append(r)
    techs: dict[tuple[str, str], int] = {}
    rows = []
    for code, items in by_code.items():
        items.sort(
            key=lambda t: (t.get("Hot Technology") != "Y", t.get("In Demand") != "Y", t["Example"])
        )
        for position, t in enumerate(items[:MAX_TECHNOLOGY]):
            key = (t["Example"], t["Commodity Title"])
            rows.append(
                {
                    "occ": occ[code],
                    "position": position,
                    "tech": techs.setdefault(key, len(techs) + 1),
                    "hot": int(t.get("Hot Technology") == "Y"),
                    "in_demand": int(t.get("In Demand") == "Y"),
                }
            )
    db.table("tech").insert_all(
        {"id": number, "example": example, "category": category}
        for (example, category), number in techs.items()
    )
    db.table("technology").insert_all(rows)


def write_education(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    """Required level of education (RL): the share of respondents in each category."""
    labels = {}
    for r in release.rows("Education, Training, and Experience Categories.txt"):
        if r["Scale ID"] == "RL":
            labels[int(r["Category"])] = _short_label(r["Category Description"])
    db.table("education_category").insert_all(
        {"category": c, "label": label} for c, label in labels.items()
    )
    rows = []
    for r in release.rows("Education, Training, and Experience.txt"):
        if r["Scale ID"] != "RL" or r["Recommend Suppress"] == "Y":
            continue
        if r["O*NET-SOC Code"] not in occ:
            continue
        try:
            share = float(r["Data Value"])
        except ValueError:
            continue
        if share >= 1:
            rows.append(
                {"occ": occ[r["O*NET-SOC Code"]], "category": int(r["Category"]), "pct": share}
            )
    db.table("education").insert_all(rows)


def _short_label(description: str) -> str:
    """'High School Diploma - or the equivalent (...)' -> 'High School Diploma'."""
    return description.split(" - ")[0].split(" (")[0].strip()


def write_related(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    db.table("related").insert_all(
        {
            "occ": occ[r["O*NET-SOC Code"]],
            "position": int(r["Index"] or 0),
            "related": occ[r["Related O*NET-SOC Code"]],
            "tier": r["Relatedness Tier"],
        }
        for r in release.rows("Related Occupations.txt")
        if r["O*NET-SOC Code"] in occ and r["Related O*NET-SOC Code"] in occ
    )
