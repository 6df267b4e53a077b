"""FocusTime: start/end, the started and ended feeds, running out, and the agent's native view."""

from __future__ import annotations

import pytest

from dayglass.agent.focus import FocusClient


def test_a_session_starts_ends_and_shows_in_both_feeds(feed_server):
    s = feed_server
    # The key and duration in the query string of a POST (Raycast, curl), then a form body.
    started = s.post("/anapi/start_focustime", params={"key": s.key, "duration": "30"})
    assert started.status_code == 200, started.text
    assert started.json()["duration"] == 30
    with s.client(s.key) as client:
        state = client.get("/api/v1/focus").json()
    assert state == {
        "active": True,
        "started_at": "2026-11-10T11:00:00+00:00",
        "ends_at": "2026-11-10T11:30:00+00:00",
    }
    s.clock.advance(minutes=10)
    ended = s.post("/anapi/end_focustime.json", data={"key": s.key})
    assert ended.status_code == 200, ended.text
    again = s.post("/anapi/end_focustime", data={"key": s.key})
    assert again.status_code == 400 and "no FocusTime session" in again.json()["messages"]

    feed = s.get("/anapi/focustime_started_feed").json()
    assert feed == [
        {
            "id": 1794308400.0,
            "duration": 30,
            "duration_unit": "minutes",
            "created_at": "2026-11-10T12:00:00+01:00",
        }
    ]
    assert s.get("/anapi/focustime_ended_feed.json").json() == [
        {"id": 1794309000.0, "created_at": "2026-11-10T12:10:00+01:00"}
    ]


def test_a_session_that_runs_out_ends_by_itself(feed_server):
    s = feed_server
    with s.client(s.key) as client:
        assert client.post("/anapi/start_focustime", json={"duration": 5}).status_code == 200
        assert client.get("/api/v1/focus").json()["active"] is True
        s.clock.advance(minutes=5)
        assert client.get("/api/v1/focus").json() == {
            "active": False,
            "started_at": None,
            "ends_at": None,
        }
    ended = s.get("/anapi/focustime_ended_feed").json()
    assert [e["created_at"] for e in ended] == ["2026-11-10T12:05:00+01:00"]


def test_rest_of_day_lasts_until_local_midnight(feed_server):
    s = feed_server
    answer = s.post("/anapi/start_focustime", data={"key": s.key, "duration": "-1"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["duration"] == 12 * 60  # 12:00 to midnight in Berlin
    with s.client(s.key) as client:
        assert client.get("/api/v1/focus").json()["ends_at"] == "2026-11-10T23:00:00+00:00"


@pytest.mark.parametrize("duration", ["7", "0", "-5", "soon", "", "1445"])
def test_bad_durations_are_refused_and_nothing_starts(feed_server, duration):
    s = feed_server
    answer = s.post("/anapi/start_focustime", data={"key": s.key, "duration": duration})
    assert answer.status_code == 400
    assert "duration" in answer.json()["messages"]
    assert s.get("/anapi/focustime_started_feed").json() == []


def test_a_revoked_key_is_refused_everywhere(feed_server, services):
    s = feed_server
    services.accounts.revoke_key(services.accounts.keys(s.user_id)[0].id)
    for path in ("/anapi/start_focustime", "/anapi/end_focustime"):
        answer = s.post(path, params={"key": s.key, "duration": "30"})
        assert answer.status_code == 400 and answer.json()["error"] == "# key not found"
    for path in ("/anapi/focustime_started_feed", "/anapi/focustime_ended_feed"):
        assert s.get(path).status_code == 400
    assert services.focus.sessions(s.user_id) == []


def test_the_agent_follows_the_native_focus_state(feed_server):
    s = feed_server
    with s.client(s.key) as client:
        focus = FocusClient(client)
        assert focus.current(0).active is False
        assert client.post("/api/v1/focus", json={"minutes": 25}).status_code == 200
        state = focus.current(1)
        assert state.active and state.ends_at == "2026-11-10T11:25:00+00:00"
        assert client.post("/api/v1/focus", json={"minutes": 3}).status_code == 400
        assert client.delete("/api/v1/focus").status_code == 200
        assert focus.current(2).active is False
        sessions = client.get("/api/v1/focus/sessions").json()
        assert [x["ended_at"] for x in sessions] == ["2026-11-10T11:00:00+00:00"]
