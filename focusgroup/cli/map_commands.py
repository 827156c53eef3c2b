"""`focusgroup map` (the career pathway map), `focusgroup areas` and `focusgroup projections`."""

from __future__ import annotations

from pathlib import Path

import click

from focusgroup.cli.export_commands import _echo_written, _out_dir, _session_file, out_option


def _progress(done: int, total: int, what: str) -> None:
    if done < total:
        click.echo(f"  [{done + 1}/{total}] {what}", err=True)


@click.command(name="map")
@click.argument("file")
@out_option
@click.option(
    "--area",
    default=None,
    help="State or metropolitan area for wages (default: the session's; see `focusgroup areas`).",
)
@click.option("--pathway", default=None, help="Only this pathway (its name, or part of it).")
def map_(file: str, out_dir: Path | None, area: str | None, pathway: str | None) -> None:
    """Write the career pathway map of session FILE: one page per pathway (PDF, SVG, MD, JSON).

    Columns by level (entry, mid, advanced); per occupation its education, description,
    technology, annual openings, median hourly wage for the area and the nation; arrows for
    the "advances to" links; between levels what it takes to move up. Every figure is cited.
    """
    from focusgroup.export.credentials import inventory_credentials
    from focusgroup.export.map_export import export_map
    from focusgroup.store.reader import read_session

    session = _session_file(file)
    # Certifications and degrees come from the session's programs inventory (issue 17);
    # with no programs yet they stay "to collect".
    with read_session(session) as store:
        credentials = inventory_credentials(store)
    _echo_written(
        lambda: export_map(
            session,
            _out_dir(out_dir, session),
            area=area,
            pathway=pathway,
            credentials=credentials,
            progress=_progress,
        ),
        f"Career pathway map of {session}:",
    )


@click.command(name="areas")
@click.argument("search", required=False, default="")
def areas(search: str) -> None:
    """List the states, metropolitan and nonmetropolitan areas with OEWS wages (or those
    matching SEARCH)."""
    from focusgroup.regional.index import matching_areas, meta

    # The same reading of SEARCH as `--area` (find_area): what is listed here is accepted there.
    shown = matching_areas(search)
    for area in shown:
        click.echo(f"{area.code}  {area.kind:20}  {area.name}")
    release = meta().get("oews_release", "")
    if not shown:
        click.echo(
            f"No state or metropolitan area in BLS OEWS {release} matches {search!r}; "
            "`focusgroup areas` lists them all.",
            err=True,
        )
        return
    click.echo(
        f"{len(shown)} area{'s' if len(shown) != 1 else ''}; BLS OEWS {release}. "
        "Use the name (or the code) with `new --area` or `map --area`.",
        err=True,
    )


@click.group(name="projections")
def projections() -> None:
    """Annual openings from a projections table (for the pathway map)."""


@projections.command(name="import")
@click.argument("file")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, help='Who published the figures, e.g. "Kansas DOL".')
@click.option("--period", default="", help='The projection period, e.g. "2022-2032".')
def projections_import(file: str, csv_file: Path, source: str, period: str) -> None:
    """Import annual openings from CSV_FILE into session FILE (all or nothing; one undo).

    Columns by header: soc_code and annual_openings (required), title, area.
    """
    from focusgroup.importing import import_projections
    from focusgroup.store import SessionStore

    session = _session_file(file)
    with SessionStore.open(session, actor="cli") as store:
        count, ignored = import_projections(store, csv_file, source=source, period=period)
    click.echo(
        f"Imported annual openings for {count} occupation{'s' if count != 1 else ''} "
        f"from {source} into {session}."
    )
    if ignored:
        click.echo(f"Ignored columns: {', '.join(ignored)}.")


COMMANDS: list[click.Command] = [map_, areas, projections]
