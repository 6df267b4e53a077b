"""The organization settings pages and the team dashboard over HTTP, on the seeded team (see
team_seed): roles, groups, invitations, consent, who sees which group, and form tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.core.teams import Role, Share
from serving import PASSWORD, LiveServer
from teams.team_seed import DAY, NOW, Team, seed_team

WEEK = f"span=week&day={DAY}"


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


@pytest.fixture
def team(in_process_server: LiveServer) -> Team:
    """The seeded organizations."""
    return seed_team(in_process_server.services)


@contextmanager
def signed_in(server: LiveServer, team: Team, name: str) -> Iterator[httpx.Client]:
    """A client signed in as one of the seeded people."""
    with server.client() as client:
        client.follow_redirects = False
        token = csrf(client.get("/login").text)
        email = team.people[name].email
        answer = client.post(
            "/login", data={"csrf": token, "email": email, "password": PASSWORD, "next": "/"}
        )
        assert answer.status_code == 303, answer.text
        yield client


def csrf(html: str) -> str:
    """The form token of a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def post(client: httpx.Client, path: str, **fields: str) -> httpx.Response:
    """Post a form with the session's token."""
    token = csrf(client.get("/orgs").text)
    return client.post(path, data={"csrf": token, **fields})


def table(html: str, testid: str) -> str:
    """The HTML of the element with data-testid testid, up to its table's or list's end."""
    begin = html.index(f'data-testid="{testid}"')
    ends = [i for i in (html.find("</table>", begin), html.find("</ul>", begin)) if i > 0]
    return html[begin : min(ends)]


def test_an_admin_manages_members_groups_and_invitations(in_process_server, team):
    services, org = in_process_server.services, team.org_id
    tess = team.people["Tess"].user_id
    with signed_in(in_process_server, team, "Alan") as alan:
        listing = alan.get("/orgs").text
        assert "Acme" in listing and "Other" not in listing
        settings = alan.get(f"/orgs/{org}").text
        for name in ("Olivia", "Tess", "Cato", "Avi", "Dora"):
            assert name in table(settings, "members")
        assert post(alan, f"/orgs/{org}/groups", name="Night shift").status_code == 303
        night = services.teams.group(None, org, "Night shift")
        link = f"/orgs/{org}/groups/{night.id}/link"
        assert post(alan, link, kind="members", user_id=str(tess), present="yes").is_redirect
        assert tess in services.teams.group(None, org, night.id).members
        # A member can't manage a group: only managers, admins and owners.
        refused = post(alan, link, kind="managers", user_id=str(tess), present="yes")
        assert refused.status_code == 400 and "manager role" in refused.text
        role = f"/orgs/{org}/members/{tess}/role"
        assert post(alan, role, role="manager").is_redirect
        assert services.teams.member(org, tess).role is Role.MANAGER
        assert post(alan, link, kind="managers", user_id=str(tess), present="yes").is_redirect
        assert post(alan, link, kind="members", user_id=str(tess), present="no").is_redirect
        assert services.teams.group(None, org, night.id).members == frozenset()
        made = post(alan, f"/orgs/{org}/invitations", role="member", days="3")
        assert made.status_code == 200
        url = re.search(
            r'data-testid="invitation-link" readonly size="60" value="([^"]+)"', made.text
        )
        assert url and "/join/dgi_" in url.group(1)
        invitation = services.teams.invitations(None, org)[0]
        assert invitation.expires_at == services.clock.now().replace(microsecond=0) + (
            invitation.expires_at - invitation.created_at
        )
        assert (invitation.expires_at - invitation.created_at).days == 3
        revoke = f"/orgs/{org}/invitations/{invitation.id}/revoke"
        assert post(alan, revoke).is_redirect
        assert "revoked" in table(alan.get(f"/orgs/{org}").text, "invitations")
        assert post(alan, f"/orgs/{org}/members/{tess}/remove").is_redirect
        assert tess not in {m.user_id for m in services.teams.members(None, org)}
        assert post(alan, f"/orgs/{org}/groups/{night.id}/delete").is_redirect


@pytest.mark.parametrize(
    ("path", "fields", "message"),
    [
        ("/invitations", {"role": "member", "days": "abc"}, "days: a whole number"),
        ("/invitations", {"role": "member", "days": "365"}, "days: a whole number"),
        ("/invitations", {"role": "boss", "days": "3"}, "role: one of"),
        ("/groups", {"name": "   "}, "name: 1 to 200"),
        ("/groups", {"name": "A"}, ""),
        ("/groups/1/link", {"kind": "x", "user_id": "1", "present": "yes"}, "kind: members"),
        ("/groups/1/link", {"kind": "members", "user_id": "-4", "present": "yes"}, "user_id"),
        ("/consent", {"share": "everything", "by_name": "yes"}, "share: one of"),
        ("/consent", {"share": "totals", "by_name": "maybe"}, "by_name: yes or no"),
        ("/members/999999/role", {"role": "admin"}, ""),
        ("/invitations/99999999999999999999/revoke", {}, ""),
    ],
)
def test_bad_input_gets_a_message_never_a_500(in_process_server, team, path, fields, message):
    with signed_in(in_process_server, team, "Olivia") as olivia:
        answer = post(olivia, f"/orgs/{team.org_id}{path}", **fields)
    assert 400 <= answer.status_code < 500, answer.text
    assert message in answer.text
    assert 'role="alert"' in answer.text


def test_forms_without_the_token_are_refused(in_process_server, team):
    org = team.org_id
    with signed_in(in_process_server, team, "Olivia") as olivia:
        for path, fields in (
            ("/orgs", {"name": "Sneaky"}),
            (f"/orgs/{org}/groups", {"name": "Sneaky"}),
            (f"/orgs/{org}/invitations", {"role": "owner", "days": "3"}),
            (f"/orgs/{org}/consent", {"share": "documents", "by_name": "yes"}),
            (f"/orgs/{org}/leave", {}),
        ):
            answer = olivia.post(path, data={"csrf": "wrong", **fields})
            assert answer.status_code == 400 and "expired" in answer.text, path
        _, code = in_process_server.services.teams.invite(None, org)
        with signed_in(in_process_server, team, "Zed") as zed:
            answer = zed.post(f"/join/{code}", data={"share": "documents", "by_name": "yes"})
            assert answer.status_code == 400 and "expired" in answer.text
    services = in_process_server.services
    assert [o.name for o, _ in services.teams.orgs()] == ["Acme", "Other"]
    assert services.teams.member(org, team.people["Olivia"].user_id).share is Share.TOTALS
    assert services.teams.invitations(None, org)[0].role is Role.MEMBER


def test_a_member_chooses_what_they_share_and_may_leave(in_process_server, team):
    services, org = in_process_server.services, team.org_id
    tess = team.people["Tess"].user_id
    with signed_in(in_process_server, team, "Tess") as client:
        mine = client.get(f"/orgs/{org}").text
        assert "What you share" in mine
        assert 'data-testid="members"' not in mine and 'data-testid="invitations"' not in mine
        assert client.get(f"/orgs/{org}/dashboard").status_code == 403
        assert post(client, f"/orgs/{org}/consent", share="activities", by_name="no").is_redirect
        member = services.teams.member(org, tess)
        assert (member.share, member.by_name) == (Share.ACTIVITIES, False)
        assert post(client, f"/orgs/{org}/invitations", role="member", days="3").status_code == 403
        assert post(client, f"/orgs/{org}/leave").headers["location"] == "/orgs"
        assert client.get(f"/orgs/{org}").status_code == 404
    assert tess not in {m.user_id for m in services.teams.members(None, org)}


def test_joining_by_link_signs_in_first_and_keeps_the_choice(in_process_server, team):
    services, org = in_process_server.services, team.org_id
    _, code = services.teams.invite(None, org)
    with in_process_server.client() as anonymous:
        answer = anonymous.get(f"/join/{code}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next=/join/{code}"
    with signed_in(in_process_server, team, "Zed") as zed:
        page = zed.get(f"/join/{code}").text
        assert "Join Acme" in page
        assert re.search(r'value="totals" checked', page)  # totals only unless chosen
        joined = zed.post(
            f"/join/{code}", data={"csrf": csrf(page), "share": "categories", "by_name": "no"}
        )
        assert joined.headers["location"] == f"/orgs/{org}"
        again = zed.post(
            f"/join/{code}", data={"csrf": csrf(page), "share": "totals", "by_name": "yes"}
        )
        assert again.status_code == 409 and "already a member" in again.text
        assert zed.get("/join/dgi_nothing").status_code == 404
    member = services.teams.member(org, team.people["Zed"].user_id)
    assert (member.share, member.by_name, member.role) == (Share.CATEGORIES, False, Role.MEMBER)


def test_the_dashboard_shows_each_member_within_their_consent(in_process_server, team):
    org, groups = team.org_id, team.groups
    with signed_in(in_process_server, team, "Mona") as mona:
        page = mona.get(f"/orgs/{org}/dashboard?group={groups['A']}&{WEEK}").text
    # Tess 10m, Cato 20m and Avi 30m: three people, so Avi counts in the totals.
    assert ">1h<" in table(page, "team-total") or "1h</p>" in page
    assert "3 people with time" in page
    members = table(page, "team-members")
    assert "Tess" in members and "Cato" in members and "Avi" not in members  # Avi: totals only
    assert "10m" in members and "20m" in members
    # Only Avi shares activities, and he alone is no aggregate: no activity shows.
    assert "Visual Studio Code" not in table(page, "team-activities")
    assert "Software Development" in table(page, "team-overviews")
    weeks = table(page, "team-weeks")
    assert "2026-11-15" in weeks and "1h" in weeks


def test_a_manager_of_group_a_sees_nothing_of_group_b(in_process_server, team):
    org, groups = team.org_id, team.groups
    with signed_in(in_process_server, team, "Mona") as mona:
        assert mona.get(f"/orgs/{org}/dashboard?group={groups['B']}&{WEEK}").status_code == 404
        everyone = mona.get(f"/orgs/{org}/dashboard?{WEEK}").text
        settings = mona.get(f"/orgs/{org}").text
    assert "Dora" not in everyone and "40m" not in everyone and "3 people with time" in everyone
    assert ">B<" not in everyone and 'data-testid="group-B"' not in settings
    assert "Dora" not in table(settings, "members")
    with signed_in(in_process_server, team, "Alan") as alan:
        b = alan.get(f"/orgs/{org}/dashboard?group={groups['B']}&{WEEK}").text
    assert "Dora" in table(b, "team-members") and "40m" in b


def test_nobody_reads_another_organizations_pages(in_process_server, team):
    other = team.other_org_id
    with signed_in(in_process_server, team, "Olivia") as olivia:
        assert olivia.get(f"/orgs/{other}").status_code == 404
        assert olivia.get(f"/orgs/{other}/dashboard").status_code == 404
        assert post(olivia, f"/orgs/{other}/groups", name="Mine now").status_code == 404
        assert post(olivia, f"/orgs/{other}/invitations", role="owner", days="3").status_code == 404
        assert olivia.get("/orgs/99999999999999999999").status_code == 404
        assert "Yuri" not in olivia.get(f"/orgs/{other}").text
    assert in_process_server.services.teams.groups(None, other) == []


@pytest.mark.parametrize(
    "query",
    [
        "group=abc&span=year&day=never",
        "group=99999999999999999999",
        "span=week&day=0001-01-01",
        "span=month&day=9999-12-31",
        "span=day&day=2026-02-30",
    ],
)
def test_the_dashboard_answers_odd_parameters(in_process_server, team, query):
    with signed_in(in_process_server, team, "Olivia") as olivia:
        answer = olivia.get(f"/orgs/{team.org_id}/dashboard?{query}")
    assert answer.status_code in (200, 404), answer.text
    assert "team-total" in answer.text or 'role="alert"' in answer.text
