"""The `focusgroup` command line.

Each group of commands lives in its own module; heavy imports (Textual, reportlab) happen
inside the commands that need them, so `focusgroup --help` and exports start fast.
"""

from __future__ import annotations

import sys

import click

from focusgroup import __version__
from focusgroup.cli import (
    collect_commands,
    export_commands,
    mail_commands,
    protocol_commands,
    region_commands,
    serve_commands,
    session_commands,
    soc_commands,
)
from focusgroup.domain.errors import FocusGroupError


class FocusGroupCLI(click.Group):
    """Turns every error a user can cause into one clear line and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except FocusGroupError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)
        except OSError as error:
            click.echo(
                f"Error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), err=True
            )
            sys.exit(1)


@click.group(cls=FocusGroupCLI, invoke_without_command=True)
@click.version_option(__version__, prog_name="focusgroup")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Run live employer focus groups: the sticky wall, notes, exports and follow-up.

    With no command, opens the start screen: recent sessions and a form for a new one.
    """
    if ctx.invoked_subcommand is None:
        from focusgroup.tui.launch import run_start_screen

        run_start_screen()


for module in (
    session_commands,
    protocol_commands,
    export_commands,
    mail_commands,
    soc_commands,
    serve_commands,
    collect_commands,
    region_commands,
):
    for command in module.COMMANDS:
        main.add_command(command)
