"""`dayglass agent`: set up, run, install, inspect and pause the desktop agent."""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass, replace

import click

from dayglass.agent.browser_setup import install_steps, with_browser_secret
from dayglass.agent.config import AgentConfig, config_path, load_config, queue_path, write_config
from dayglass.agent.connection import check_server, server_client
from dayglass.agent.notify import DbusNotifier
from dayglass.agent.pause import parse_duration
from dayglass.agent.pause import pause as pause_queue
from dayglass.agent.pause import resume as resume_queue
from dayglass.agent.platforms import open_watcher
from dayglass.agent.queue import Queue
from dayglass.agent.runner import run_agent
from dayglass.agent.service import install, unit_dir
from dayglass.agent.status import status_lines
from dayglass.cli.entry import run_group
from dayglass.core.clock import Clock, SystemClock, unix_ms
from dayglass.core.errors import InvalidInput


@dataclass(frozen=True)
class AgentContext:
    """What the agent's commands share: the one clock."""

    clock: Clock


def _inherited_clock(parent: object) -> Clock:
    """The clock of the command that runs this group, or the system's when it is the root."""
    # `dayglass agent` runs under the main command's context, which holds its clock;
    # `dayglass-agent` (or a test invoking the group with obj=AgentContext(...)) is a root itself.
    clock: Clock | None = getattr(parent, "clock", None)
    return clock if clock is not None else SystemClock()


@click.group(invoke_without_command=True)
@click.pass_context
def agent(ctx: click.Context) -> None:
    """The desktop agent (without a subcommand: run it in the foreground)."""
    ctx.obj = AgentContext(_inherited_clock(ctx.obj))
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@agent.command()
@click.option("--server", required=True, help="The Dayglass server, e.g. http://127.0.0.1:8425")
@click.option("--key", required=True, help="An API key (dayglass key create).")
@click.option("--device", help="This computer's name in reports (default: the host name).")
def setup(server: str, key: str, device: str | None) -> None:
    """Check the server and key, then write the agent's settings."""
    path = config_path()
    try:
        config = load_config(path)  # keep the user's privacy rules and intervals
        config = replace(config, server=server, key=key, device=device or config.device)
    except InvalidInput:  # no settings yet
        config = AgentConfig(server=server, key=key)
        config = replace(config, device=device) if device else config
    config = with_browser_secret(config)
    with server_client(config.server, config.key) as client:
        check_server(client)
    write_config(path, config)
    click.echo(f"settings written to {path} (readable only by you)")
    click.echo("next: `dayglass agent` to record now, `dayglass agent install-service` to keep it")
    click.echo("      `dayglass agent browser` to see websites, not only the browser")


@agent.command()
def browser() -> None:
    """Where the browser extension is, how to load it, and the port and secret to paste."""
    path = config_path()
    config = load_config(path)
    if not config.browser_secret:  # settings from before the extension: make its secret now
        config = with_browser_secret(config)
        write_config(path, config)
    for line in install_steps(config):
        click.echo(line)


@agent.command("desktop-helpers")
def desktop_helpers() -> None:
    """Install the GNOME Shell extension that shows the agent the focused window on Wayland."""
    import platformdirs

    from dayglass.agent.gnome_install import enable_extension, install_extension, shell_version

    version = shell_version()
    if version is None:
        click.echo("No GNOME Shell here. On KDE Plasma the agent loads its KWin script itself.")
        return
    place = install_extension(platformdirs.user_data_path(), version)
    enable_extension()
    click.echo(f"Installed the Dayglass extension for GNOME Shell {version} in {place}.")
    click.echo("Log out and in again: GNOME Shell loads new extensions at login on Wayland.")


@agent.command()
@click.pass_obj
def run(obj: AgentContext) -> None:
    """Record and sync in the foreground until stopped (Ctrl-C or SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    config = load_config(config_path())
    watcher = open_watcher(obj.clock)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    run_agent(config, watcher, queue_path(), DbusNotifier(), stop, obj.clock)


@agent.command("install-service")
@click.option("--no-enable", is_flag=True, help="Only write the unit file.")
def install_service(no_enable: bool) -> None:
    """Install a systemd user service that runs the agent in every desktop session."""
    load_config(config_path())  # a service without settings would only fail
    path = install(unit_dir(), enable=not no_enable)
    click.echo(f"wrote {path}" + ("" if no_enable else "; the agent runs now and at every login"))


@agent.command()
@click.pass_obj
def status(obj: AgentContext) -> None:
    """Whether the agent is recording, the queue's length and the last successful sync."""
    config = load_config(config_path())
    queue = Queue(queue_path())
    click.echo(f"server: {config.server} as device {config.device!r}")
    for line in status_lines(queue, unix_ms(obj.clock)):
        click.echo(line)


@agent.command()
@click.argument("duration", required=False)
@click.pass_obj
def pause(obj: AgentContext, duration: str | None) -> None:
    """Record nothing for DURATION (30m, 2h, 1h30m), or until `resume`."""
    length_ms = parse_duration(duration) if duration else None
    pause_queue(Queue(queue_path()), unix_ms(obj.clock), length_ms)
    click.echo(f"paused for {duration}" if duration else "paused until `dayglass agent resume`")


@agent.command()
def resume() -> None:
    """Record again."""
    resume_queue(Queue(queue_path()))
    click.echo("recording again")


def main() -> None:
    """Entry point of `dayglass-agent`: the agent's commands without the server's imports."""
    run_group(agent)


if __name__ == "__main__":
    main()
