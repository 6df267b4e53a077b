"""Running a command group as a program: errors become a message, not a traceback."""

from __future__ import annotations

import sys

import click

from dayglass.core.errors import DayglassError


def run_group(group: click.Group) -> None:
    """Run group on the command line; domain errors become a message and exit status 1."""
    try:
        group.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except DayglassError as error:
        click.echo(f"error: {error.message}", err=True)
        sys.exit(1)
