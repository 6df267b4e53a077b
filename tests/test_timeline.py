"""The timeline over real HTTP on both databases: its spans add up to the reports' totals, to
the millisecond, however the events overlapped, crossed midnight or arrived."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.core.query import GroupBy, Question
from test_ingest_api import batch, event
from test_web_input import signed_in

__all__ = ["signed_in"]  # a fixture, imported for pytest

DAY = "2026-11-20"  # a Friday, UTC+01:00 in Berlin


@pytest.fixture
def clock() -> ManualClock:
    """A few days after the test day."""
    return ManualClock.at_local("2026-11-25T15:30")


def post(client: httpx.Client, body: dict) -> None:
    """Send one batch of events."""
    answer = client.post("/api/v1/events", json=body)
    assert answer.status_code == 200, answer.text
    assert not answer.json().get("rejected"), answer.text


def seed(live_server, services, account) -> None:
    """Overlaps inside a batch and across batches, two devices and a phone, midnight on both
    sides, another UTC offset, and offline time."""
    api = live_server.client(account.key)
    post(
        api,
        batch(
            event(1, f"{DAY}T09:00:00+01:00", 600, "code", "main.py"),
            # Overlaps the first by 5 minutes: only 09:10-09:15 counts.
            event(2, f"{DAY}T09:05:00+01:00", 600, "firefox", "PR", "https://github.com/x/y"),
            event(3, f"{DAY}T23:50:00+01:00", 1200, "code", "late.py"),  # 10 min of it today
            event(4, "2026-11-19T23:55:00+01:00", 600, "code", "early.py"),  # 5 min of it today
        ),
    )
    # Arrives later, so the time it shares with the first batch stays theirs: 08:55-09:00.
    post(api, batch(event(5, f"{DAY}T08:55:00+01:00", 900, "slack", "general")))
    post(api, batch(event(6, f"{DAY}T09:03:00+01:00", 420, "code", "main.py"), device="desktop"))
    post(api, batch(event(7, f"{DAY}T07:00:00+00:00", 1800, "code", "utc.py"), device="server"))
    phone = batch(event(8, f"{DAY}T12:00:00+01:00", 300, "WhatsApp", ""), device="phone")
    post(api, {**phone, "source_type": "mobile"})
    services.offline.add(
        account.user_id,
        {"start_time": f"{DAY} 13:00", "duration": "45", "activity_name": "Lunch"},
    )


def test_timeline_sums_equal_the_report_totals(live_server, services, account, signed_in):
    seed(live_server, services, account)
    answer = signed_in.get("/timeline.json", params={"day": DAY})
    assert answer.status_code == 200, answer.text
    timeline = answer.json()
    by_activity: dict[str, int] = defaultdict(int)
    for row in timeline["rows"]:
        assert row["ms"] == sum(s["end_ms"] - s["start_ms"] for s in row["spans"])
        for span in row["spans"]:
            by_activity[span["activity"]] += span["end_ms"] - span["start_ms"]
    day = date.fromisoformat(DAY)
    rows = services.reports.answer(account.user_id, Question(day, day, GroupBy.ACTIVITY))
    assert dict(by_activity) == {row.activity: row.ms for row in rows}
    assert timeline["ms"] == sum(row.ms for row in rows)
    report = live_server.client(account.key).get(
        "/api/v1/report", params={"begin": DAY, "end": DAY, "group_by": "activity"}
    )
    seconds = {row["activity"]: row["seconds"] for row in report.json()["rows"]}
    assert {a: (ms + 500) // 1000 for a, ms in by_activity.items()} == seconds
    names = [row["name"] for row in timeline["rows"]]
    assert names == ["desktop", "laptop", "phone", "server", "Offline time"]
    laptop = timeline["rows"][1]["spans"]
    assert [(s["start"], s["end"], s["activity"]) for s in laptop] == [
        ("00:00:00", "00:05:00", "Visual Studio Code"),
        ("08:55:00", "09:00:00", "Slack"),
        ("09:00:00", "09:10:00", "Visual Studio Code"),
        ("09:10:00", "09:15:00", "github.com"),
        ("23:50:00", "24:00:00", "Visual Studio Code"),
    ]


def test_the_away_gaps_lie_between_the_counted_spans(live_server, services, account, signed_in):
    seed(live_server, services, account)
    gaps = signed_in.get("/timeline.json", params={"day": DAY}).json()["gaps"]
    hour = 3_600_000
    assert [(g["start_ms"] / hour, g["end_ms"] / hour) for g in gaps] == [
        (5 / 60, 7),  # the server's 07:00 is in its own offset (UTC)
        (7.5, 8 + 55 / 60),
        (9.25, 12),
        (12 + 5 / 60, 13),
        (13.75, 23 + 50 / 60),
    ]
