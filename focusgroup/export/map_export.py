"""`export_map`: the career pathway map as PDF, SVG, Markdown and JSON, for the CLI and app.

Like `export_session` it takes one snapshot and never touches the store again (the app runs it
in a thread worker); `progress(done, total, what)` is called before each file.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
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
    snapshot_of,
)
from focusgroup.export.map_model import Credentials, MapPage, build_map

MAP_FORMATS = ("pdf", "svg", "md", "json")


def resolve_area(area: str | None) -> str | None:
    """An area a person typed ('Kansas', 'Kansas City', '2000000') as its BLS code; None: keep
    the session's. Raises AreaError (a one-line message) for one the index doesn't hold."""
    if area is None:
        return None
    from focusgroup.regional.index import find_area

    return find_area(area).code


def export_map(
    source: Any,
    out_dir: str | Path,
    *,
    area: str | None = None,
    area_code: str | None = None,
    pathway: str | None = None,
    credentials: Credentials | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the map (one page per pathway, or the one named); returns the files written.

    `area` is what a person typed (checked against the OEWS index), `area_code` a BLS code
    already checked ('' for the nation only); neither: the session's own area.
    """
    progress = progress or _noop
    snap = snapshot_of(source, anonymous=True)  # a public document: nobody is named on it
    if area is not None:
        area_code = resolve_area(area)
    pages = build_map(snap, area_code=area_code, pathway=pathway, credentials=credentials)
    if not pages:
        raise ExportError(
            "The wall has no occupation cards in a category and level yet, so there is no "
            "pathway to map."
        )
    out = prepare_out_dir(out_dir)
    stem = "pathway-map-" + slug(snap.session.title, "session")
    if pathway is not None:
        stem += "-" + slug(pages[0].pathway, "pathway")
    return write_map(pages, out, stem, progress=progress)


def write_map(
    pages: list[MapPage], out: Path, stem: str, *, progress: Progress | None = None
) -> list[Path]:
    from focusgroup.export import map_text
    from focusgroup.export.map_draw import render_svg, write_pdf
    from focusgroup.export.map_layout import layout

    progress = progress or _noop
    total = len(MAP_FORMATS) + 1
    progress(0, total, "laying out the map")
    layouts = [layout(page) for page in pages]
    title = f"Career pathway map: {pages[0].session_title}"
    steps: list[tuple[str, Callable[[Path], object]]] = [
        ("pdf", lambda p: write_pdf(layouts, p, title=title)),
        ("svg", lambda p: p.write_text(render_svg(layouts), "utf-8")),
        ("md", lambda p: p.write_text(map_text.render_markdown(pages), "utf-8")),
        (
            "json",
            lambda p: p.write_text(
                json.dumps(map_text.to_json(pages), ensure_ascii=False, indent=2) + "\n", "utf-8"
            ),
        ),
    ]
    # Each format on its own, through a temporary file: one that fails leaves the others.
    collector = _Collector()
    for done, (ext, write) in enumerate(steps, start=1):
        path = out / f"{stem}.{ext}"
        progress(done, total, f"writing {path.name}")
        collector.run(path.name, functools.partial(_write_atomically, path, write))
    progress(total, total, "done")
    return collector.finish()
