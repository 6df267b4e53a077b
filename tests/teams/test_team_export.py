"""A person's export holds their memberships, consent and groups; deleting the account removes
them, and the organization answers without the person at once."""

from __future__ import annotations

import pytest

from dayglass.core.clock import ManualClock
from dayglass.services.export_format import KIND_BY_NAME
from serving import LiveServer
from teams.team_seed import DAY, NOW, seed_team


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


def test_export_and_account_deletion_of_a_member(in_process_server: LiveServer) -> None:
    services = in_process_server.services
    team = seed_team(services)
    mona, avi = team.people["Mona"], team.people["Avi"]
    memberships = list(services.exports.records(avi.user_id, KIND_BY_NAME["org_memberships"]))
    assert memberships == [
        {
            "org_id": team.org_id,
            "organization": "Acme",
            "role": "member",
            "share": "activities",
            "by_name": False,
            "joined_at": memberships[0]["joined_at"],
        }
    ]
    groups = list(services.exports.records(mona.user_id, KIND_BY_NAME["org_groups"]))
    assert groups == [{"org_id": team.org_id, "group": "A", "as": "manager"}]
    params = {"restrict_begin": DAY, "restrict_end": DAY, "restrict_kind": "overview"}
    services.deletions.delete_account(avi.user_id, avi.email)
    assert avi.user_id not in {m.user_id for m in services.teams.members(None, team.org_id)}
    with in_process_server.client(team.manager_key) as client:
        rows = client.get("/anapi/data", params=params).json()["rows"]
    assert rows == [[1, 1800, 2, "Software Development"]]  # Tess and Cato
