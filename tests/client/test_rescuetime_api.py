"""The RescueTime API through the client (key and OAuth token), against the raw answers."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import httpx

from dayglass.client import DayglassClient, Event, RescueTimeClient, Window

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 10)
EVENTS = [
    Event("1", datetime(2026, 11, 10, 9, tzinfo=BERLIN), 3600, "code", title="main.py"),
    Event("2", datetime(2026, 11, 10, 11, tzinfo=BERLIN), 20, "code", title="app.py"),
    Event("3", datetime(2026, 11, 10, 10, tzinfo=BERLIN), 1800, "firefox", title="News"),
]


def recorded(base_url: str, key: str) -> tuple[RescueTimeClient, list[httpx.Request]]:
    """A client whose requests are kept, to see what went on the wire."""
    sent: list[httpx.Request] = []
    http = httpx.Client(timeout=30, base_url=base_url, event_hooks={"request": [sent.append]})
    return RescueTimeClient(key, base_url=base_url, http=http), sent


def test_the_data_api_takes_every_parameter_by_its_principal_name(client, live_server, account):
    client.post_events("laptop", EVENTS)
    schedule = client.add_schedule("all", [Window(["tue"], "00:00", "23:55")])
    activity = next(a.activity for a in client.activities() if a.seconds > 3000)
    rt, sent = recorded(live_server.url, account.key)
    asked = {
        "perspective": "interval",
        "resolution_time": "minute",
        "restrict_begin": DAY,
        "restrict_end": "2026-11-10",
        "restrict_kind": "document",
        "restrict_thing": activity,
        "restrict_thingy": "main.py",
        "restrict_source_type": "computers",
        "restrict_schedule_id": schedule.id,
    }
    result = rt.data(**asked)
    query = dict(sent[-1].url.params)
    assert query == {"key": account.key, **{k: str(v) for k, v in asked.items()}, "format": "json"}
    assert sent[-1].url.path == "/anapi/data"
    answer = httpx.get(f"{live_server.url}/anapi/data", params=query).json()
    assert result.row_headers == answer["row_headers"] and result.rows == answer["rows"]
    assert result.notes == answer["notes"]
    assert result.rows and {r["Document"] for r in result.records()} == {"main.py"}
    assert sum(int(r["Time Spent (seconds)"]) for r in result.records()) == 3600

    as_csv = rt.data(**asked, format="csv")
    assert dict(sent[-1].url.params)["format"] == "csv"
    assert (as_csv.row_headers, as_csv.rows) == (result.row_headers, result.rows)
    rt.close()


def test_the_data_api_defaults_and_kinds_match_the_server(client, raw):
    client.post_events("laptop", EVENTS)
    for kind in ("overview", "category", "activity", "productivity"):
        mine = client.data(restrict_kind=kind)  # today, ranked
        theirs = raw.get("/anapi/data", params={"restrict_kind": kind}).json()
        assert (mine.row_headers, mine.rows) == (theirs["row_headers"], theirs["rows"])
    hourly = client.data(perspective="interval", restrict_kind="efficiency", resolution_time="hour")
    assert hourly.row_headers[0] == "Date" and len(hourly.rows) == 3
    by_day = client.data(perspective="rank", resolution_time="day", restrict_begin=DAY)
    assert sum(int(c) for c in by_day.column("Time Spent (seconds)")) == 5420


def test_the_feeds_and_posts_answer_what_the_server_stored(client, raw, live_server):
    client.post_events("laptop", EVENTS)
    alert = client.add_alert("less", 2, "all_productive")

    posted = client.highlights_post(DAY, "Shipped v1", source="git")
    assert (posted.date, posted.description, posted.source) == (DAY, "Shipped v1", "git")
    by_unix = client.highlights_post(1794265200, "Reviewed")  # 2026-11-10 00:00 in Berlin
    assert by_unix.date == DAY and by_unix.source is None
    feed = client.highlights_feed()
    assert [h.id for h in feed] == [by_unix.id, posted.id]
    assert feed[1].created_at == raw.get("/anapi/highlights_feed").json()[1]["created_at"]
    assert client.highlights_feed(restrict_begin="2026-11-11") == []
    assert [h.id for h in client.highlights_feed(restrict_begin=DAY, restrict_end=DAY)] == [
        by_unix.id,
        posted.id,
    ]

    started = client.start_focustime(30)
    assert (started.duration, started.duration_unit) == (30, "minutes")
    assert started.created_at == "2026-11-10T12:00:00+01:00"
    live_server.services.clock.advance(minutes=10)
    ended = client.end_focustime()
    assert ended.created_at == "2026-11-10T12:10:00+01:00"
    assert [s.id for s in client.focustime_started_feed()] == [started.id]
    assert [e.id for e in client.focustime_ended_feed()] == [ended.id]
    assert raw.get("/anapi/focustime_ended_feed").json() == [
        {"id": ended.id, "created_at": ended.created_at}
    ]

    offline = client.offline_time_post(
        datetime(2026, 11, 10, 7, 0), "Meeting", duration=45, activity_details="planning"
    )
    assert (offline.start_time, offline.end_time) == ("2026-11-10 07:00:00", "2026-11-10 07:45:00")
    assert (offline.duration, offline.activity_details) == (45, "planning")
    until = client.offline_time_post("2026-11-10 06:00:00", "Commute", end_time=20)
    assert until.end_time == "2026-11-10 06:20:00"
    assert [e.id for e in client.offline_entries()] == [offline.id, until.id]

    live_server.services.clock.set_local("2026-11-11T00:01")
    live_server.services.day_closer.close_due()
    (summary,) = client.daily_summary_feed()
    theirs = raw.get("/anapi/daily_summary_feed").json()
    assert summary.raw == theirs[0] and summary.date == DAY
    assert summary.id == 1794265200 and len(summary.raw) == 59
    assert summary.hours["total"] == round((5420 + 45 * 60 + 20 * 60) / 3600, 2)
    assert summary.durations_formatted["total"] == theirs[0]["total_duration_formatted"]
    assert (
        summary.percentages["software_development"] == theirs[0]["software_development_percentage"]
    )
    assert client.daily_summaries() == [summary]

    (status,) = client.alerts_feed()
    assert status.alert_id == alert.id and status.created_at == "2026-11-11T00:01:00+01:00"
    assert client.alerts_feed(alert_id=alert.id) == [status]
    assert client.alerts_feed(alert_id=alert.id + 1) == []
    (definition,) = client.alerts_list()
    assert (definition.id, definition.amount) == (alert.id, 2.0)
    assert (
        definition.description
        == raw.get("/anapi/alerts_feed", params={"op": "list"}).json()[0]["description"]
    )
    assert client.alerts_list(alert_id=alert.id) == [definition]


def test_an_oauth_token_reads_the_oauth_routes(client, live_server, account):
    client.post_events("laptop", EVENTS)
    oauth = live_server.services.oauth
    app, _ = oauth.add_client("Timesheet Pro", ["https://timesheet.example/cb"])
    token, _ = oauth.issue_token(app, account.user_id, "time_data productivity_data highlight_data")
    sent: list[httpx.Request] = []
    http = httpx.Client(
        timeout=30, base_url=live_server.url, event_hooks={"request": [sent.append]}
    )
    with RescueTimeClient(access_token=token, base_url=live_server.url, http=http) as rt:
        by_token = rt.data(restrict_kind="activity", restrict_begin=DAY)
        assert sent[-1].url.path == "/api/oauth/data" and "key" not in sent[-1].url.params
        assert sent[-1].headers["authorization"] == f"Bearer {token}"
        assert by_token == client.data(restrict_kind="activity", restrict_begin=DAY)
        levels = rt.oauth_data("productivity_data", restrict_begin=DAY)
        assert levels.rows == client.data(restrict_kind="productivity", restrict_begin=DAY).rows
        made = rt.highlights_post("2026-11-10", "Through OAuth")
        assert [h.id for h in rt.highlights_feed()] == [made.id]
    http.close()


def test_the_rescuetime_client_defaults_to_rescuetime_itself():
    # Built, never called: tests do not reach the internet.
    with RescueTimeClient("KEY") as rt:
        assert str(rt.http.base_url) == "https://www.rescuetime.com"
    with DayglassClient("KEY") as dg:
        assert str(dg.http.base_url) == "http://127.0.0.1:8425"
