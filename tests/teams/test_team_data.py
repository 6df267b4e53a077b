"""The Data API for teams over HTTP: member rows, group and user filters, Number of People,
and who reads whom, on data whose answers are known by construction (see team_seed)."""

from __future__ import annotations

import pytest

from dayglass.core.clock import ManualClock
from serving import LiveServer
from teams.team_seed import DAY, NOW, Team, seed_team

SD = "Software Development"
CODE = ["Visual Studio Code", "Editing & IDEs", 2]


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


@pytest.fixture
def team(in_process_server: LiveServer) -> Team:
    """The seeded organizations."""
    return seed_team(in_process_server.services)


def data(server: LiveServer, key: str, **params: str) -> dict:
    """A JSON answer of /anapi/data for DAY."""
    query = {"restrict_begin": DAY, "restrict_end": DAY, "format": "json", **params}
    with server.client() as client:
        answer = client.get("/anapi/data", params={"key": key, **query})
    assert answer.status_code == 200, answer.text
    return answer.json()


def rows(server: LiveServer, key: str, **params: str) -> list[list]:
    """The rows of data()."""
    return data(server, key, **params)["rows"]


def test_rank_sums_members_within_their_consent_and_counts_people(in_process_server, team):
    key = team.admin_key
    # Mona's own 60 s count: an admin reads every member, in a group or not.
    assert rows(in_process_server, key, restrict_kind="overview") == [[1, 6060, 5, SD]]
    assert rows(in_process_server, key, restrict_kind="productivity") == [[1, 6060, 5, 2]]
    # Tess and Mona share totals only: she is left out of sub-categories and below.
    assert rows(in_process_server, key, restrict_kind="category") == [
        [1, 5400, 3, "Editing & IDEs"]
    ]
    # Only Avi (group totals only) and Dora share activities: two people are too few for an
    # aggregate that would tell Avi's time (MIN_AGGREGATE_PEOPLE), so he is left out of it.
    assert rows(in_process_server, key, restrict_kind="activity") == [[1, 2400, 1, *CODE]]
    assert rows(in_process_server, key, restrict_kind="document") == [
        [1, 2400, 1, "Visual Studio Code", "main.py", "Editing & IDEs", 2]
    ]
    interval = rows(
        in_process_server,
        key,
        perspective="interval",
        resolution_time="day",
        restrict_kind="overview",
    )
    assert interval == [[f"{DAY}T00:00:00", 6060, 5, SD]]
    efficiency = rows(
        in_process_server,
        key,
        perspective="interval",
        resolution_time="day",
        restrict_kind="efficiency",
    )
    assert efficiency == [[f"{DAY}T00:00:00", 6060, 5, 2.0, 100.0]]


def test_member_perspective_names_people_who_chose_it_and_groups_on_request(
    in_process_server, team
):
    answer = data(in_process_server, team.admin_key, perspective="member", restrict_kind="overview")
    assert answer["row_headers"] == ["Person", "Time Spent (seconds)", "Category"]
    # Avi chose group totals only: never a row of his own.
    assert answer["rows"] == [
        ["Dora", 2400, SD],
        ["Cato", 1200, SD],
        ["Tess", 600, SD],
        ["Mona", 60, SD],
    ]
    by_activity = rows(
        in_process_server, team.admin_key, perspective="member", restrict_kind="activity"
    )
    assert by_activity == [["Dora", 2400, *CODE]]
    groups = rows(
        in_process_server,
        team.admin_key,
        perspective="member",
        restrict_kind="overview",
        members="groups",
    )
    assert groups == [["A", 3600, SD], ["B", 2400, SD]]


def test_group_and_user_filters(in_process_server, team):
    key = team.admin_key
    for name in ("restrict_group", "rg", "group", "g"):
        assert rows(in_process_server, key, restrict_kind="overview", **{name: "A"}) == [
            [1, 3600, 3, SD]
        ]
    assert rows(in_process_server, key, restrict_kind="overview", restrict_group="nope") == []
    for name in ("restrict_user", "ru", "user", "u"):
        assert rows(in_process_server, key, restrict_kind="overview", **{name: "Cato"}) == [
            [1, 1200, 1, SD]
        ]
    by_email = rows(
        in_process_server, key, restrict_kind="overview", restrict_user="DORA@example.org"
    )
    assert by_email == [[1, 2400, 1, SD]]
    # A member shown only in group totals cannot be picked out by name or email.
    assert rows(in_process_server, key, restrict_kind="overview", restrict_user="Avi") == []
    assert rows(in_process_server, key, restrict_kind="overview", u="avi@example.org") == []
    member = rows(
        in_process_server, key, perspective="member", restrict_kind="overview", restrict_group="B"
    )
    assert member == [["Dora", 2400, SD]]


def test_csv_has_the_same_rows(in_process_server, team):
    params = {"restrict_begin": DAY, "restrict_end": DAY, "restrict_kind": "overview"}
    with in_process_server.client(team.admin_key) as client:
        rank = client.get("/anapi/data.csv", params=params)
        member = client.get("/anapi/data.csv", params={**params, "perspective": "member"})
    assert rank.headers["content-type"] == "text/csv; charset=utf-8"
    assert rank.text == f"Rank,Time Spent (seconds),Number of People,Category\n1,6060,5,{SD}\n"
    assert member.text == (
        "Person,Time Spent (seconds),Category\n"
        f"Dora,2400,{SD}\nCato,1200,{SD}\nTess,600,{SD}\nMona,60,{SD}\n"
    )


def test_a_manager_reads_only_the_groups_they_manage(in_process_server, team):
    key = team.manager_key
    assert rows(in_process_server, key, restrict_kind="overview") == [[1, 3600, 3, SD]]
    assert rows(in_process_server, key, restrict_kind="overview", restrict_group="B") == []
    assert rows(in_process_server, key, restrict_kind="overview", restrict_user="Dora") == []
    member = rows(in_process_server, key, perspective="member", restrict_kind="overview")
    assert member == [["Cato", 1200, SD], ["Tess", 600, SD]]
    groups = rows(
        in_process_server, key, perspective="member", restrict_kind="overview", members="groups"
    )
    assert groups == [["A", 3600, SD]]


def test_nobody_reads_another_organization(in_process_server, team):
    services = in_process_server.services
    assert rows(in_process_server, team.other_key, restrict_kind="overview") == [[1, 3000, 1, SD]]
    assert (
        rows(in_process_server, team.other_key, restrict_kind="overview", restrict_user="Dora")
        == []
    )
    assert (
        rows(in_process_server, team.admin_key, restrict_kind="overview", restrict_user="Yuri")
        == []
    )
    from dayglass.core.errors import NotFound

    with pytest.raises(NotFound):
        services.teams.create_key(team.people["Alan"].user_id, team.other_org_id)


def test_a_personal_key_still_reads_its_owner_alone(in_process_server, team):
    mona = team.people["Mona"]
    assert rows(in_process_server, mona.key, restrict_kind="overview") == [[1, 60, 1, SD]]
    member = rows(in_process_server, mona.key, perspective="member", restrict_kind="overview")
    assert member == [["Mona", 60, SD]]
    # restrict_group and restrict_user mean nothing to a personal key, as before.
    assert rows(in_process_server, mona.key, restrict_kind="overview", restrict_user="Dora") == [
        [1, 60, 1, SD]
    ]


def test_a_member_who_leaves_disappears_from_new_answers(in_process_server, team):
    services = in_process_server.services
    dora = team.people["Dora"].user_id
    services.teams.remove(dora, team.org_id, dora)
    assert rows(in_process_server, team.admin_key, restrict_kind="overview") == [[1, 3660, 4, SD]]
    assert rows(in_process_server, team.admin_key, restrict_kind="document") == []
    assert (
        rows(in_process_server, team.admin_key, restrict_kind="overview", restrict_user="Dora")
        == []
    )


def test_a_key_stops_reading_when_its_owner_no_longer_may(in_process_server, team):
    from dayglass.core.teams import Role

    services = in_process_server.services
    owner = team.people["Olivia"].user_id
    services.teams.set_role(owner, team.org_id, team.people["Mona"].user_id, Role.MEMBER)
    answer = data(in_process_server, team.manager_key, restrict_kind="overview")
    assert answer == {
        "error": "# key not found",
        "messages": "this organization key's owner no longer reads the organization's reports",
    }
    services.teams.remove(owner, team.org_id, team.people["Alan"].user_id)
    assert "error" in data(in_process_server, team.admin_key, restrict_kind="overview")
