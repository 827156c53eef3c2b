"""`focusgroup programs ...` (the education and training inventory) and `focusgroup gaps`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from focusgroup.cli.export_commands import _echo_written, _out_dir, out_option
from focusgroup.cli.session_file import existing_session as _session_file


def _csv_file(csv_file: str) -> Path:
    from focusgroup.domain.errors import FocusGroupError

    path = Path(csv_file).expanduser()
    if not path.is_file():
        raise FocusGroupError(f"No CSV file at {path}.")
    return path


@click.group(name="programs")
def programs() -> None:
    """The inventory of education and training programs for the occupations on the wall.

    Columns of the template (CSV): institution, program, credential, level (entry, mid,
    advanced), length, cost, prerequisites, placement rate, type, linkages, occupations (SOC
    codes or the wall's names, separated by ;), competencies (;), and optionally completions.
    """


@programs.command(name="import")
@click.argument("file")
@click.argument("csv_file", metavar="CSV")
def import_command(file: str, csv_file: str) -> None:
    """Import the inventory template CSV into session FILE (all rows or none)."""
    from focusgroup.programs_import import import_programs
    from focusgroup.store import SessionStore

    session = _session_file(file)
    with SessionStore.open(session) as store:
        report = import_programs(store, _csv_file(csv_file))
    click.echo(
        f"Imported {report.rows} row{'s' if report.rows != 1 else ''} into {session}: "
        f"{report.added} program{'s' if report.added != 1 else ''} added, "
        f"{report.updated} filled in."
    )
    if report.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(report.ignored_columns)}.")
    if report.not_on_wall:
        click.echo(
            f"Not on the wall (name or SOC code): {'; '.join(report.not_on_wall)}. "
            "Programs serving only these are orphans in the gap analysis."
        )


@programs.command(name="openings")
@click.argument("file")
@click.argument("csv_file", metavar="CSV")
def openings_command(file: str, csv_file: str) -> None:
    """Import openings a year per occupation (columns: occupation, openings, source)."""
    from focusgroup.programs_import import import_openings
    from focusgroup.store import SessionStore

    session = _session_file(file)
    with SessionStore.open(session) as store:
        report = import_openings(store, _csv_file(csv_file))
    count = report.occupations
    click.echo(
        f"Imported openings for {count} occupation{'s' if count != 1 else ''} into {session}."
    )
    if report.not_on_wall:
        click.echo(
            f"Not on the wall (name or SOC code): {'; '.join(report.not_on_wall)}. "
            "The gap analysis sets these against no occupation."
        )


@programs.command(name="list")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per program, for scripts.")
def list_command(file: str, as_json: bool) -> None:
    """List the programs in session FILE's inventory."""
    from focusgroup.store import SessionStore

    session = _session_file(file)
    with SessionStore.open(session) as store:
        found = store.programs()
    click.echo(f"Programs inventory of {session}:", err=True)  # stdout stays the list (or JSON)
    if as_json:
        from dataclasses import asdict

        click.echo(json.dumps([asdict(p) for p in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(
            "No programs yet: `focusgroup programs import FILE CSV`, or the app's programs screen."
        )
        return
    for p in found:
        click.echo(f"{p.id:>3}  {p.label}")
        facts = [
            ("program", p.program),
            ("level", p.level),
            ("type", p.type),
            ("length", p.length),
            ("cost", p.cost),
            ("occupations", "; ".join(p.occupations)),
        ]
        click.echo("     " + " · ".join(f"{k}: {v}" for k, v in facts if v))
    click.echo(f"{len(found)} program{'s' if len(found) != 1 else ''}.")


@programs.command(name="check")
@click.argument("file")
def check_command(file: str) -> None:
    """Name the blanks in each program: what is still to collect.

    The guide: "If you cannot find all of the information, don't worry right now." This
    shows what is left; it never fails for blanks.
    """
    from focusgroup.domain.programs import missing_fields
    from focusgroup.store import SessionStore

    session = _session_file(file)
    with SessionStore.open(session) as store:
        found = store.programs()
    click.echo(f"What is still to collect in {session}:", err=True)
    if not found:
        click.echo("No programs yet.")
        return
    complete = 0
    for p in found:
        blanks = missing_fields(p)
        if blanks:
            click.echo(f"{p.id:>3}  {p.label}: still to collect: {', '.join(blanks)}")
        else:
            complete += 1
    click.echo(f"{complete} of {len(found)} program{'s' if len(found) != 1 else ''} complete.")


@click.command(name="gaps")
@click.argument("file")
@out_option
@click.option(
    "--format",
    "formats",
    default="pdf,md,json",
    show_default=True,
    help="Comma-separated: pdf, md, json.",
)
def gaps(file: str, out_dir: Path | None, formats: str) -> None:
    """Write the gap analysis of session FILE: the programs against the occupations."""
    from focusgroup.export.gaps_export import export_gaps

    session = _session_file(file)
    _echo_written(
        lambda: export_gaps(session, _out_dir(out_dir, session), formats),
        f"Gap analysis of {session}:",
    )


COMMANDS: list[click.Command] = [programs, gaps]
