"""Offline time: /anapi/offline_time_post and the native API; the time shows in the Data API."""

from __future__ import annotations

import pytest

DAY = "2026-11-10"


def rows(s, **params) -> list[list]:
    """Data API rows of the test day (activity kind unless said)."""
    answer = s.get("/anapi/data", format="json", restrict_begin=DAY, restrict_end=DAY, **params)
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def test_json_and_form_posts_are_stored_as_offline_time_and_categorized(feed_server):
    s = feed_server
    doc = {
        "start_time": f"{DAY} 09:00:00",
        "duration": 60,
        "activity_name": "Meeting",
        "activity_details": "Daily Planning",
    }
    answer = s.post("/anapi/offline_time_post", params={"key": s.key}, json=doc)
    assert answer.status_code == 200, answer.text
    assert answer.json()["end_time"] == f"{DAY} 10:00:00"
    # sapientsai: a form with an end datetime; yogat3ch: a number in end_time meaning minutes.
    form = {
        "key": s.key,
        "start_time": f"{DAY} 10:00:00",
        "end_time": f"{DAY} 10:30:00",
        "activity_name": "Driving",
    }
    assert s.post("/anapi/offline_time_post.json", data=form).status_code == 200
    with s.client(s.key) as client:
        minutes = {
            "activity_start_time": f"{DAY} 11:00",
            "end_time": 15,
            "activity_name": "Meeting",
            "whatever": True,
        }
        assert client.post("/anapi/offline_time_post", json=minutes).status_code == 200

    offline = rows(s, restrict_source_type="offline")
    assert [(r[1], r[3]) for r in offline] == [(4500, "Meeting"), (1800, "Driving")]
    assert rows(s, restrict_source_type="computers") == []
    by_hour = rows(s, perspective="interval", restrict_kind="productivity", interval="hour")
    assert [(r[0], r[1]) for r in by_hour][:2] == [
        (f"{DAY}T09:00:00", 3600),
        (f"{DAY}T10:00:00", 1800),
    ]


BAD = [
    ({"duration": 60, "activity_name": "Meeting"}, "start_time"),
    ({"start_time": f"{DAY} 07:00:00", "duration": 300, "activity_name": "x"}, "4 hours"),
    (
        {"start_time": f"{DAY} 07:00:00", "end_time": f"{DAY} 11:30:00", "activity_name": "x"},
        "4 hours",
    ),
    ({"start_time": "2026-11-11 09:00:00", "duration": 30, "activity_name": "x"}, "future"),
    ({"start_time": f"{DAY} 11:45:00", "duration": 30, "activity_name": "x"}, "future"),
    ({"start_time": f"{DAY} 09:00:00", "duration": 30}, "activity_name"),
    ({"start_time": f"{DAY} 09:00:00", "duration": 30, "activity_name": "x" * 256}, "255"),
    (
        {
            "start_time": f"{DAY} 09:00:00",
            "duration": 30,
            "activity_name": "x",
            "activity_details": "d" * 256,
        },
        "activity_details",
    ),
    ({"start_time": "last tuesday", "duration": 30, "activity_name": "x"}, "start_time"),
    ({"start_time": f"{DAY} 09:00:00", "duration": "an hour", "activity_name": "x"}, "duration"),
    ({"start_time": f"{DAY} 09:00:00", "duration": 0, "activity_name": "x"}, "zero"),
    ({"start_time": f"{DAY} 09:00:00", "activity_name": "x"}, "end_time or duration"),
]


@pytest.mark.parametrize(("doc", "named"), BAD)
def test_bad_offline_time_is_refused_with_a_reason_and_nothing_stored(feed_server, doc, named):
    s = feed_server
    answer = s.post("/anapi/offline_time_post", params={"key": s.key}, json=doc)
    assert answer.status_code == 400, answer.text
    assert named in answer.json()["messages"]
    assert rows(s) == []
    assert s.services.offline.entries(s.user_id) == []


def test_a_revoked_key_and_a_broken_body_are_refused(feed_server, services):
    s = feed_server
    broken = s.post(
        "/anapi/offline_time_post",
        params={"key": s.key},
        content=b"{nope",
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 400 and "JSON" in broken.json()["messages"]
    services.accounts.revoke_key(services.accounts.keys(s.user_id)[0].id)
    doc = {"start_time": f"{DAY} 09:00:00", "duration": 60, "activity_name": "Meeting"}
    answer = s.post("/anapi/offline_time_post", params={"key": s.key}, json=doc)
    assert answer.status_code == 400 and answer.json()["error"] == "# key not found"
    assert services.offline.entries(s.user_id) == []


def test_the_native_api_changes_and_deletes_entries_and_their_time(feed_server):
    s = feed_server
    with s.client(s.key) as client:
        doc = {"start_time": f"{DAY} 08:02:00", "duration": 61, "activity_name": "Gym"}
        made = client.post("/api/v1/offline", json=doc)
        assert made.status_code == 201, made.text
        entry_id = made.json()["id"]
        assert [(r[1], r[3]) for r in rows(s)] == [(3660, "Gym")]
        changed = client.put(
            f"/api/v1/offline/{entry_id}",
            json={**doc, "duration": 30, "activity_name": "Reading"},
        )
        assert changed.status_code == 200, changed.text
        assert [(r[1], r[3]) for r in rows(s)] == [(1800, "Reading")]
        refused = client.put(f"/api/v1/offline/{entry_id}", json={**doc, "duration": 241})
        assert refused.status_code == 400
        assert [e["id"] for e in client.get("/api/v1/offline").json()] == [entry_id]
        assert client.delete(f"/api/v1/offline/{entry_id}").status_code == 204
        assert client.delete(f"/api/v1/offline/{entry_id}").status_code == 404
        assert rows(s) == []
        assert client.get("/api/v1/offline").json() == []
