"""`dayglass agent ...` commands as real processes: setup, status, pause, resume, service.

Most calls go through `dayglass-agent` (`python -m dayglass.cli.agent_commands`, what the
systemd unit runs): the same command group without the server's imports, so a call takes a
fraction of the time. Each test also goes through `dayglass agent` at least once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dayglass.agent.config import load_config

from .agent_process import AgentProcess, agent_env, wait_for

DAYGLASS_AGENT = ("-m", "dayglass.cli.agent_commands")  # `dayglass-agent`
DAYGLASS = ("-m", "dayglass", "agent")  # `dayglass agent`, under the main command


def agent_cli(
    home: Path,
    *args: str,
    env: dict[str, str] | None = None,
    program: tuple[str, ...] = DAYGLASS_AGENT,
) -> subprocess.CompletedProcess:
    """Run the agent's command ARGS with its directories under home."""
    base = env or {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    return subprocess.run(
        [sys.executable, *program, *args],
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
        tmp_path,
        *("setup", "--server", live_server.url, "--key", account.key, "--device", "desk"),
        program=DAYGLASS,
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


def wait_for_status(home: Path, env: dict[str, str], expected: str, **how) -> str:
    """Ask `status` until its report says expected (a running agent acts at its next poll)."""
    deadline = time.monotonic() + 30
    while True:
        status = agent_cli(home, "status", env=env, **how).stdout
        if expected in status or time.monotonic() > deadline:
            return status


def test_status_pause_and_resume_with_a_running_agent(desktop, serve, tmp_path):
    setup = agent_cli(tmp_path, "setup", "--server", serve.url, "--key", serve.key)
    assert setup.returncode == 0, setup.stderr
    desktop.activate(desktop.open_window("Status report", "Writer"))
    env = agent_env(tmp_path, desktop)
    assert "agent: not running" in agent_cli(tmp_path, "status", env=env).stdout
    agent = AgentProcess(tmp_path, desktop)
    try:
        status = wait_for_status(tmp_path, env, "agent: recording", program=DAYGLASS)
        assert "agent: recording" in status and "last sync: never" in status, status
        assert agent_cli(tmp_path, "pause", "1h30m", env=env).returncode == 0
        wait_for(lambda: agent.queue_state("state") == "paused")  # the agent's next poll
        status = agent_cli(tmp_path, "status", env=env).stdout
        assert "agent: paused until" in status, status
        bad = agent_cli(tmp_path, "pause", "soon", env=env)
        assert bad.returncode == 1 and "not a duration" in bad.stderr
        assert agent_cli(tmp_path, "resume", env=env).returncode == 0
        status = wait_for_status(tmp_path, env, "agent: recording")
        assert "agent: recording" in status, status
    finally:
        assert agent.stop() == 0
    status = agent_cli(tmp_path, "status", env=env, program=DAYGLASS).stdout
    assert "agent: not running" in status and "0 events waiting" in status, status
    assert "last sync: never" not in status
