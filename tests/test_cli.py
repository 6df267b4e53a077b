"""The `dayglass` command: each test runs some commands as real processes, the rest in process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from commands import run, run_here
from dayglass.cli.context import CliContext
from dayglass.cli.demo_command import demo
from dayglass.core.clock import ManualClock
from free_port import free_port


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    """Environment pointing the command at the test's database."""
    return {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}


def test_users_and_keys(cli_env):
    added = run(
        "user",
        "add",
        "kim@example.org",
        "--name",
        "Kim",
        "--timezone",
        "Asia/Kathmandu",
        "--password-stdin",
        env=cli_env,
        stdin="long enough password\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run_here("user", "list", env=cli_env)
    assert "kim@example.org" in listed.stdout and "Asia/Kathmandu" in listed.stdout
    created = run("key", "create", "--user", "kim@example.org", "--label", "agent", env=cli_env)
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert re.fullmatch(r"dg_[A-Za-z0-9_-]{40}", key)  # the key alone on stdout
    keys = run_here("key", "list", "--user", "kim@example.org", env=cli_env)
    assert "agent" in keys.stdout and "active" in keys.stdout and key not in keys.stdout
    key_id = re.search(r"created key (\d+)", created.stderr).group(1)
    assert run_here("key", "revoke", key_id, env=cli_env).returncode == 0
    assert "revoked" in run_here("key", "list", "--user", "kim@example.org", env=cli_env).stdout


def test_bad_input_gets_a_message_not_a_traceback(cli_env):
    bad_zone = run(
        "user",
        "add",
        "x@example.org",
        "--timezone",
        "Mars/Olympus",
        "--password-stdin",
        env=cli_env,
        stdin="long enough password\n",
    )
    assert bad_zone.returncode == 1 and "unknown time zone" in bad_zone.stderr
    assert "Traceback" not in bad_zone.stderr
    nobody = run_here("key", "create", "--user", "nobody@example.org", env=cli_env)
    assert nobody.returncode == 1 and "no user" in nobody.stderr
    short = run_here(
        "user", "add", "y@example.org", "--password-stdin", env=cli_env, stdin="short\n"
    )
    assert short.returncode == 1 and "8 characters" in short.stderr


def test_demo_is_idempotent(cli_env, database_url, tmp_path):
    run_here(
        "user",
        "add",
        "demo@example.org",
        "--password-stdin",
        env=cli_env,
        stdin="long enough password\n",
    )
    first = run("demo", "--user", "demo@example.org", "--days", "3", env=cli_env)
    assert first.returncode == 0, first.stderr
    stored = int(re.search(r"stored (\d+)", first.stderr).group(1))
    assert stored > 100
    # Again at the same moment stores nothing. The process above reads the real clock, which
    # moves on (a new demo event starts every minute or so in working hours): the command
    # runs twice more on a clock pinned to a Wednesday afternoon.
    context = CliContext(data_dir=tmp_path, database_url=database_url)
    context.clock = ManualClock.at_local("2026-11-18T15:30")
    runner = CliRunner()
    pinned = [runner.invoke(demo, ["--user", "demo@example.org", "--days", "3"], obj=context)]
    pinned.append(runner.invoke(demo, ["--user", "demo@example.org", "--days", "3"], obj=context))
    context.engine.dispose()
    assert [done.exit_code for done in pinned] == [0, 0], [done.output for done in pinned]
    counts = [int(re.search(r"stored (\d+)", done.stderr).group(1)) for done in pinned]
    assert counts[0] > 100 and counts[1] == 0


def test_db_upgrade_on_an_empty_data_dir(tmp_path):
    done = run("db", "upgrade", env={"DAYGLASS_DATA_DIR": str(tmp_path / "new")})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "new" / "dayglass.sqlite3").is_file()


def test_serve_demo_starts_with_an_account_and_categorized_data(tmp_path):
    """The README's first command, on a fresh data directory."""
    port = free_port()
    env = {**os.environ, "DAYGLASS_DATA_DIR": str(tmp_path)}
    env.pop("DAYGLASS_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "dayglass", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        printed = []
        for line in server.stdout:
            printed.append(line)
            if "API key:" in line:
                break
        text = "".join(printed)
        assert "password:" in text and "you@dayglass.local" in text
        key = re.search(r"API key:\s+(\S+)", text).group(1)
        client = httpx.Client(
            timeout=30,
            base_url=f"http://127.0.0.1:{port}",
            headers={"Authorization": f"Bearer {key}"},
        )
        for _ in range(200):
            try:
                client.get("/api/v1/keys")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        # The server's process reads the real clock: a day a month back (before the demo's
        # two weeks), and those two weeks, whatever today is (the first account is in UTC).
        today = datetime.now(UTC).date()
        month_ago = today - timedelta(days=30)
        start = datetime.combine(month_ago, dt_time(10), UTC).isoformat()
        posted = client.post(
            "/api/v1/events",
            json={
                "device": "curl",
                "events": [
                    {"id": "c1", "start": start, "duration": 90, "app": "code", "title": "main.py"}
                ],
            },
        )
        assert posted.json()["stored"] == 1, posted.text
        day = {"begin": month_ago.isoformat(), "end": month_ago.isoformat()}
        rows = client.get("/api/v1/report", params=day).json()["rows"]
        assert {
            "activity": "Visual Studio Code",
            "category": "Editing & IDEs",
            "seconds": 90,
        }.items() <= rows[0].items()
        # The demo fills the last two weeks up to today.
        two_weeks = {"begin": (today - timedelta(days=13)).isoformat(), "group_by": "overview"}
        week = client.get("/api/v1/report", params=two_weeks)
        assert len(week.json()["rows"]) >= 5  # the demo's many categories
    finally:
        server.terminate()
        server.wait(timeout=30)
