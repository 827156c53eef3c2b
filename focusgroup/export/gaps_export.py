"""`export_gaps`: the gap-analysis documents (PDF, Markdown, JSON) from one session.

Reads the session once (`GapDocument`), then never touches the store again, so the app can
run it in a thread worker like the other exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from focusgroup.domain.text import slug
from focusgroup.export.exporter import (
    ExportError,
    Progress,
    _Collector,
    _noop,
    _write_atomically,
    prepare_out_dir,
)
from focusgroup.export.gaps_data import GapDocument, document_of

GAP_FORMATS = ("pdf", "md", "json")


def parse_gap_formats(value: str | Iterable[str]) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in items if f.strip()))
    formats = tuple("md" if f == "markdown" else f for f in formats)
    unknown = [f for f in formats if f not in GAP_FORMATS]
    if unknown or not formats:
        raise ExportError(
            f"Unknown format {', '.join(unknown) or '(none)'} for the gap analysis; "
            f"use {', '.join(GAP_FORMATS)}."
        )
    return formats


def export_gaps(
    source: Any,
    out_dir: str | Path,
    formats: str | Iterable[str] = GAP_FORMATS,
    *,
    progress: Progress | None = None,
) -> list[Path]:
    """Write `gaps-<title>.pdf/.md/.json`; returns the files written."""
    progress = progress or _noop
    wanted = parse_gap_formats(formats)
    if isinstance(source, str | Path) and not Path(source).exists():
        raise ExportError(f"No session file at {source}.")
    doc = document_of(source)
    if doc.session.source_profile.strip():
        # Its cards are one occupation's tasks, not occupations: a matrix of them would mislead.
        raise ExportError(
            "This session reviews one occupation's job profile; run the gap analysis on the "
            "critical-occupations session, where the occupations are."
        )
    out = prepare_out_dir(out_dir)
    stem = "gaps-" + slug(doc.session.title, "session")
    # Each file through a temporary name and a rename: a failure never leaves half a file,
    # and one format failing does not stop the others (the error names each one).
    collector = _Collector()
    for done, fmt in enumerate(wanted):
        progress(done, len(wanted), f"Writing {fmt.upper()}")
        collector.run(fmt.upper(), partial(_write_one, doc, fmt, out / f"{stem}.{fmt}"))
    progress(len(wanted), len(wanted), "Done")
    return collector.finish()


def _write_one(doc: GapDocument, fmt: str, path: Path) -> Path:
    if fmt == "pdf":
        from focusgroup.export.gaps_pdf import write_gaps_pdf

        return _write_atomically(path, partial(write_gaps_pdf, doc))
    if fmt == "md":
        from focusgroup.export.gaps_markdown import render_gaps_markdown

        text = render_gaps_markdown(doc)
    else:
        from focusgroup.export.gaps_json import render_gaps_json

        text = render_gaps_json(doc)
    return _write_atomically(path, lambda p: p.write_text(text, "utf-8"))
