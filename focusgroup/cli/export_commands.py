"""`focusgroup export` (summary) and `focusgroup profiles` (strawman job profiles).

Heavy imports (reportlab) happen inside the commands, so `--help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click


def _out_dir(out_dir: Path | None, session: Path) -> Path:
    from focusgroup.paths import exports_dir

    return out_dir if out_dir is not None else exports_dir(session)


def _profiles_out_dir(out_dir: Path | None, session: Path) -> Path:
    """`--out`, else where the export dialog and e-mail write the profiles."""
    from focusgroup.paths import exports_dir, profiles_dir

    return out_dir if out_dir is not None else profiles_dir(exports_dir(session))


def _session_file(file: str) -> Path:
    from focusgroup.cli.session_file import existing_session

    return existing_session(file)


# Options both commands take, declared once (sqlite-utils' decorator-factory idiom).
out_option = click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into [default: exports/<session name>/].",
)
profiles_out_option = click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into [default: exports/<session name>/profiles/, where the app's "
    "export dialog and e-mail put them].",
)
anonymous_option = click.option(
    "--anonymous/--named",
    "anonymous",
    default=None,
    help="Name nobody (organizations only). Default: the session's own setting.",
)


def _progress(done: int, total: int, what: str) -> None:
    if done < total:
        click.echo(f"  [{done + 1}/{total}] {what}", err=True)


@click.command(name="export")
@click.argument("file")
@out_option
@click.option(
    "--format",
    "formats",
    default="pdf,md,json,csv",
    show_default=True,
    help="Comma-separated: pdf, md, json, csv.",
)
@anonymous_option
def export(file: str, out_dir: Path | None, formats: str, anonymous: bool | None) -> None:
    """Write the summary of session FILE: PDF, Markdown, JSON and CSV."""
    from focusgroup.export.exporter import export_session, snapshot_of
    from focusgroup.export.next_steps import recap_gaps

    session = _session_file(file)
    snap = snapshot_of(session, anonymous=anonymous)
    _echo_written(
        lambda: export_session(snap, _out_dir(out_dir, session), formats, progress=_progress),
        f"Summary of {session}:",
    )
    for gap in recap_gaps(snap):
        click.echo(f"Note: {gap}", err=True)


def _echo_written(export: Callable[[], list[Path]], header: str) -> None:
    """Print each file written, also when another failed (then the error line comes last).

    stdout carries only the files, for scripts; the header goes to stderr.
    """
    from focusgroup.export.exporter import ExportIncomplete

    try:
        paths = export()
    except ExportIncomplete as incomplete:
        click.echo(header, err=True)
        for path in incomplete.written:
            click.echo(str(path))
        raise
    click.echo(header, err=True)
    for path in paths:
        click.echo(str(path))


@click.command(name="profiles")
@click.argument("args", nargs=-1, required=True, metavar="FILE | check PROFILE.yaml")
@profiles_out_option
@click.option(
    "--occupation",
    "occupations",
    multiple=True,
    help="An occupation on the wall (any wording or SOC title); repeatable. "
    "Default: the room's shortlist, or the top five when it marked none.",
)
@click.option(
    "--uncoded",
    is_flag=True,
    help="For occupations with no SOC code: write a labelled skeleton of what the room said "
    "(default: skip them and say how to crosswalk them).",
)
@anonymous_option
def profiles(
    args: tuple[str, ...],
    out_dir: Path | None,
    occupations: tuple[str, ...],
    anonymous: bool | None,
    uncoded: bool,
) -> None:
    """Write strawman job profiles (PDF + YAML) from session FILE.

    From a follow-up (critical-competencies) session started with `new --profile`, writes the
    updated profile as the next version, listing what the room changed.
    `focusgroup profiles check PROFILE.yaml` validates a hand-edited profile.
    """
    if args[0] == "check":
        if len(args) != 2:
            raise click.UsageError("Usage: focusgroup profiles check PROFILE.yaml")
        _check(Path(args[1]))
        return
    if len(args) != 1:
        raise click.UsageError("Give one session FILE.")
    from focusgroup.export.exporter import export_profiles

    session = _session_file(args[0])
    _echo_written(
        lambda: export_profiles(
            session,
            _profiles_out_dir(out_dir, session),
            occupations,
            anonymous=anonymous,
            progress=_progress,
            uncoded=uncoded,
            skipped=lambda message: click.echo(f"Skipped: {message}", err=True),
        ),
        f"Job profiles from {session}:",
    )


def _check(yaml_file: Path) -> None:
    from focusgroup.domain.text import plural
    from focusgroup.export.profiles import read_profile

    profile = read_profile(yaml_file)
    click.echo(
        f"{yaml_file}: OK — {profile.occupation} v{profile.version}, "
        f"{plural(len(profile.functions), 'function')}, {plural(len(profile.tasks), 'task')}, "
        f"{plural(len(profile.competencies), 'competency', 'competencies')}."
    )


COMMANDS: list[click.Command] = [export, profiles]
