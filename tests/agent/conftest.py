"""Fixtures for the agent: a real X desktop, the agent's directories, a Dayglass server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dayglass.core.clock import ManualClock

from .desktop import Desktop, start_desktop
from .servers import ServeProcess

AGENT_START = "2026-11-10T09:00"  # Europe/Berlin; any moment would do, so one is pinned


@pytest.fixture
def manual_clock() -> ManualClock:
    """The clock of an in-process agent under test: it moves only when the test moves it."""
    return ManualClock.at_local(AGENT_START)


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    """A fresh X display with a window manager."""
    started = start_desktop()
    yield started
    started.close()


@pytest.fixture
def database_url(sqlite_database_url: str) -> str:
    """The agent talks HTTP to any server: SQLite is enough behind it (no PostgreSQL twin)."""
    return sqlite_database_url


@pytest.fixture
def agent_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The agent's config and data directories under tmp_path (XDG variables point there)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    """A real `dayglass serve` on SQLite in tmp_path."""
    server = ServeProcess(tmp_path / "server")
    yield server
    server.stop()
