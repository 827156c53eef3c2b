"""Read the shipped strawman data file (built by `strawman_build`): tasks with their work
activities, experience and training distributions, national wage percentiles.

    from focusgroup.crosswalk.strawman_data import strawman_facts
    facts = strawman_facts("41-4011.00")   # or a SOC code; None when the file doesn't know it

Loaded once (about 5 MB in memory) and cached; thread-safe. Everything shown from here
carries O*NET's attribution (`attribution.py`) and, for wages, the OEWS citation.
"""

from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusgroup.crosswalk.attribution import OES_CITATION
from focusgroup.crosswalk.functions import Draft, SourceTask, draft_functions
from focusgroup.crosswalk.strawman_build import FORMAT_VERSION, PACKAGED_DATA, PERCENTILES

_lock = threading.Lock()
_cache: dict[Path, dict[str, Any]] = {}


class StrawmanDataMissing(Exception):
    """The data file is absent or unreadable (a broken install, or a source checkout)."""


@dataclass(frozen=True)
class Share:
    label: str
    percent: float


@dataclass(frozen=True)
class WagePercentiles:
    """National OEWS percentiles (10th, 25th, median, 75th, 90th); None = not published."""

    code: str
    title: str
    hourly: tuple[float | None, ...]
    annual: tuple[int | None, ...]
    top_coded: tuple[bool, ...]
    """True where BLS prints '#': at or above $115.00 an hour / $239,200 a year."""
    broad: bool
    """The figures are for the broad SOC group (BLS publishes no detailed row)."""
    source: str = OES_CITATION


@dataclass(frozen=True)
class StrawmanFacts:
    onet_code: str
    core_tasks: tuple[SourceTask, ...]
    supplemental_tasks: tuple[str, ...]
    draft: Draft
    experience: tuple[Share, ...]
    """Related work experience required: share of respondents per category."""
    training: tuple[Share, ...]
    """On-the-job training needed: share of respondents per category."""
    wages: WagePercentiles | None
    onet_release: str


def load(path: Path = PACKAGED_DATA) -> dict[str, Any]:
    with _lock:
        if path not in _cache:
            try:
                with gzip.open(path, "rt", encoding="utf-8") as handle:
                    data = json.load(handle)
            except (OSError, ValueError, EOFError) as error:
                raise StrawmanDataMissing(
                    f"{path}: can't read the strawman data ({error}); rebuild it with "
                    "`python -m focusgroup.crosswalk.strawman_build`"
                ) from None
            if data.get("format") != FORMAT_VERSION:
                raise StrawmanDataMissing(f"{path}: strawman data of another format version")
            data["iwa_titles"] = dict(data["iwa"])
            _cache[path] = data
        return _cache[path]


def strawman_facts(code: str, path: Path = PACKAGED_DATA) -> StrawmanFacts | None:
    data = load(path)
    code = code.strip()
    occupations = data["occupations"]
    onet_code = code if code in occupations else f"{code}.00"
    occ = occupations.get(onet_code)
    if occ is None:
        return None
    iwa_ids = [iwa for iwa, _ in data["iwa"]]
    tasks = [
        (text, bool(core), tuple(iwa_ids[n] for n in links)) for text, core, links in occ["tasks"]
    ]
    core = [SourceTask(text, iwas) for text, is_core, iwas in tasks if is_core]
    supplemental = tuple(text for text, is_core, _ in tasks if not is_core)
    if not core:  # a few occupations list only supplemental tasks: use those
        core = [SourceTask(text, iwas) for text, _, iwas in tasks]
        supplemental = ()
    return StrawmanFacts(
        onet_code=onet_code,
        core_tasks=tuple(core),
        supplemental_tasks=supplemental,
        draft=draft_functions(core, data["iwa_titles"]),
        experience=_shares(occ.get("experience", ())),
        training=_shares(occ.get("training", ())),
        wages=_wages(data["wages"], onet_code[:7]),
        onet_release=data.get("onet_release", ""),
    )


def _shares(rows: Any) -> tuple[Share, ...]:
    return tuple(Share(label, pct) for _, label, pct in sorted(rows))


def _wages(wages: dict[str, Any], soc: str) -> WagePercentiles | None:
    broad_code = soc[:6] + "0"
    code = soc if soc in wages else broad_code if broad_code in wages else ""
    if not code:
        return None
    w = wages[code]
    return WagePercentiles(
        code=code,
        title=w["title"],
        hourly=tuple(w["hourly"]),
        annual=tuple(w["annual"]),
        top_coded=tuple(w["top_coded"]),
        broad=code != soc,
    )


PERCENTILE_LABELS = dict(zip(PERCENTILES, ("10th", "25th", "Median", "75th", "90th"), strict=True))
