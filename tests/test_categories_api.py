"""Categorization through the native API: overrides apply to all past and future data."""

import pytest

from dayglass.core.clock import ManualClock
from test_ingest_api import DAY, batch, event, report


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after every day these tests store, at any real time."""
    return ManualClock.at_local("2026-11-25T15:30")


def _post(client, *events):
    answer = client.post("/api/v1/events", json=batch(*events))
    assert answer.status_code == 200, answer.text


def test_activities_list_uncategorized_first(in_process_server, account):
    client = in_process_server.client(account.key)
    _post(
        client,
        event(1, f"{DAY}T10:00:00+01:00", 600, "code"),
        event(2, f"{DAY}T10:10:00+01:00", 30, "mystery-app"),
    )
    listed = client.get("/api/v1/activities").json()
    assert [a["activity"] for a in listed] == ["mystery-app", "Visual Studio Code"]
    assert listed[0] == {
        "activity": "mystery-app",
        "overview": "Uncategorized",
        "category": "Uncategorized",
        "productivity": 0,
        "seconds": 30,
        "overridden": False,
    }


def test_an_override_recategorizes_history_and_the_future(in_process_server, account):
    client = in_process_server.client(account.key)
    _post(client, event(1, f"{DAY}T10:00:00+01:00", 600, "mystery-app"))
    answer = client.put(
        "/api/v1/activities/mystery-app", json={"category": "Writing", "productivity": 1}
    )
    assert answer.status_code == 204, answer.text
    _post(client, event(2, f"{DAY}T11:00:00+01:00", 60, "mystery-app"))
    rows = report(client)
    assert [(r["category"], r["overview"], r["productivity"], r["seconds"]) for r in rows] == [
        ("Writing", "Design & Composition", 1, 660)
    ]
    assert client.get("/api/v1/activities").json()[0]["overridden"] is True
    assert client.delete("/api/v1/activities/mystery-app").status_code == 204
    assert report(client)[0]["category"] == "Uncategorized"


def test_a_category_productivity_applies_to_its_activities(in_process_server, account):
    client = in_process_server.client(account.key)
    _post(client, event(1, f"{DAY}T10:00:00+01:00", 600, "code"))
    assert (
        client.put("/api/v1/categories/Editing & IDEs", json={"productivity": -1}).status_code
        == 204
    )
    assert report(client)[0]["productivity"] == -1
    listed = {c["category"]: c for c in client.get("/api/v1/categories").json()}
    assert listed["Editing & IDEs"]["productivity"] == -1
    assert listed["Editing & IDEs"]["default"] == 2
    client.put("/api/v1/categories/Editing & IDEs", json={"productivity": None})
    assert report(client)[0]["productivity"] == 2


def test_bad_overrides_are_refused(in_process_server, account):
    client = in_process_server.client(account.key)
    for body in ({"category": "No Such Thing"}, {"productivity": 3}, {"productivity": "2"}, {}):
        answer = client.put("/api/v1/activities/code", json=body)
        assert answer.status_code == 400, body
        assert answer.json()["error"]["code"] == "invalid_input"
    assert client.put("/api/v1/categories/Nope", json={"productivity": 1}).status_code == 400
    assert client.delete("/api/v1/activities/never-set").status_code == 404
    assert client.get("/api/v1/activities").json() == []
