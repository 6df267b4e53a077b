"""For every level of sharing and both naming choices, a manager reads exactly what the member
shared, through /anapi/data as JSON and CSV; OAuth tokens answer for their user alone."""

from __future__ import annotations

import csv
import io

import pytest

from dayglass.core.clock import ManualClock
from dayglass.core.teams import Role, Share
from serving import LiveServer, add_account
from teams.team_seed import DAY, NOW, join, spend

# (params, the least level that shows the member's time)
QUESTIONS = [
    ({"restrict_kind": "productivity"}, Share.TOTALS),
    ({"restrict_kind": "overview"}, Share.TOTALS),
    (
        {"perspective": "interval", "resolution_time": "hour", "restrict_kind": "overview"},
        Share.TOTALS,
    ),
    ({"perspective": "interval", "restrict_kind": "efficiency"}, Share.TOTALS),
    ({"restrict_kind": "category"}, Share.CATEGORIES),
    ({"restrict_kind": "overview", "restrict_thing": "Software Development"}, Share.ACTIVITIES),
    ({"restrict_kind": "activity"}, Share.ACTIVITIES),
    ({"restrict_kind": "activity", "restrict_thing": "Visual Studio Code"}, Share.DOCUMENTS),
    ({"restrict_kind": "document"}, Share.DOCUMENTS),
]


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


def _csv(server: LiveServer, key: str, params: dict[str, str]) -> list[list[str]]:
    with server.client() as client:
        answer = client.get("/anapi/data.csv", params={"key": key, **params})
    return list(csv.reader(io.StringIO(answer.text)))


def _json(server: LiveServer, key: str, params: dict[str, str]) -> list[list]:
    with server.client() as client:
        answer = client.get("/anapi/data", params={"key": key, **params})
    return answer.json()["rows"]


@pytest.mark.parametrize("by_name", [True, False])
@pytest.mark.parametrize("share", list(Share))
def test_a_manager_reads_exactly_what_the_member_shared(
    in_process_server: LiveServer, share: Share, by_name: bool
) -> None:
    services = in_process_server.services
    owner = add_account(services, "olivia@example.org", "Olivia")
    mona = add_account(services, "mona@example.org", "Mona")
    kim = add_account(services, "kim@example.org", "Kim")
    org = services.teams.create("Acme", owner.user_id)
    join(services, org.id, mona, Share.TOTALS)
    join(services, org.id, kim, share, by_name)
    services.teams.set_role(None, org.id, mona.user_id, Role.MANAGER)
    group = services.teams.add_group(None, org.id, "A")
    services.teams.link(None, org.id, group.id, kim.user_id, "members", True)
    services.teams.link(None, org.id, group.id, mona.user_id, "managers", True)
    spend(services, kim.user_id, 600, "code", "main.py")
    spend(services, kim.user_id, 300, "youtube.com", "cats")
    _, key = services.teams.create_key(mona.user_id, org.id)
    day = {"restrict_begin": DAY, "restrict_end": DAY}
    for params, needs in QUESTIONS:
        asked = {**day, **params}
        own = _json(in_process_server, kim.key, asked)
        assert own, params  # the member's own key sees their time
        # Kim is alone in what Mona sees: by group totals only, she is in no aggregate.
        shown = share >= needs and by_name
        expected = own if shown else []
        assert _json(in_process_server, key, asked) == expected, params
        own_csv = _csv(in_process_server, kim.key, asked)
        team_csv = _csv(in_process_server, key, asked)
        assert team_csv == (own_csv if shown else own_csv[:1]), params
        member = _json(in_process_server, key, {**asked, "perspective": "member"})
        own_member = _json(in_process_server, kim.key, {**asked, "perspective": "member"})
        assert member == (own_member if share >= needs and by_name else []), params
        groups = _json(
            in_process_server, key, {**asked, "perspective": "member", "members": "groups"}
        )
        assert groups == ([["A", *r[1:]] for r in own_member] if shown else []), params


def test_an_oauth_token_answers_for_its_user_alone(in_process_server: LiveServer) -> None:
    """Tokens carry no organization: a manager's token reads the manager's own time."""
    services = in_process_server.services
    mona = add_account(services, "mona@example.org", "Mona")
    kim = add_account(services, "kim@example.org", "Kim")
    org = services.teams.create("Acme", mona.user_id)
    join(services, org.id, kim, Share.DOCUMENTS)
    spend(services, kim.user_id, 600)
    spend(services, mona.user_id, 60)
    client, _ = services.oauth.add_client("A dashboard", ["https://example.org/cb"])
    token, _ = services.oauth.issue_token(client, mona.user_id, "time_data")
    params = {"restrict_begin": DAY, "restrict_end": DAY, "restrict_kind": "overview"}
    with in_process_server.client(token) as http:
        rows = http.get("/api/oauth/data", params=params).json()["rows"]
    assert rows == [[1, 60, 1, "Software Development"]]
