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
    map_commands,
    program_commands,
    protocol_commands,
    region_commands,
    serve_commands,
    session_commands,
    soc_commands,
)
from focusgroup.domain.errors import FocusGroupError


class FocusGroupCLI(click.Group):
    """Turns every error into one clear line and a non-zero exit: no traceback reaches a user."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors, --help, ctrl+c: click prints those itself
        except FocusGroupError as error:
            _fail(str(error))
        except BrokenPipeError:
            raise  # `| head` closed the pipe: click leaves quietly, as a filter should
        except OSError as error:
            _fail(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
        except Exception as error:
            _fail(_unexpected(error))
        return None


def _fail(message: str) -> None:
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    sys.exit(1)


def _unexpected(error: Exception) -> str:
    """One line for a bug; the traceback goes to a log file for whoever fixes it."""
    from focusgroup import errorlog

    what = errorlog.describe(error)
    if type(error).__module__ == "sqlite3":  # one the store did not translate
        what = f"the session file could not be read or written ({error})"
    log = errorlog.record(error)
    if log is None:
        return f"something went wrong: {what}."
    return f"something went wrong: {what}. The details are in {log}."


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
    map_commands,
    program_commands,
    mail_commands,
    soc_commands,
    serve_commands,
    collect_commands,
    region_commands,
):
    for command in module.COMMANDS:
        main.add_command(command)
