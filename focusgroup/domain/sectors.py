"""The sectors a session can be for. Keys are what `new --sector` stores in sessions.sector.

The keys are shared by issue 13 (category sets per sector) and issue 14 (the crosswalk's
sector hints); their labels are what people read.
"""

from __future__ import annotations

SECTORS: dict[str, str] = {
    "manufacturing": "Manufacturing",
    "health-care": "Health care",
    "it": "Information technology",
    "construction": "Construction",
    "transportation-logistics": "Transportation and logistics",
    "hospitality": "Hospitality",
    "energy": "Energy",
}
