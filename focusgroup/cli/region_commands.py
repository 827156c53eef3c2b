"""`focusgroup combine`: many meetings' session files into one region file (and a report)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(name="combine")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The region file to write (created, or added to when it exists).",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write the region report (Markdown and PDF) into this folder.",
)
@click.option("--anonymous", is_flag=True, help="Leave participants' names out of the file.")
def combine(files: tuple[str, ...], out: Path, report_dir: Path | None, anonymous: bool) -> None:
    """Combine session FILES (meetings) into one SQLite file to compare them.

    Re-running with more files adds them; a meeting already in the file is refreshed, never
    duplicated. A damaged or newer-version file is reported and skipped. The result opens in
    Datasette with the metadata file written beside it.
    """
    from focusgroup.domain.errors import FocusGroupError
    from focusgroup.export.region_datasette import write_datasette_metadata
    from focusgroup.paths import resolve_session
    from focusgroup.store.region import combine as combine_files

    # Like every command: a bare name is a session in sessions/; a path means that file.
    outcomes = combine_files([resolve_session(f) for f in files], out, anonymous=anonymous)
    for outcome in outcomes:
        if outcome.status == "skipped":
            click.echo(f"Skipped {outcome.path}: {outcome.detail}", err=True)
        elif outcome.status == "duplicate":
            click.echo(f"Skipped {outcome.path}: {outcome.detail}.", err=True)
        else:
            click.echo(f"{outcome.status.capitalize()} {outcome.path} ({outcome.title})")
    combined = [o for o in outcomes if o.status in ("added", "refreshed")]
    if not combined and not out.exists():
        raise FocusGroupError("No meeting could be combined; nothing was written.")
    metadata = write_datasette_metadata(out)
    click.echo(
        f"{out}: {len(combined)} of {len(outcomes)} files combined"
        + (", names left out." if anonymous else ".")
    )
    click.echo(f"Browse it with: datasette {out} --metadata {metadata}")
    if report_dir is not None:
        from focusgroup.export.region_report import write_region_report
        from focusgroup.store.region_queries import read_region

        for path in write_region_report(read_region(out), report_dir):
            click.echo(f"Wrote {path}")
    if not combined:
        raise FocusGroupError("No meeting could be combined.")


COMMANDS = [combine]
