"""`dayglass export`, `import dayglass` and `delete`: a person's data out, back in, or gone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from dayglass.cli.context import CliContext
from dayglass.importers.dayglass import import_export
from dayglass.services.export_files import DirectorySink
from dayglass.services.export_format import FORMATS

DAY = click.DateTime(["%Y-%m-%d"])


@click.command("export")
@click.option("--user", "email", required=True, help="Whose data to export.")
@click.option("--format", "format_", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dayglass-export"),
    show_default=True,
    help="The directory to write the files into.",
)
@click.pass_obj
def export(obj: CliContext, email: str, format_: str, out: Path) -> None:
    """Write everything of a person into a directory: one file per kind and a manifest."""
    services = obj.services
    user = services.accounts.user_by_email(email)
    manifest = services.exports.write(user.id, DirectorySink(out), format_)
    counts = ", ".join(f"{k['rows']} {name}" for name, k in manifest["kinds"].items() if k["rows"])
    click.echo(f"exported to {out}: {counts or 'nothing'}", err=True)


@click.command("dayglass")
@click.option("--user", "email", required=True, help="The account to restore into.")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def import_dayglass(obj: CliContext, email: str, path: Path) -> None:
    """Restore a Dayglass export PATH (its directory, or the web app's zip) into an account."""
    services = obj.services
    user = services.accounts.user_by_email(email)
    report = import_export(services, user.id, path)
    click.echo(
        f"restored {report.rows.get('events', 0)} events: {report.stored} stored, "
        f"{report.duplicates} already there, {report.rejected} refused; "
        + ", ".join(f"{n} {kind}" for kind, n in report.rows.items() if n and kind != "events"),
        err=True,
    )


@click.command("delete")
@click.option("--user", "email", required=True, help="Whose time or account to delete.")
@click.option("--from", "first", type=DAY, help="First local day of the time to delete.")
@click.option("--to", "last", type=DAY, help="Last local day of the time to delete.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def delete(
    obj: CliContext, email: str, first: datetime | None, last: datetime | None, yes: bool
) -> None:
    """Delete a person's time from --from to --to, or (with neither) their whole account."""
    services = obj.services
    user = services.accounts.user_by_email(email)
    if (first is None) != (last is None):
        raise click.UsageError("give both --from and --to, or neither to delete the account")
    if first is not None and last is not None:
        what = f"the time of {user.email} from {first.date()} to {last.date()}"
        if not yes:
            click.confirm(f"Delete {what}?", abort=True)
        done = services.deletions.delete_range(user.id, first.date(), last.date())
        click.echo(
            f"deleted {what}: {done.events} events, {done.trimmed} cut at the range's ends",
            err=True,
        )
        return
    if not yes:
        click.confirm(f"Delete the account {user.email} and all its data?", abort=True)
    rows = services.deletions.delete_account(user.id, user.email)
    click.echo(f"deleted the account {user.email}: {sum(rows.values())} rows", err=True)
