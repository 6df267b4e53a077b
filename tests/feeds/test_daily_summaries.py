"""Daily summaries: snapshots after each local day, their 59 keys, DST, +05:45 and catching up."""

from __future__ import annotations

import time
from datetime import date

import httpx

from dayglass.core.day_parts import DaySummary, part_seconds
from dayglass.http.app import create_app
from dayglass.http.compat.rescuetime.daily_summary import (
    OVERVIEW_KEYS,
    duration_formatted,
    summary_object,
)
from dayglass.settings import Settings

DAY = "2026-11-10"


def feed(s, key: str) -> list[dict]:
    """The summary feed for key."""
    answer = s.get("/anapi/daily_summary_feed", key=key)
    assert answer.status_code == 200, answer.text
    return answer.json()


def data_rows(s, kind: str, day: str) -> list[list]:
    """The Data API's rows of one day."""
    params = {"format": "json", "restrict_kind": kind, "restrict_begin": day, "restrict_end": day}
    return s.get("/anapi/data", **params).json()["rows"]


def test_duration_formatting_and_rounding_follow_the_recorded_fixtures():
    assert [duration_formatted(s) for s in (0, 41, 2610, 1800, 10800, 43992, 9144)] == [
        "no time",
        "41s",
        "43m 30s",
        "30m",
        "3h",
        "12h 13m",
        "2h 32m",
    ]
    parts = part_seconds({2: 8748, 1: 140, 0: 231, -1: 0, -2: 30}, {"software_development": 7884})
    summary = summary_object(DaySummary(date(2022, 12, 31), "America/Los_Angeles", parts))
    assert summary["id"] == 1672473600
    assert list(summary)[:3] == ["id", "date", "productivity_pulse"] and len(summary) == 59
    assert summary["productivity_pulse"] == 98
    assert summary["very_productive_percentage"] == 95.6
    assert summary["all_productive_hours"] == 2.47
    assert summary["total_duration_formatted"] == "2h 32m"
    assert summary["distracting_duration_formatted"] == "no time"
    keys = [k for k in summary if k.endswith("_percentage")]
    assert keys[7:] == [f"{k}_percentage" for k in OVERVIEW_KEYS]


def test_a_closed_day_is_a_snapshot_equal_to_the_data_api_and_later_recategorizing_keeps_it(
    feed_server,
):
    s = feed_server
    s.ingest(
        s.key,
        (f"{DAY}T09:00:00+01:00", 5000.4, "code"),
        (f"{DAY}T10:30:00+01:00", 1234.6, "slack"),
        (f"{DAY}T11:00:00+01:00", 641, "unknown-tool"),
    )
    assert feed(s, s.key) == []  # today is never in the feed
    s.clock.set_local("2026-11-11T00:01")
    s.services.day_closer.close_due()
    (summary,) = feed(s, s.key)
    assert summary["id"] == 1794265200 and summary["date"] == DAY
    assert len(summary) == 59
    levels = {r[3]: r[1] for r in data_rows(s, "productivity", DAY)}
    overviews = {r[3]: r[1] for r in data_rows(s, "overview", DAY)}
    total = sum(levels.values())
    assert summary["total_hours"] == round(total / 3600, 2)
    assert summary["very_productive_hours"] == round(levels[2] / 3600, 2)
    assert summary["neutral_hours"] == round(levels.get(0, 0) / 3600, 2)
    assert summary["software_development_hours"] == round(
        overviews["Software Development"] / 3600, 2
    )
    assert summary["uncategorized_duration_formatted"] == duration_formatted(
        overviews["Uncategorized"]
    )
    pulse = levels.get(-1, 0) + 2 * levels.get(0, 0) + 3 * levels.get(1, 0) + 4 * levels[2]
    assert summary["productivity_pulse"] == round(pulse / (total * 4) * 100)
    assert summary["software_development_percentage"] == round(5000 / total * 100, 1)

    with s.client(s.key) as client:
        moved = client.put("/api/v1/activities/Visual Studio Code", json={"category": "Games"})
        assert moved.status_code == 204, moved.text
    assert data_rows(s, "overview", DAY)[0][3] == "Entertainment"
    assert feed(s, s.key) == [summary]


def test_days_across_the_daylight_saving_change_have_their_own_midnights(feed_server):
    s = feed_server
    s.clock.set_local("2026-10-26T12:00")
    _, key = s.add_user("dst@example.org", "Europe/Berlin")
    s.ingest(
        key,
        ("2026-10-25T02:30:00+02:00", 1800, "code"),  # the first 02:30 of the 25-hour day
        ("2026-10-25T02:30:00+01:00", 1800, "code"),  # and the second
        ("2026-10-25T23:50:00+01:00", 1200, "code"),  # runs past midnight into the 26th
    )
    s.clock.set_local("2026-10-27T00:01")
    s.services.day_closer.close_due()
    days = feed(s, key)
    assert [(d["date"], d["id"], d["total_hours"]) for d in days] == [
        ("2026-10-26", 1792969200, 0.17),
        ("2026-10-25", 1792879200, 1.17),
    ]
    assert days[1]["total_duration_formatted"] == "1h 10m"


def test_a_user_at_plus_05_45_gets_their_own_days(feed_server):
    s = feed_server
    zone = "Asia/Kathmandu"
    s.clock.set_local("2026-11-08T23:55", zone)
    _, key = s.add_user("ktm@example.org", zone)
    s.clock.set_local("2026-11-09T00:05", zone)  # the span has ended (all but the skew allowed)
    s.ingest(key, ("2026-11-08T23:50:00+05:45", 1200, "code"))
    s.clock.set_local("2026-11-10T00:01", zone)
    s.services.day_closer.close_due()
    assert [(d["date"], d["id"], d["total_duration_formatted"]) for d in feed(s, key)] == [
        ("2026-11-09", 1794161700, "10m"),
        ("2026-11-08", 1794075300, "10m"),
    ]


def test_a_day_missed_while_the_server_was_down_is_summarized_on_start(
    engine, tmp_path, clock, account, app_server
):
    settings = Settings(
        data_dir=tmp_path, database_url=engine.url.render_as_string(hide_password=False)
    )
    app = create_app(settings, engine, clock)
    with app_server(app) as url, httpx.Client(timeout=30, base_url=url) as client:
        body = {
            "device": "laptop",
            "events": [
                {"id": "1", "start": f"{DAY}T09:00:00+01:00", "duration": 3600, "app": "code"}
            ],
        }
        posted = client.post("/api/v1/events", json=body, params={"key": account.key})
        assert posted.status_code == 200
    clock.set_local("2026-11-13T08:00")  # the server was down over three midnights
    restarted = create_app(settings, engine, clock)
    with app_server(restarted) as url, httpx.Client(timeout=30, base_url=url) as client:
        deadline = time.monotonic() + 10
        while True:
            days = client.get("/anapi/daily_summary_feed", params={"key": account.key}).json()
            if days or time.monotonic() > deadline:
                break
            time.sleep(0.05)
    assert [(d["date"], d["total_hours"]) for d in days] == [(DAY, 1.0)]


def test_a_revoked_key_is_refused(feed_server, services):
    s = feed_server
    services.accounts.revoke_key(services.accounts.keys(s.user_id)[0].id)
    answer = s.get("/anapi/daily_summary_feed")
    assert answer.status_code == 400
    assert answer.json() == {"error": "# key not found", "messages": "key not found"}
