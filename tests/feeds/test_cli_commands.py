"""`dayglass alert|highlight|focus|offline`: the first and a refused command as real processes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from commands import run, run_here

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def cli_env(database_url: str, tmp_path) -> dict[str, str]:
    """Environment pointing the command at the test's database."""
    return {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}


def test_the_commands_manage_alerts_highlights_focus_and_offline_time(cli_env, services, account):
    email = account.email

    def ok(*args: str) -> str:
        done = run_here(*args, "--user", email, env=cli_env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    added = run(
        "alert",
        "add",
        "more",
        "--hours",
        "2",
        "--target",
        "all_distracting",
        "--user",
        email,
        env=cli_env,
    )
    assert added.returncode == 0, added.stderr
    alert_id = added.stdout.strip()
    ok(
        "alert",
        "change",
        alert_id,
        "less",
        "--hours",
        "1",
        "--target",
        "category",
        "--value",
        "Email",
    )
    assert "Less than 1 hour of Email" in ok("alert", "list")
    highlight_id = ok("highlight", "add", "Shipped it", "--date", "2026-11-09").strip()
    ok("highlight", "change", highlight_id, "Shipped it twice", "--date", "2026-11-09")
    assert "Shipped it twice" in ok("highlight", "list")
    assert "focus session until" in ok("focus", "start", "25")
    ok("focus", "end")
    # The command reads the real clock (scripts/test runs this test at faked hours too).
    start = (datetime.now(BERLIN) - timedelta(days=2)).strftime("%Y-%m-%d 09:00")
    entry_id = ok("offline", "add", "Gym", "--start", start, "--minutes", "45").strip()
    assert "Gym" in ok("offline", "list")
    refused = run(
        "offline", "add", "Gym", "--start", start, "--minutes", "300", "--user", email, env=cli_env
    )
    assert refused.returncode == 1 and "4 hours" in refused.stderr
    assert "Traceback" not in refused.stderr
    ok("offline", "remove", entry_id)
    ok("highlight", "remove", highlight_id)
    ok("alert", "remove", alert_id)
    user_id = account.user_id
    assert services.alerts.alerts(user_id) == []
    assert services.highlights.highlights(user_id) == []
    assert services.offline.entries(user_id) == []
    assert len(services.focus.sessions(user_id)) == 1
