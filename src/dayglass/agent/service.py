"""Installing the agent as a systemd user service, started with the graphical session."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import platformdirs

UNIT_NAME = "dayglass-agent.service"
Run = Callable[[Sequence[str]], None]


def unit_dir() -> Path:
    """The systemd user unit directory (`~/.config/systemd/user`)."""
    return platformdirs.user_config_path("systemd") / "user"


def unit_text(python: str = sys.executable) -> str:
    """The unit: run the agent in the user's session, restart it if it fails."""
    # The agent's own entry point: it skips the server's imports, a third of the memory.
    command = shlex.join([python, "-m", "dayglass.cli.agent_commands", "run"])
    return (
        "[Unit]\n"
        "Description=Dayglass agent: records where your attention goes\n"
        "PartOf=graphical-session.target\n"
        "After=graphical-session.target\n\n"
        "[Service]\n"
        f"ExecStart={command}\n"
        "Restart=on-failure\n"
        "RestartSec=15\n\n"
        "[Install]\n"
        "WantedBy=graphical-session.target\n"
    )


def _systemctl(argv: Sequence[str]) -> None:
    subprocess.run(["systemctl", "--user", *argv], check=True)


def install(directory: Path, enable: bool, run: Run = _systemctl) -> Path:
    """Write the unit file; when enable, load it and start it now and at every login."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / UNIT_NAME
    path.write_text(unit_text())
    if enable:
        # The service needs the session's display, which systemd's user manager lacks.
        run(["import-environment", "DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY"])
        run(["daemon-reload"])
        run(["enable", "--now", UNIT_NAME])
    return path
