"""Commands for this area; see the module docstring of focusgroup.cli."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
