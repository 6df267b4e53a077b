"""`dayglass serve --demo`'s team: an organization the demo account owns, whose dashboard
shows time at once, each member within the consent the demo gave them."""

from __future__ import annotations

import re

import pytest

from dayglass.core.clock import ManualClock
from dayglass.core.teams import Role
from dayglass.services.demo import DEMO_MEMBERS, DEMO_ORG, load_demo, load_demo_team
from serving import PASSWORD, add_account


@pytest.fixture
def clock() -> ManualClock:
    """A Wednesday afternoon in Berlin."""
    return ManualClock.at_local("2026-11-18T15:30")


def test_the_demo_has_an_organization_whose_dashboard_shows_time(in_process_server):
    services = in_process_server.services
    you = add_account(services, "you@example.org", "You")
    load_demo(services.ingest, you.user_id, "Europe/Berlin", services.clock, days=14)
    team = (services.teams, services.accounts, services.ingest, you.user_id, services.clock)
    org = load_demo_team(*team)
    assert load_demo_team(*team) == org  # made once
    assert org.name == DEMO_ORG
    members = services.teams.members(None, org.id)
    assert len(members) == 1 + len(DEMO_MEMBERS)
    assert services.teams.member(org.id, you.user_id).role is Role.OWNER
    groups = services.teams.groups(None, org.id)
    assert sorted(g.name for g in groups) == ["Design", "Engineering"]
    assert all(len(g.members) == 3 and you.user_id in g.managers for g in groups)
    assert {m.by_name for m in members} == {True, False}
    with in_process_server.client() as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        client.post(
            "/login",
            data={"csrf": token, "email": you.email, "password": PASSWORD, "next": "/"},
        )
        page = client.get(f"/orgs/{org.id}/dashboard").text
    assert f"{1 + len(DEMO_MEMBERS)} people with time" in page  # the owner too
    named = page[page.index('data-testid="team-members"') :]
    named = named[: named.index("</table>")]
    for name, _, _, by_name in DEMO_MEMBERS:
        assert (name in named) is by_name, name
    assert "Visual Studio Code" in page  # Ana and Ben share their activities
