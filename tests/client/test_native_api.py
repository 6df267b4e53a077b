"""The native `/api/v1` API through DayglassClient, checked against the raw HTTP answers."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from dayglass.client import (
    DayglassClient,
    Event,
    IngestResult,
    NotFound,
    Rejected,
    Window,
)

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 10)


def at(hour: int, minute: int = 0) -> datetime:
    """A moment of the test day in Berlin."""
    return datetime(2026, 11, 10, hour, minute, tzinfo=BERLIN)


EVENTS = [
    Event("1", at(9), 3600, "code", title="main.py - dayglass"),
    Event("2", at(10), 1800, "firefox", title="Pull requests", url="https://github.com/pulls"),
]


def test_events_are_stored_once_and_the_report_is_the_servers(client: DayglassClient, raw):
    bad = {"id": "3", "start": at(11).isoformat(), "duration": -1, "app": "code"}
    first = client.post_events("laptop", [*EVENTS, bad])
    assert first.stored == 2 and first.duplicates == 0
    assert first.rejected == [Rejected(2, "3", first.rejected[0].reason)]
    assert "duration" in first.rejected[0].reason
    assert client.post_events("laptop", EVENTS) == IngestResult(0, 2, [])

    for grouping, resolution in [("activity", "none"), ("productivity", "hour")]:
        report = client.report(begin=DAY, end=DAY, group_by=grouping, resolution=resolution)
        answer = raw.get(
            "/api/v1/report",
            params={
                "begin": "2026-11-10",
                "end": "2026-11-10",
                "group_by": grouping,
                "resolution": resolution,
            },
        ).json()
        assert report.begin == DAY and report.end == DAY
        assert (report.group_by, report.resolution) == (grouping, resolution)
        assert [asdict(r) for r in report.rows] == answer["rows"]
    by_app = client.report(begin=DAY, group_by="activity")
    assert sorted(r.seconds for r in by_app.rows) == [1800, 3600]
    only = client.report(begin=DAY, group_by="document", activity=by_app.rows[0].activity)
    assert [r.seconds for r in only.rows] == [by_app.rows[0].seconds]
    assert client.report(begin=DAY, source_type="mobile").rows == []
    assert sum(r.seconds for r in client.report(productivity=2, begin=DAY).rows) == sum(
        r["seconds"] for r in raw.get("/api/v1/report", params={"productivity": 2}).json()["rows"]
    )


def test_categorization_is_listed_overridden_and_reset(client: DayglassClient, raw):
    client.post_events("laptop", EVENTS)
    activities = client.activities()
    assert [asdict(a) for a in activities] == raw.get("/api/v1/activities").json()
    name = next(a.activity for a in activities if a.seconds == 3600)

    client.set_activity(name, category="Games", productivity=-2)
    changed = next(a for a in client.activities() if a.activity == name)
    assert (changed.category, changed.productivity, changed.overridden) == ("Games", -2, True)
    client.reset_activity(name)
    assert next(a for a in client.activities() if a.activity == name).overridden is False

    categories = client.categories()
    assert [asdict(c) for c in categories] == raw.get("/api/v1/categories").json()
    games = next(c for c in categories if c.category == "Games")
    client.set_category("Games", 2)
    assert next(c for c in client.categories() if c.category == "Games").productivity == 2
    client.set_category("Games", None)
    assert next(c for c in client.categories() if c.category == "Games") == games


def test_keys_are_listed_made_and_revoked(client: DayglassClient, live_server):
    (first,) = client.api_keys()
    assert first.active and first.label == "test" and first.created_at.tzinfo is not None
    made = client.create_key("script")
    assert made.key.startswith(made.record.prefix) and made.record.label == "script"
    with DayglassClient(made.key, base_url=live_server.url) as second:
        assert [k.id for k in second.api_keys()] == [made.record.id, first.id]
    revoked = client.revoke_key(made.record.id)
    assert revoked.id == made.record.id and not revoked.active and revoked.revoked_at
    assert [k.active for k in client.api_keys()] == [False, True]


def test_schedules_are_made_read_used_and_removed(client: DayglassClient, raw):
    windows = [Window(["mon", "tue", "wed", "thu", "fri"], "09:00", "10:30")]
    made = client.add_schedule("work", windows)
    assert (made.name, made.windows) == ("work", windows)
    assert client.schedule(made.id) == made
    assert [asdict(s) for s in client.schedules()] == raw.get("/api/v1/schedules").json()

    client.post_events("laptop", EVENTS)  # 09:00-10:00 code, 10:00-10:30 firefox: all inside
    inside = client.data(restrict_begin=DAY, restrict_end=DAY, restrict_schedule_id=made.id)
    assert sum(int(c) for c in inside.column("Time Spent (seconds)")) == 5400

    client.remove_schedule(made.id)
    assert client.schedules() == []
    with pytest.raises(NotFound):
        client.schedule(made.id)


def test_alerts_are_defined_changed_fire_and_are_removed(client: DayglassClient, raw, live_server):
    alert = client.add_alert("less", 2, "all_productive")
    assert (alert.comparison, alert.hours, alert.target, alert.value) == (
        "less",
        2.0,
        "all_productive",
        None,
    )
    assert client.alert(alert.id) == alert
    changed = client.change_alert(alert.id, "less", 3, "all_productive", webhook_url=None)
    assert changed.hours == 3.0 and changed.id == alert.id
    assert client.alerts() == [changed]
    other = client.add_alert("more", 5, "overview", "Entertainment")
    assert other.value == "Entertainment"
    assert [a["id"] for a in raw.get("/api/v1/alerts").json()] == [alert.id, other.id]

    client.post_events("laptop", EVENTS)
    live_server.services.clock.set_local("2026-11-11T00:01")
    live_server.services.day_closer.close_due()
    (fired,) = client.alert_triggerings()
    assert fired.alert_id == alert.id and fired.date == DAY
    assert fired.description == "Less than 3 hours of All Productive Time on 2026-11-10"
    assert client.alert_triggerings(alert_id=other.id) == []
    raw_fired = raw.get("/api/v1/alerts/triggerings").json()
    assert raw_fired[0]["created_at"] == fired.created_at.isoformat()

    client.remove_alert(other.id)
    with pytest.raises(NotFound):
        client.alert(other.id)
    assert [a.id for a in client.alerts()] == [alert.id]


def test_highlights_are_added_changed_filtered_and_removed(client: DayglassClient, raw):
    made = client.add_highlight(DAY, "Shipped v1", source="git")
    assert (made.date, made.description, made.source) == (DAY, "Shipped v1", "git")
    earlier = client.add_highlight("2026-11-09", "Planned v1")
    changed = client.change_highlight(earlier.id, date(2026, 11, 8), "Planned it")
    assert (changed.date, changed.description, changed.source) == (
        date(2026, 11, 8),
        "Planned it",
        None,
    )
    assert [h.id for h in client.highlights()] == [
        h["id"] for h in raw.get("/api/v1/highlights").json()
    ]
    assert client.highlights(begin=DAY, end=DAY) == [made]
    client.remove_highlight(made.id)
    assert client.highlights() == [changed]


def test_offline_time_is_added_changed_counted_and_removed(client: DayglassClient, raw):
    entry = client.add_offline(datetime(2026, 11, 10, 8, 0), "Meeting", duration=60)
    assert entry.minutes == 60 and entry.activity_name == "Meeting"
    assert entry.start == at(8) and entry.end == at(9)
    changed = client.change_offline(
        entry.id,
        "2026-11-10 07:00:00",
        "Meeting",
        end_time="2026-11-10 07:45:00",
        activity_details="planning",
    )
    assert (changed.minutes, changed.activity_details) == (45, "planning")
    assert [asdict(e)["id"] for e in client.offline_entries()] == [
        e["id"] for e in raw.get("/api/v1/offline").json()
    ]
    offline = client.data(restrict_begin=DAY, restrict_end=DAY, restrict_source_type="offline")
    assert offline.column("Time Spent (seconds)") == [2700]
    client.remove_offline(entry.id)
    assert client.offline_entries() == []


def test_focus_sessions_start_end_and_are_listed(client: DayglassClient, raw):
    idle = client.focus()
    assert (idle.active, idle.started_at, idle.ends_at) == (False, None, None)
    running = client.start_focus(25)
    assert running.active and running.started_at == at(12) and running.ends_at == at(12, 25)
    assert client.focus() == running
    assert client.end_focus().active is False
    (session,) = client.focus_sessions()
    assert (session.minutes, session.started_at, session.ended_at) == (25, at(12), at(12))
    assert raw.get("/api/v1/focus/sessions").json()[0]["id"] == session.id
