"""A pathway built on a real session file: five crosswalked cards, links across two categories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from focusgroup.store import SessionStore
from tests.builders import tiny_protocol

KANSAS_CITY = "0028140"
"""BLS OEWS area code of the Kansas City, MO-KS metropolitan area."""

# (text, category, level, SOC, O*NET-SOC, O*NET title)
CARDS = (
    (
        "Welder",
        "Production",
        "entry",
        "51-4121",
        "51-4121.00",
        "Welders, Cutters, Solderers, and Brazers",
    ),
    ("Team assembler", "Production", "entry", "51-2092", "51-2092.00", "Team Assemblers"),
    ("CNC machinist", "Production", "mid", "51-4041", "51-4041.00", "Machinists"),
    (
        "Production supervisor",
        "Office",
        "advanced",
        "51-1011",
        "51-1011.00",
        "First-Line Supervisors of Production and Operating Workers",
    ),
    ("Industrial engineer", "Office", "advanced", "17-2112", "17-2112.00", "Industrial Engineers"),
)
LINKS = (("Welder", "CNC machinist"), ("CNC machinist", "Production supervisor"))


@dataclass
class Pathway:
    path: Path
    ids: dict[str, int]


def build_pathway(path: Path, *, area: str = KANSAS_CITY) -> Pathway:
    store = SessionStore.create(
        path, tiny_protocol(), title="Manufacturing pathways", date="2026-10-14", area=area
    )
    cats = {c.name: c.id for c in store.categories()}
    ids = {}
    for text, cat, level, soc, onet, title in CARDS:
        ids[text] = store.add_card(text, category_id=cats[cat], level=level)
        store.set_soc(ids[text], soc_code=soc, onet_code=onet, soc_title=title)
    for a, b in LINKS:
        store.link_cards(ids[a], ids[b])
    welder = ids["Welder"]
    store.add_competency("Blueprint reading", card_id=ids["CNC machinist"], level="mid")
    store.add_competency("Reads a weld symbol", card_id=welder)
    store.close()
    return Pathway(path, ids)


@pytest.fixture
def pathway(tmp_path: Path) -> Pathway:
    return build_pathway(tmp_path / "pathway.db")
