"""`dayglass org` and `dayglass group` from the command line."""

from __future__ import annotations

import re

from commands import run, run_here
from dayglass.core.teams import Role, Share


def test_organizations_groups_and_joining_from_the_command_line(database_url, tmp_path, services):
    env = {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}
    for email in ("olivia@example.org", "kim@example.org", "mona@example.org"):
        services.accounts.add_user(email, "long enough password", email.split("@")[0].title())
    made = run("org", "create", "Acme", "--owner", "olivia@example.org", env=env)
    assert made.returncode == 0, made.stderr
    org_id = int(made.stdout.strip())
    invited = run_here("org", "invite", "Acme", "--days", "3", env=env)
    code = invited.stdout.strip()
    assert re.fullmatch(r"dgi_[A-Za-z0-9_-]{24}", code), invited.stderr
    joined = run(
        "org", "join", code, "--user", "kim@example.org", "--share", "categories",
        "--aggregate-only", env=env,
    )  # fmt: skip
    assert joined.returncode == 0, joined.stderr
    run_here("org", "join", code, "--user", "mona@example.org", env=env)
    assert (
        run_here("org", "member", "role", "Acme", "mona@example.org", "manager", env=env).returncode
        == 0
    )
    assert run_here("group", "add", str(org_id), "A", env=env).returncode == 0
    assert (
        run_here("group", "member", "add", "Acme", "A", "kim@example.org", env=env).returncode == 0
    )
    assert (
        run_here("group", "manager", "add", "Acme", "A", "mona@example.org", env=env).returncode
        == 0
    )
    members = {m.email: m for m in services.teams.members(None, org_id)}
    kim = members["kim@example.org"]
    assert (kim.share, kim.by_name, kim.role) == (Share.CATEGORIES, False, Role.MEMBER)
    assert members["mona@example.org"].role is Role.MANAGER
    [group] = services.teams.groups(None, org_id)
    assert group.members == {kim.user_id} and group.managers == {
        members["mona@example.org"].user_id
    }
    listed = run_here("org", "member", "list", "Acme", env=env)
    assert "groups only" in listed.stdout and "categories" in listed.stdout
    assert "kim@example.org" in run_here("group", "list", "Acme", env=env).stdout
    assert "Acme" in run_here("org", "list", "--user", "kim@example.org", env=env).stdout
    key = run_here("org", "key", "Acme", "--user", "mona@example.org", env=env)
    assert key.stdout.strip().startswith("dg_"), key.stderr
    refused = run_here("org", "key", "Acme", "--user", "kim@example.org", env=env)
    assert refused.returncode == 1 and "error:" in refused.stderr
    assert (
        run_here("group", "member", "remove", "Acme", "A", "kim@example.org", env=env).returncode
        == 0
    )
    assert run_here("org", "member", "remove", "Acme", "kim@example.org", env=env).returncode == 0
    assert "kim@example.org" not in {m.email for m in services.teams.members(None, org_id)}
