"""The agent's settings: a TOML file in the platform's config directory, readable by its owner."""

from __future__ import annotations

import os
import re
import socket
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from dayglass.agent.privacy import PrivacyRules
from dayglass.core.errors import InvalidInput

APP_NAME = "dayglass"


def config_path() -> Path:
    """Where the agent's settings live (`~/.config/dayglass/agent.toml` on Linux)."""
    return platformdirs.user_config_path(APP_NAME) / "agent.toml"


def queue_path() -> Path:
    """Where the agent's durable queue lives (`~/.local/share/dayglass/agent.sqlite3`)."""
    return platformdirs.user_data_path(APP_NAME) / "agent.sqlite3"


@dataclass(frozen=True)
class AgentConfig:
    """What the agent needs: where to send, as whom, how often, and what to keep private."""

    server: str
    key: str
    device: str = field(default_factory=socket.gethostname)
    poll_seconds: float = 1.0
    sync_seconds: float = 30.0
    away_after_seconds: float = 300.0
    browser_port: int = 8426  # the loopback port the browser extension reports to
    browser_secret: str = ""  # the extension's password; empty: no endpoint (see `setup`)
    # What the extension blocks during FocusTime: off, distracting (rated -1 and -2),
    # distracting_and_communication.
    focus_blocks: str = "distracting"
    privacy: PrivacyRules = field(default_factory=PrivacyRules)

    def __post_init__(self) -> None:
        if not re.match(r"https?://", self.server):
            raise InvalidInput(f"the server must be an http(s) URL, not {self.server!r}")
        for name in ("poll_seconds", "sync_seconds", "away_after_seconds"):
            if getattr(self, name) <= 0:
                raise InvalidInput(f"{name} must be positive")
        if self.focus_blocks not in ("off", "distracting", "distracting_and_communication"):
            raise InvalidInput(
                "focus_blocks must be off, distracting or distracting_and_communication"
            )
        if not 0 < self.browser_port < 65536:
            raise InvalidInput("browser_port must be a TCP port (1-65535)")


def load_config(path: Path) -> AgentConfig:
    """Read the settings file; a clear error when it is missing or wrong."""
    try:
        data = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise InvalidInput(
            f"no agent settings at {path}: run `dayglass agent setup --server URL --key KEY`"
        ) from None
    except tomllib.TOMLDecodeError as failure:
        raise InvalidInput(f"{path}: {failure}") from None
    privacy = data.pop("privacy", {})
    try:
        return AgentConfig(**data, privacy=PrivacyRules(**_tuples(privacy)))
    except TypeError as failure:
        raise InvalidInput(f"{path}: {failure}") from None
    except re.error as failure:
        raise InvalidInput(f"{path}: bad pattern {failure.pattern!r}: {failure}") from None


def write_config(path: Path, config: AgentConfig) -> None:
    """Write the settings so that only their owner can read them (they hold the API key)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data: dict[str, Any] = {f.name: getattr(config, f.name) for f in fields(config)}
    data["privacy"] = {
        f.name: _plain(getattr(config.privacy, f.name)) for f in fields(PrivacyRules) if f.init
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "wb") as file:
        tomli_w.dump(data, file)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _tuples(table: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}
