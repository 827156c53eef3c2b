"""`focusgroup protocols`: see which facilitation scripts are available and check one by hand."""

from __future__ import annotations

import os
from pathlib import Path

import click

from focusgroup.domain.errors import ProtocolError
from focusgroup.protocol_files import find_protocol, is_builtin, list_protocols


@click.group("protocols")
def protocols() -> None:
    """List the meeting protocols (facilitation scripts) or check one you wrote.

    Built-in protocols ship with focusgroup. Your own go in the `protocols/` folder beside
    your sessions (or $FOCUSGROUP_HOME/protocols); a file with the same id as a built-in one
    replaces it.
    """


@protocols.command("list")
def list_command() -> None:
    """Show every protocol: id, title, number of steps and where it comes from."""
    errors: list[ProtocolError] = []
    found = list_protocols(errors)
    rows = [(p.id, p.title, str(len(p.steps)), _origin(path)) for p, path in found]
    if rows:
        header = ("ID", "TITLE", "STEPS", "FROM")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            click.echo("  ".join([*cells, row[3]]))
    else:
        click.echo("No protocols found.")
    # A broken file of the user's must not hide the rest, but they should hear about it.
    for error in errors:
        click.echo(f"Skipped: {error}", err=True)


@protocols.command("check")
@click.argument("file", metavar="FILE")
def check_command(file: str) -> None:
    """Validate a protocol FILE (or the id of an available protocol).

    Prints "ok" with its id, title and number of steps, or the first problem found with the
    file, line and field, and exits with status 1.
    """
    try:
        protocol = find_protocol(file)
    except ProtocolError as error:
        raise click.ClickException(str(error)) from None
    steps = len(protocol.steps)
    click.echo(f"ok: {protocol.id} — {protocol.title}, {steps} step{'s' if steps != 1 else ''}")


def _origin(path: Path) -> str:
    if is_builtin(path):
        return "builtin"
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


COMMANDS: list[click.Command] = [protocols]
