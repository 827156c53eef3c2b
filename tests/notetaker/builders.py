"""The ids of the note-taker tests' meeting (built by the `meeting` fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Meeting:
    path: Path
    ann: int
    bo: int
    production: int
    machinist: int
    welder: int
