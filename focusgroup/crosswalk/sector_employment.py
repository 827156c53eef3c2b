"""How much an occupation belongs to a sector, from where its jobs are (BLS OEWS, May 2025).

"Buyer" in a manufacturers' meeting is a purchasing agent and in a hospital's a medical
supplies buyer; "Operator" on a building site runs equipment. The crosswalk's ranking nudges
an occupation by its *affinity* to the session's sector, 0..1, the mean of two shares read
from `sector_employment.tsv` (built by `sector_employment_build`):

- concentration: the part of the occupation's national employment that is in the sector's
  industries (nuclear reactor operators: nearly all in power generation);
- commonness: how many of the sector's workers do it, on a log scale (1 in 10 scores 0.75,
  1 in 10,000 scores 0): in a hospital a registered nurse is common though nurses also work
  elsewhere.

Taken from where people work rather than written by hand, it covers every occupation and
every card, not only the ones someone thought of.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

PACKAGED_TABLE = Path(__file__).with_name("sector_employment.tsv")
ALL_OCCUPATIONS = "00-0000"
COMMON_DECADES = 4
"""Commonness falls from 1 (everyone) to 0 over this many powers of ten (1 in 10,000)."""


def affinity(soc_code: str, sector: str) -> float:
    """How central an occupation is to the sector's employers, 0..1 (0 for an unknown sector)."""
    tables = _tables()
    here, everywhere = tables.get(sector), tables.get("all", {})
    if not here:
        return 0.0
    # OEWS publishes a few detailed occupations only as their broad group (51-2028 for
    # 51-2022 and 51-2023): fall back to it.
    code = next((c for c in (soc_code, soc_code[:6] + "0") if everywhere.get(c)), None)
    if code is None or not here.get(code):
        return 0.0
    concentration = min(here[code] / everywhere[code], 1.0)
    share = here[code] / here[ALL_OCCUPATIONS]
    commonness = min(max(1 + math.log10(share) / COMMON_DECADES, 0.0), 1.0)
    return (concentration + commonness) / 2


@functools.cache
def _tables(path: Path = PACKAGED_TABLE) -> dict[str, dict[str, int]]:
    tables: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or line.startswith("sector\t"):
                continue
            sector, code, employment = line.rstrip("\n").split("\t")
            tables.setdefault(sector, {})[code] = int(employment)
    return tables
