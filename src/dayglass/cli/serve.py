"""`dayglass serve`: run the server, making the database and a first account when needed."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from typing import Any

import click
from sqlalchemy.engine import make_url

from dayglass.cli.context import CliContext
from dayglass.services.demo import load_demo, load_demo_team
from dayglass.settings import Settings, settings_environment

FIRST_USER_EMAIL = "you@dayglass.local"
WORKER_START_SECONDS = 120  # how long a worker process may take to import and build its app


def _first_account(obj: CliContext) -> tuple[str, str | None, str | None]:
    """The first user's email, with a new password and key when the user was just made."""
    accounts = obj.services.accounts
    existing = accounts.users()
    if existing:
        return existing[0].email, None, None
    password = secrets.token_urlsafe(12)
    created = accounts.add_user(FIRST_USER_EMAIL, password, "Dayglass user", "UTC")
    _, key = accounts.create_key(created.id, "first key")
    return created.email, password, key


@click.command()
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default 8425).")
@click.option("--demo", is_flag=True, help="Load two weeks of demo data for the first user.")
@click.option("--workers", type=click.IntRange(1, 64), help="Server processes (default 1).")
@click.pass_obj
def serve(
    obj: CliContext, host: str | None, port: int | None, demo: bool, workers: int | None
) -> None:
    """Run the Dayglass server."""
    # Only this command needs the web framework: every other command starts without it.
    import uvicorn
    from uvicorn.supervisors.multiprocess import Multiprocess

    from dayglass.cli.worker_sockets import PortListener
    from dayglass.http.app import create_app
    from dayglass.http.asgi import APP_FACTORY

    flags = {"host": host, "port": port, "workers": workers}
    settings = obj.settings.model_copy(update={k: v for k, v in flags.items() if v is not None})
    email, password, key = _first_account(obj)
    if demo:
        user = obj.services.accounts.user_by_email(email)
        stored = load_demo(obj.services.ingest, user.id, user.timezone, obj.clock)
        click.echo(f"demo data: {stored} new events for {email}", err=True)
        s = obj.services
        team = load_demo_team(s.teams, s.accounts, s.ingest, user.id, obj.clock)
        click.echo(f"demo team: /orgs/{team.id}/dashboard", err=True)
    address = f"http://{settings.host}:{settings.port}"
    click.echo(f"Dayglass is serving {address}  (database: {_safe_url(settings)})")
    if not password:
        click.echo(f"  Sign in as {email} (or another user: `dayglass user list`).")
    if password:
        click.echo("  Open the address in a browser and sign in with:")
        click.echo(f"  account:  {email}\n  password: {password}\n  API key:  {key}")
        click.echo(f'  try:      curl -H "Authorization: Bearer {key}" "{address}/api/v1/report"')
    if settings.workers == 1:
        app: Callable[..., Any] | str = create_app(settings, obj.engine, obj.clock)
    else:
        # Each worker process builds its own app from the environment.
        os.environ.update(settings_environment(settings))
        app = APP_FACTORY
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "workers": settings.workers,
        "factory": settings.workers > 1,
        "timeout_keep_alive": settings.keep_alive_seconds,
        # A worker answers the supervisor's health check only once its app is imported and
        # built; on a busy machine that took 17 s, and uvicorn's 5 s default killed and
        # restarted each worker for ever.
        "timeout_worker_healthcheck": WORKER_START_SECONDS,
    }
    if settings.workers == 1:
        uvicorn.run(app, **options)
        return
    # Each worker process listens on a socket of its own on the port (see worker_sockets).
    try:
        listener = PortListener(settings.host, settings.port)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {address}: {error.strerror}") from None
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(uvicorn.Config(app, **options), sockets=listener.as_sockets()).run()


def _safe_url(settings: Settings) -> str:
    return make_url(settings.sqlalchemy_url).render_as_string(hide_password=True)
