"""Session commands: new, open, demo, list, imports, history, backup and restore."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import Any

import click

from focusgroup.cli.session_file import existing_session, session_path
from focusgroup.domain.errors import SessionFileError
from focusgroup.domain.text import plural

ROLES = ("facilitator", "note-taker")


def _check_date(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    from focusgroup.domain.fields import date_problem

    if value and (problem := date_problem(value)):
        raise click.BadParameter(problem + ".")
    return value


def _check_url(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    # The same rule as the start screen's form and the store: http(s) web addresses only.
    from focusgroup.domain.fields import follow_up_problem

    if value and (problem := follow_up_problem(value)):
        raise click.BadParameter(problem)
    return value


def _check_one_line(_: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # Titles and names go into e-mail subjects and headers: one line, as everywhere else.
    from focusgroup.domain.fields import one_line_problem

    if value and (problem := one_line_problem(value, "it")):
        raise click.BadParameter(problem)
    return value


def _open_ui(path: Path, role: str) -> None:
    from focusgroup.tui.launch import run_session

    run_session(path, role)


@click.command()
@click.argument("file")
@click.option(
    "--protocol",
    "protocol_id",
    default="critical-occupations",
    show_default=True,
    help="Protocol id (see `focusgroup protocols list`) or a path to a YAML file.",
)
@click.option(
    "--title",
    default="",
    callback=_check_one_line,
    help="The meeting's title, as participants will see it (required, except with --profile: "
    "then '<occupation>: critical competencies').",
)
@click.option(
    "--sector",
    default="",
    help="Industry sector: manufacturing, health-care, it, construction, "
    "transportation-logistics, hospitality or energy (starts with that sector's categories); "
    "other text is kept as written.",
)
@click.option(
    "--categories",
    "categories",
    default=None,
    help='Category header cards to start with, "A,B,C", or "none" for an empty wall.',
)
@click.option("--region", default="", help="Region the partnership serves.")
@click.option(
    "--area",
    default=None,
    help="State or metropolitan area for the pathway map's wages, e.g. 'Kansas City' "
    "(see `focusgroup areas`).",
)
@click.option("--date", default=None, callback=_check_date, help="Meeting date, YYYY-MM-DD.")
@click.option("--facilitator", default="", callback=_check_one_line, help="Who runs the meeting.")
@click.option(
    "--follow-up",
    "follow_up",
    default="",
    callback=_check_url,
    help="Link where participants send job descriptions or feedback.",
)
@click.option(
    "--profile",
    "profile",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Start a competencies focus group from a job profile YAML.",
)
def new(
    file: str,
    protocol_id: str,
    title: str,
    sector: str,
    categories: str | None,
    region: str,
    area: str | None,
    date: str | None,
    facilitator: str,
    follow_up: str,
    profile: Path | None,
) -> None:
    """Create a new session FILE (a name alone goes in sessions/)."""
    from focusgroup.domain.sectors import choose_categories, find_sector
    from focusgroup.protocol_files import find_protocol
    from focusgroup.store import SessionStore

    if not title.strip() and profile is None:
        raise click.UsageError("Missing option '--title'.")
    path = session_path(file)
    if path.is_dir():
        raise SessionFileError(
            f"{path} is a folder; give a file name inside it, e.g. {path / 'spring.db'}."
        )
    area_code = ""
    if area is not None:
        from focusgroup.regional.index import find_area

        area_code = find_area(area).code  # checked before the file is created
    known = find_sector(sector)
    details: dict[str, Any] = dict(
        area=area_code,
        title=title,
        sector=known.key if known else sector.strip(),
        region=region,
        date=date or Date.today().isoformat(),
        facilitator=facilitator,
        follow_up_url=follow_up,
    )
    if profile is not None:
        from focusgroup.from_profile import start_from_profile

        store = start_from_profile(path, profile, protocol_id=protocol_id, **details)
    else:
        protocol = find_protocol(protocol_id)
        seeds, source = choose_categories(protocol.categories, sector, categories)
        store = SessionStore.create(path, protocol, actor="cli", categories=seeds, **details)
        if source:
            click.echo(source)
    with store:
        counts = (
            f"{plural(len(store.categories()), 'category', 'categories')}, "
            f"{plural(len(store.cards()), 'card')}"
        )
        click.echo(f"Created {path} ({store.protocol().title}; {counts}).")


@click.command(name="open")
@click.argument("file")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="facilitator",
    show_default=True,
    help="Which seat: the wall (facilitator) or notes (note-taker).",
)
def open_(file: str, role: str) -> None:
    """Open session FILE in the app."""
    from focusgroup.store import SessionStore

    path = existing_session(file)
    SessionStore.open(path).close()  # a clear error here beats one inside the UI
    click.echo(f"Opening {path} ({role}).")
    _open_ui(path, role)


@click.command()
@click.argument("file", required=False)
@click.option("--open/--no-open", "open_app", default=True, help="Open the app afterwards.")
@click.option("--role", type=click.Choice(ROLES), default="facilitator", show_default=True)
def demo(file: str | None, open_app: bool, role: str) -> None:
    """Build the demo meeting (default sessions/demo.db) if missing, and open it."""
    from focusgroup.demo import build_demo
    from focusgroup.paths import sessions_dir
    from focusgroup.protocol_files import find_protocol

    path = session_path(file) if file else sessions_dir() / "demo.db"
    if not path.exists():
        build_demo(path, find_protocol("critical-occupations")).close()
        click.echo(f"Built the demo meeting in {path}.")
    else:
        click.echo(f"The demo meeting is already in {path}; it was left as it is.")
    if open_app:
        click.echo(f"Opening {path} ({role}).")
        _open_ui(path, role)


@click.command(name="list")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def list_(folder: Path | None) -> None:
    """List sessions in FOLDER (default sessions/), most recent first."""
    from focusgroup.paths import sessions_dir
    from focusgroup.store.catalog import scan_sessions

    folder = folder or sessions_dir()
    if not folder.is_dir():
        raise SessionFileError(f"No folder {folder}.")
    entries = scan_sessions(folder)
    if not entries:
        click.echo(f"No sessions in {folder}.")
        return
    click.echo(f"Sessions in {folder}:")
    for entry in entries:
        if entry.error:
            reason = entry.error.replace(str(entry.path), entry.path.name)
            click.echo(f"{entry.path.name}: can't be read. {reason}")
            continue
        click.echo(
            f"{entry.path.name}  {entry.date or '-':10}  {entry.title}  [{entry.protocol_id}]  "
            f"{entry.participants} participants, {entry.stacks} cards, "
            f"{entry.competencies} competencies, {entry.notes} notes"
        )


def _import(file: str, csv_file: Path, kind: str, update: bool) -> None:
    from focusgroup import importing
    from focusgroup.csv_input import DELIMITER_NAMES
    from focusgroup.store import SessionStore

    def progress(done: int, total: int) -> None:
        if total > importing.PART_ROWS:
            click.echo(f"  {done:,} of {total:,} rows written", err=True)

    path = existing_session(file)
    with SessionStore.open(path, actor="cli") as store:
        if kind == "cards":
            report = importing.import_cards(store, csv_file, update=update, progress=progress)
        else:
            report = importing.import_participants(
                store, csv_file, update=update, progress=progress
            )
    delimiter = DELIMITER_NAMES[report.delimiter]
    click.echo(f"Read {csv_file} ({report.encoding}, {delimiter}-separated) into {path}.")
    if report.encoding == "Windows-1252":
        click.echo(
            "  The file is not UTF-8, so it was read as Windows-1252 (Excel's older CSV); "
            "check that accented names look right."
        )
    if kind == "cards":
        click.echo(
            f"Imported {report.cards} cards; added {report.participants_added} participants "
            f"and {report.categories_added} categories."
        )
        if report.own_reasons:
            own = ", ".join(sorted(set(report.own_reasons)))
            click.echo(f"Kept employers' own reasons: {own}.")
    else:
        click.echo(f"Added {report.participants_added} participants.")
    if report.participants_updated:
        click.echo(f"Updated {len(report.participants_updated)} known participants:")
        for line in report.participants_updated:
            click.echo(f"  {line}")
    if report.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(report.ignored_columns)}.")


update_option = click.option(
    "--update",
    is_flag=True,
    help="Where the file and the session disagree about a participant (another e-mail, "
    "role or job title), use the file's value. Without it such rows are listed and "
    "nothing is imported.",
)


@click.command(name="import-cards")
@click.argument("file")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@update_option
def import_cards(file: str, csv_file: Path, update: bool) -> None:
    """Import occupation cards from CSV_FILE into session FILE (all or nothing).

    Columns by header: participant and card (required), organization, email, title,
    category, level, reasons (separated by ';'), role, consent (yes/no), quote_as.
    """
    _import(file, csv_file, "cards", update)


@click.command(name="import-participants")
@click.argument("file")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@update_option
def import_participants(file: str, csv_file: Path, update: bool) -> None:
    """Import the registration list from CSV_FILE (all or nothing).

    Columns by header: name (required), organization, title, role, email, consent
    (yes/no), quote_as. People already in the session get what the list adds (an e-mail,
    a job title, consent given later).
    """
    _import(file, csv_file, "participants", update)


@click.command()
@click.argument("file")
@click.option("--limit", default=30, show_default=True, help="How many recent entries.")
def history(file: str, limit: int) -> None:
    """Show the audit trail: every change, who made it and when."""
    from focusgroup.store import SessionStore

    path = existing_session(file)
    with SessionStore.open_read_only(path) as store:
        everything = store.events_since(0)
        events = everything[-limit:]
        click.echo(f"History of {path}: the last {len(events)} of {len(everything)} changes.")
        for event in events:
            mark = {"undo": "undo: ", "redo": "redo: "}.get(event.kind, "")
            click.echo(f"{event.at[:19].replace('T', ' ')}  {event.actor:12}  {mark}{event.action}")


@click.command()
@click.argument("file")
def undo(file: str) -> None:
    """Undo the command line's last change to FILE (an import, crosswalk --accept-top...).

    Each seat undoes its own changes with ctrl+z; this undoes those made by focusgroup
    commands (recorded as `cli` in `focusgroup history`), newest first.
    """
    _reverse(file, "undo")


@click.command()
@click.argument("file")
def redo(file: str) -> None:
    """Redo what `focusgroup undo FILE` last undid."""
    _reverse(file, "redo")


def _reverse(file: str, kind: str) -> None:
    from focusgroup.store import SessionStore

    with SessionStore.open(existing_session(file), actor="cli") as store:
        event = store.undo() if kind == "undo" else store.redo()
        if event is None:
            click.echo(f"Nothing to {kind}: no command-line change is left to {kind}.")
            return
        click.echo(f"{'Undone' if kind == 'undo' else 'Redone'}: {event.action}")
        following = store.can_undo() if kind == "undo" else store.can_redo()
        if following:
            click.echo(f"Next {kind} would take: {following}")


@click.command()
@click.argument("file")
def backup(file: str) -> None:
    """Take a backup of session FILE now (the app also takes them as you work)."""
    from focusgroup.store import SessionStore
    from focusgroup.store.backups import take_backup

    path = existing_session(file)
    with SessionStore.open(path) as store:
        click.echo(f"Backed up to {take_backup(store, 'manual')} (from {path}).")


@click.command()
@click.argument("file")
@click.option("--list", "list_only", is_flag=True, help="List the backups and stop.")
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A backup file to restore (default: the newest readable one).",
)
def restore(file: str, list_only: bool, source: Path | None) -> None:
    """Bring back a backup of session FILE; the current file is kept aside, not deleted."""
    from focusgroup.store.backups import list_backups
    from focusgroup.store.backups import restore as restore_backup

    path = session_path(file)
    if list_only:
        found = list_backups(path)
        if not found:
            raise SessionFileError(f"No backups of {path}.")
        for item in found:
            click.echo(str(item))
        return
    used, moved = restore_backup(path, source)
    click.echo(f"Restored {path} from {used}.")
    if moved:
        click.echo(f"The file it replaced is kept as {moved}.")


@click.command()
@click.argument("file")
@click.argument("sector_text", metavar="[SECTOR]", required=False)
def sector(file: str, sector_text: str | None) -> None:
    """Show or change the industry sector of session FILE.

    The crosswalk reads every card as the sector means it ("Operator" on a building site is
    an equipment operator): a session started without the right sector can be given it
    here, then crosswalked. SECTOR is one of the keys `new --sector` takes; other text is
    kept as written and read as no sector. Undo with `focusgroup undo FILE`.
    """
    from focusgroup.domain.sectors import SECTOR_KEYS, find_sector, sector_label
    from focusgroup.store import SessionStore

    path = existing_session(file)
    with SessionStore.open(path, actor="cli") as store:
        before = store.session().sector
        if sector_text is None:
            shown = sector_label(before) if before else "none"
            click.echo(f"Sector of {path}: {shown}.")
            click.echo(f"Known sectors: {', '.join(SECTOR_KEYS)}.")
            return
        text = " ".join(sector_text.split())
        known = find_sector(text)
        after = known.key if known else text
        if after == before:
            click.echo(f"Sector of {path} is already {sector_label(after) if after else 'none'}.")
            return
        store.update_session(sector=after)
        if known is None and after:
            click.echo(
                f"Kept {after!r} as written: it is none of {', '.join(SECTOR_KEYS)}, so the "
                "crosswalk reads the cards as in any meeting."
            )
        was = sector_label(before) if before else "none"
        now = sector_label(after) if after else "none"
        click.echo(f"Sector of {path}: {now} (was {was}). Undo with `focusgroup undo {file}`.")


COMMANDS: list[click.Command] = [
    new,
    sector,
    open_,
    demo,
    list_,
    import_cards,
    import_participants,
    history,
    undo,
    redo,
    backup,
    restore,
]
