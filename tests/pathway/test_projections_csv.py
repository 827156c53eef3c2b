"""Projections CSVs as spreadsheets and scripts write them (csv.writer dialects), and junk."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusgroup.importing import import_projections
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol

codes = st.builds(
    lambda a, b, onet: f"{a:02d}-{b:04d}" + (".00" if onet else ""),
    st.integers(11, 53),
    st.integers(0, 9999),
    st.booleans(),
)
openings = st.one_of(
    st.integers(0, 999_999).map(lambda n: f"{n:,}"),
    st.integers(0, 999_999).map(str),
    st.decimals(0, 9999, places=1, allow_nan=False).map(str),
)
titles = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
"""Any title a spreadsheet can hold (NUL marks a binary file, refused by every CSV import)."""
dialects = st.sampled_from(["excel", "excel-tab", "semicolon", "unix"])


class Semicolon(csv.excel):
    delimiter = ";"


csv.register_dialect("semicolon", Semicolon)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(codes, openings, titles), min_size=1, max_size=6, unique_by=lambda r: r[0][:7]
    ),
    dialect=dialects,
)
def test_every_written_row_imports_as_written(tmp_path: Path, rows: list, dialect: str) -> None:
    path = tmp_path / "p.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect)
    writer.writerow(["SOC_Code", "Annual_Openings", "Title"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), "utf-8")
    db = tmp_path / "s.db"
    if not db.exists():
        SessionStore.create(db, tiny_protocol(), title="P").close()
    with SessionStore.open(db) as store:
        before = max((p.id for p in store.projections()), default=0)
        count, _ = import_projections(store, path, source="LMI", period="2024-2034")
        got = {
            (p.soc_code, p.annual_openings, p.title) for p in store.projections() if p.id > before
        }
    assert count == len(rows)
    # The title is kept exactly as written (the CSV imports' rule); codes lose the .00.
    assert got == {(code[:7], number, title) for code, number, title in rows}
