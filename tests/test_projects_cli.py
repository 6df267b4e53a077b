"""`dayglass project`: projects, rules and hand assignments from the command line."""

from __future__ import annotations

import re
from datetime import date

from commands import run, run_here
from dayglass.core.query import GroupBy, Question
from test_ingest_api import DAY, batch, event


def _cli_env(database_url, tmp_path):
    return {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}


def _by_project(services, user_id) -> dict[str | None, int]:
    day = date.fromisoformat(DAY)
    rows = services.reports.answer(user_id, Question(day, day, GroupBy.PROJECT))
    return {r.project: r.seconds for r in rows}


def test_projects_rules_and_assignments_from_the_command_line(database_url, tmp_path, services):
    env = _cli_env(database_url, tmp_path)
    user = services.accounts.add_user("kim@example.org", "long enough password", "Kim", "UTC")
    services.ingest.ingest(
        user.id,
        batch(
            event(1, f"{DAY}T09:00:00+00:00", 600, "code", "main.py"),
            event(2, f"{DAY}T10:00:00+00:00", 300, "slack", "Client XYZ call"),
        ),
    )
    made = run("project", "add", "Client XYZ", "--user", "kim@example.org", env=env)
    assert made.returncode == 0, made.stderr
    assert re.fullmatch(r"\d+", made.stdout.strip())  # the id alone on stdout
    user_flag = ("--user", "kim@example.org")
    rule = run_here(
        "project", "rule", "add", "client xyz", "keyword", "Client XYZ", *user_flag, env=env
    )
    assert rule.returncode == 0, rule.stderr
    assert _by_project(services, user.id) == {"Client XYZ": 300, None: 600}
    assigned = run_here("project", "assign", "Client XYZ", DAY, "09:00-09:05", *user_flag, env=env)
    assert assigned.returncode == 0, assigned.stderr
    assert _by_project(services, user.id) == {"Client XYZ": 600, None: 300}
    listed = run_here("project", "list", *user_flag, env=env)
    assert (
        "Client XYZ" in listed.stdout
        and "keyword" in listed.stdout
        and "09:00-09:05" in listed.stdout
    )
    rule_id = rule.stdout.strip()
    gone = run_here("project", "rule", "remove", "Client XYZ", rule_id, *user_flag, env=env)
    assert gone.returncode == 0, gone.stderr
    assert _by_project(services, user.id) == {"Client XYZ": 300, None: 600}
    bad = run_here("project", "rule", "add", "Client XYZ", "regex", "(", *user_flag, env=env)
    assert bad.returncode != 0 and "regular expression" in bad.stderr
    unknown = run_here("project", "remove", "Nope", *user_flag, env=env)
    assert unknown.returncode != 0 and "Nope" in unknown.stderr
    assert run_here("project", "remove", "Client XYZ", *user_flag, env=env).returncode == 0
    assert _by_project(services, user.id) == {None: 900}


def test_a_device_rule_from_the_command_line(database_url, tmp_path, services):
    env = _cli_env(database_url, tmp_path)
    user = services.accounts.add_user("kim@example.org", "long enough password", "Kim", "UTC")
    services.ingest.ingest(user.id, batch(event(1, f"{DAY}T09:00:00+00:00", 600), device="LAPTOP"))
    services.ingest.ingest(user.id, batch(event(1, f"{DAY}T09:00:00+00:00", 300), device="pc"))
    user_flag = ("--user", "kim@example.org")
    assert run_here("project", "add", "Work", *user_flag, env=env).returncode == 0
    rule = run_here("project", "rule", "add", "Work", "device", "laptop", *user_flag, env=env)
    assert rule.returncode == 0, rule.stderr
    assert _by_project(services, user.id) == {"Work": 600, None: 300}
    assert "device laptop" in run_here("project", "list", *user_flag, env=env).stdout
