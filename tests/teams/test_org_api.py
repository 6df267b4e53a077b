"""/api/v1/orgs over HTTP: organizations, invitations (expiry, revocation), roles, groups,
consent and organization keys, with the native API's error shape."""

from __future__ import annotations

import pytest

from dayglass.core.clock import ManualClock
from serving import LiveServer, add_account
from teams.team_seed import DAY, NOW, spend


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


def _ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    return answer.json() if answer.content else {}


def _error(answer, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code


def test_an_organization_from_invitation_to_team_answer(
    in_process_server: LiveServer, clock: ManualClock
) -> None:
    services = in_process_server.services
    olivia = add_account(services, "olivia@example.org", "Olivia")
    kim = add_account(services, "kim@example.org", "Kim")
    lee = add_account(services, "lee@example.org", "Lee")
    stranger = add_account(services, "sam@example.org", "Sam")
    spend(services, kim.user_id, 600)
    with (
        in_process_server.client(olivia.key) as owner,
        in_process_server.client(kim.key) as member,
        in_process_server.client(lee.key) as late,
        in_process_server.client(stranger.key) as outsider,
    ):
        org = _ok(owner.post("/api/v1/orgs", json={"name": "Acme"}), 201)
        assert org["role"] == "owner"
        base = f"/api/v1/orgs/{org['id']}"
        invitation = _ok(owner.post(f"{base}/invitations", json={"days": 2}), 201)
        assert invitation["link"] == f"/join/{invitation['code']}"
        joined = member.post(
            "/api/v1/orgs/join",
            json={"code": invitation["code"], "share": "activities", "by_name": False},
        )
        assert _ok(joined, 201)["share"] == "activities"
        _error(member.post(f"{base}/invitations", json={}), 403, "forbidden")
        _error(outsider.get(f"{base}/members"), 404, "not_found")
        _error(member.get(f"{base}/members"), 403, "forbidden")
        listed = _ok(owner.get(f"{base}/invitations"))
        assert "code" not in listed[0] and listed[0]["prefix"] == invitation["code"][:10]
        # Expired: two days later nobody joins with it.
        clock.advance(minutes=2 * 24 * 60)
        expired = late.post("/api/v1/orgs/join", json={"code": invitation["code"]})
        _error(expired, 404, "not_found")
        assert "expired" in expired.json()["error"]["message"]
        # Revoked: refused at once.
        second = _ok(owner.post(f"{base}/invitations", json={}), 201)
        _ok(owner.delete(f"{base}/invitations/{second['id']}"), 204)
        revoked = late.post("/api/v1/orgs/join", json={"code": second["code"]})
        assert "revoked" in revoked.json()["error"]["message"]
        group = _ok(owner.post(f"{base}/groups", json={"name": "A"}), 201)
        _error(owner.post(f"{base}/groups", json={"name": "A"}), 409, "conflict")
        linked = owner.put(f"{base}/groups/{group['id']}/members/{kim.user_id}")
        assert _ok(linked)["members"] == [kim.user_id]
        key = _ok(owner.post(f"{base}/keys", json={"label": "team"}), 201)["key"]
        consent = _ok(member.get(f"{base}/consent"))
        assert (consent["share"], consent["by_name"]) == ("activities", False)
        _ok(member.put(f"{base}/consent", json={"share": "totals", "by_name": True}))
        roles = _ok(owner.patch(f"{base}/members/{kim.user_id}", json={"role": "manager"}))
        assert roles["role"] == "manager"
        _error(
            member.patch(f"{base}/members/{olivia.user_id}", json={"role": "member"}),
            403,
            "forbidden",
        )
        _error(owner.delete(f"{base}/members/{olivia.user_id}"), 409, "conflict")
        params = {"restrict_begin": DAY, "restrict_end": DAY, "key": key}
        team_rows = member.get("/anapi/data", params={**params, "restrict_kind": "overview"})
        assert team_rows.json()["rows"] == [[1, 600, 1, "Software Development"]]
        hidden = member.get("/anapi/data", params={**params, "restrict_kind": "activity"})
        assert hidden.json()["rows"] == []  # Kim now shares totals only
        _ok(member.delete(f"{base}/members/{kim.user_id}"), 204)  # Kim leaves
        after = member.get("/anapi/data", params={**params, "restrict_kind": "overview"})
        assert after.json()["rows"] == []
        assert _ok(member.get("/api/v1/orgs")) == []
        paths = _ok(owner.get("/openapi.json"))["paths"]
        assert {"/api/v1/orgs", "/api/v1/orgs/join", "/api/v1/orgs/{org_id}/keys"} <= set(paths)
