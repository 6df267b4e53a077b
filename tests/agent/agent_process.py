"""Running `dayglass-agent run` as a real process against a test desktop."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from dayglass.agent.config import AgentConfig, write_config
from dayglass.agent.privacy import PrivacyRules

from .desktop import Desktop


def agent_env(home: Path, desktop: Desktop) -> dict[str, str]:
    """The agent's environment: the desktop's display, config and data under home."""
    return {
        **desktop.env,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        # No desktop bus unless the desktop brings one: nothing to lock or notify.
        "DBUS_SESSION_BUS_ADDRESS": getattr(desktop, "session_bus", "disabled:"),
    }


def wait_for(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Check predicate() every 50 ms until it holds; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def configure(home: Path, server: str, key: str, **settings: object) -> AgentConfig:
    """Write the agent's settings file under home."""
    privacy = settings.pop("privacy", PrivacyRules())
    config = AgentConfig(server=server, key=key, device="testbox", privacy=privacy, **settings)
    write_config(home / "config" / "dayglass" / "agent.toml", config)
    return config


class AgentProcess:
    """The agent in the foreground, as a user or systemd starts it."""

    def __init__(self, home: Path, desktop: Desktop) -> None:
        self.queue_file = home / "data" / "dayglass" / "agent.sqlite3"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dayglass.cli.agent_commands", "run"],
            env=agent_env(home, desktop),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        for line in self.process.stderr:
            self.log.append(line)
            if "recording from" in line:
                break
        else:
            raise RuntimeError("the agent did not start:\n" + "".join(self.log))
        self.recording_since = time.time()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def queue_state(self, key: str) -> str | None:
        """A value the agent keeps in its queue's state table (state, last_sync_ms, ...)."""
        with closing(sqlite3.connect(self.queue_file)) as db:
            row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def logged(self, text: str) -> bool:
        """Whether the agent has logged text so far."""
        return text in "".join(self.log)

    def _read(self) -> None:
        for line in self.process.stderr:
            self.log.append(line)

    def stop(self) -> int:
        """SIGTERM, as systemd stops it; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=60)
        self._reader.join(timeout=5)
        return status

    def kill(self) -> None:
        """SIGKILL: no chance to clean up."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
