"""`dayglass import`: bring a person's history in from RescueTime or ActivityWatch."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import click
import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichBar

from dayglass.cli.context import CliContext
from dayglass.client import RESCUETIME_URL, RescueTimeClient
from dayglass.composition import build_import_cursors
from dayglass.importers.activitywatch import ActivityWatchImport
from dayglass.importers.aw_export import spill_export
from dayglass.importers.aw_server import spill_server
from dayglass.importers.aw_spill import Spill
from dayglass.importers.pacing import Pacer
from dayglass.importers.rescuetime import RescueTimeImport, cursor_name


class BarProgress:
    """An import's progress as a rich bar on standard error (drawn only on a terminal)."""

    def __init__(self, bar: RichBar) -> None:
        self._bar = bar
        self._task = bar.add_task("import", total=None)

    def start(self, total: int, what: str) -> None:
        """Size the bar."""
        self._bar.update(self._task, total=total, description=what, completed=0)

    def advance(self, steps: int = 1) -> None:
        """Move the bar on."""
        self._bar.advance(self._task, steps)


@contextmanager
def progress_bar() -> Iterator[BarProgress]:
    """A progress bar on standard error, or nothing drawn when it is not a terminal."""
    bar = RichBar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    )
    with bar:
        yield BarProgress(bar)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


DAY = click.DateTime(["%Y-%m-%d"])


@click.group("import")
def import_group() -> None:
    """Import a person's history from another time tracker."""


@import_group.command("rescuetime")
@click.option("--user", "email", required=True, help="The Dayglass user the time belongs to.")
@click.option("--key", required=True, envvar="RESCUETIME_KEY", help="The source's API key.")
@click.option("--base-url", default=RESCUETIME_URL, show_default=True, help="The source server.")
@click.option("--since", type=DAY, help="First local day to import (default: all history).")
@click.option("--until", type=DAY, help="Last local day to import (default: yesterday).")
@click.option(
    "--interval", default=1.0, show_default=True, help="Seconds between requests to the source."
)
@click.pass_obj
def rescuetime(
    obj: CliContext,
    email: str,
    key: str,
    base_url: str,
    since: datetime | None,
    until: datetime | None,
    interval: float,
) -> None:
    """Pull a person's history from a server speaking RescueTime's Data API."""
    services = obj.services
    user = services.accounts.user_by_email(email)
    cursors = build_import_cursors(obj.engine, obj.clock)
    with RescueTimeClient(key, base_url=base_url) as client, progress_bar() as progress:
        importer = RescueTimeImport(
            services,
            cursors,
            client,
            cursor_name(base_url, key),
            Pacer(obj.clock, interval),
            progress,
        )
        report = importer.run(user.id, _day(since), _day(until))
    click.echo(
        f"imported {report.days} days: {report.store.stored} events stored, "
        f"{report.store.duplicates} already there, {report.store.rejected} refused; "
        f"{len(report.categories.overridden)} activities categorized as at the source",
        err=True,
    )
    if report.categories.unknown_categories:
        names = ", ".join(sorted(report.categories.unknown_categories))
        click.echo(f"sub-categories unknown here (kept ours): {names}", err=True)


@import_group.command("activitywatch")
@click.option("--user", "email", required=True, help="The Dayglass user the time belongs to.")
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--server", help="A running aw-server instead of a file, e.g. http://127.0.0.1:5600")
@click.pass_obj
def activitywatch(obj: CliContext, email: str, file: Path | None, server: str | None) -> None:
    """Import an ActivityWatch export FILE (aw-server's /api/0/export) or a running aw-server."""
    if (file is None) == (server is None):
        raise click.UsageError("give an export FILE or --server URL")
    services = obj.services
    user = services.accounts.user_by_email(email)
    cursors = build_import_cursors(obj.engine, obj.clock)
    with Spill() as spill:
        if file is not None:
            with file.open("rb") as stream:
                spill_export(stream, spill)
        else:
            with httpx.Client(base_url=str(server), timeout=120) as http:
                spill_server(http, Pacer(obj.clock, interval=0.0), spill)
        with progress_bar() as progress:
            report = ActivityWatchImport(services, cursors, progress).run(user.id, spill)
    click.echo(
        f"imported {report.days} days of {', '.join(report.hosts) or 'no host'}: "
        f"{report.store.stored} events stored, {report.store.duplicates} already there, "
        f"{report.store.rejected} refused",
        err=True,
    )
