"""`dayglass agent ...` commands as real processes: setup, status, pause, resume, service."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dayglass.agent.config import load_config

from .agent_process import AgentProcess, agent_env


def agent_cli(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run `dayglass agent ARGS` with its directories under home."""
    base = env or {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "dayglass", "agent", *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_setup_checks_the_server_and_writes_private_settings(tmp_path, live_server, account):
    refused = agent_cli(tmp_path, "setup", "--server", live_server.url, "--key", "dg_wrong")
    assert refused.returncode == 1 and "refused the key" in refused.stderr
    unreachable = agent_cli(tmp_path, "setup", "--server", "http://127.0.0.1:9", "--key", "k")
    assert unreachable.returncode == 1 and "cannot reach" in unreachable.stderr
    done = agent_cli(
        tmp_path, "setup", "--server", live_server.url, "--key", account.key, "--device", "desk"
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "config" / "dayglass" / "agent.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    config = load_config(path)
    assert (config.server, config.key, config.device) == (live_server.url, account.key, "desk")
    assert config.sync_seconds == 30 and config.away_after_seconds == 300
    unit = agent_cli(tmp_path, "install-service", "--no-enable")
    assert unit.returncode == 0, unit.stderr
    text = (tmp_path / "config" / "systemd" / "user" / "dayglass-agent.service").read_text()
    assert f"ExecStart={sys.executable} -m dayglass.cli.agent_commands run" in text


def test_status_pause_and_resume_with_a_running_agent(desktop, serve, tmp_path):
    setup = agent_cli(tmp_path, "setup", "--server", serve.url, "--key", serve.key)
    assert setup.returncode == 0, setup.stderr
    desktop.activate(desktop.open_window("Status report", "Writer"))
    env = agent_env(tmp_path, desktop)
    assert "agent: not running" in agent_cli(tmp_path, "status", env=env).stdout
    agent = AgentProcess(tmp_path, desktop)
    try:
        time.sleep(1.5)
        status = agent_cli(tmp_path, "status", env=env).stdout
        assert "agent: recording" in status and "last sync: never" in status, status
        assert agent_cli(tmp_path, "pause", "1h30m", env=env).returncode == 0
        time.sleep(1.5)
        assert "agent: paused until" in agent_cli(tmp_path, "status", env=env).stdout
        bad = agent_cli(tmp_path, "pause", "soon", env=env)
        assert bad.returncode == 1 and "not a duration" in bad.stderr
        assert agent_cli(tmp_path, "resume", env=env).returncode == 0
        time.sleep(1.5)
        assert "agent: recording" in agent_cli(tmp_path, "status", env=env).stdout
    finally:
        assert agent.stop() == 0
    status = agent_cli(tmp_path, "status", env=env).stdout
    assert "agent: not running" in status and "0 events waiting" in status, status
    assert "last sync: never" not in status
