"""Time that arrives after its day was closed: the summary and the alerts catch up with it."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Collection
from datetime import date

import httpx

from dayglass.core.alerts import AlertRule, Comparison, Target
from dayglass.core.query import GroupBy, Question, ReportRow
from dayglass.http.app import create_app
from dayglass.http.background import Background
from dayglass.settings import Settings
from event_loops import run_async

WAIT = 30.0  # seconds for the server's background loops (they take milliseconds)


def feed(s, key: str | None = None) -> dict[str, dict]:
    """The summary feed for key (the account's by default), by date."""
    answer = s.get("/anapi/daily_summary_feed", **({"key": key} if key else {}))
    assert answer.status_code == 200, answer.text
    return {day["date"]: day for day in answer.json()}


def statuses(s) -> list[dict]:
    """The alerts feed's triggerings."""
    answer = s.get("/anapi/alerts_feed", op="status")
    assert answer.status_code == 200, answer.text
    return answer.json()


def caught_up(s) -> list:
    """What catching up did for the account (the background may have done it already)."""
    return s.services.day_closer.catch_up(s.user_id)


def eventually(check: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Whether check became true within seconds (for the server's own background loops)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_time_for_closed_days_makes_their_summaries(feed_server):
    s = feed_server
    s.services.day_closer.close_due()  # every day of the last two weeks closed, none with time
    assert feed(s) == {}
    s.ingest(
        s.key,
        ("2026-11-09T10:00:00+01:00", 2 * 3600 + 180, "code"),
        ("2026-11-07T15:00:00+01:00", 50 * 60, "slack"),
    )
    caught_up(s)
    days = feed(s)
    assert sorted(days) == ["2026-11-07", "2026-11-09"]
    assert days["2026-11-09"]["total_duration_formatted"] == "2h 3m"
    assert days["2026-11-09"]["software_development_hours"] == 2.05
    assert days["2026-11-07"]["total_duration_formatted"] == "50m"
    assert days["2026-11-07"]["communication_and_scheduling_duration_formatted"] == "50m"


def test_more_time_updates_a_summary_and_recategorizing_alone_does_not(feed_server):
    s = feed_server
    s.ingest(s.key, ("2026-11-09T10:00:00+01:00", 3600, "code"))
    s.services.day_closer.close_due()
    before = feed(s)["2026-11-09"]
    assert before["very_productive_hours"] == 1.0
    with s.client(s.key) as client:
        moved = client.put(
            "/api/v1/activities/code", json={"category": "Games", "productivity": -2}
        )
        assert moved.status_code == 204, moved.text
    assert caught_up(s) == []
    assert feed(s)["2026-11-09"] == before
    # Late time of the same activity keeps the level the day was frozen with; a new activity
    # takes its categorization as it is now.
    s.ingest(
        s.key,
        ("2026-11-09T12:00:00+01:00", 1800, "code"),
        ("2026-11-09T13:00:00+01:00", 600, "slack"),
    )
    caught_up(s)
    after = feed(s)["2026-11-09"]
    assert after["total_duration_formatted"] == "1h 40m"
    assert after["very_productive_hours"] == 1.5
    assert after["very_distracting_hours"] == 0.0
    assert after["communication_and_scheduling_duration_formatted"] == "10m"
    assert after["software_development_duration_formatted"] == "1h 30m"


def test_a_less_than_alert_is_judged_again_when_late_time_arrives_and_fires_once(feed_server):
    s = feed_server
    rule = {"comparison": "less", "hours": 2, "target": "all_productive"}
    with s.client(s.key) as client:
        assert client.post("/api/v1/alerts", json=rule).status_code == 201
    s.clock.set_local("2026-11-11T00:01")
    s.services.day_closer.close_due()  # the 10th had no time: nothing to judge
    assert statuses(s) == []
    s.ingest(s.key, ("2026-11-10T09:00:00+01:00", 3600, "code"))
    caught_up(s)
    assert eventually(lambda: len(statuses(s)) == 1)
    (fired,) = statuses(s)
    assert fired["description"] == "Less than 2 hours of All Productive Time on 2026-11-10"
    s.ingest(s.key, ("2026-11-10T11:00:00+01:00", 600, "code"))
    caught_up(s)
    s.services.day_closer.close_due()
    assert len(statuses(s)) == 1
    assert feed(s)["2026-11-10"]["total_duration_formatted"] == "1h 10m"


def test_time_stored_just_before_a_restart_is_summarized_when_the_server_starts(
    engine, tmp_path, clock, account, services, app_server
):
    settings = Settings(
        data_dir=tmp_path, database_url=engine.url.render_as_string(hide_password=False)
    )
    rule = AlertRule(Comparison.LESS, 3.0, Target.ALL_PRODUCTIVE)
    today = clock.now()
    clock.set_local("2026-11-05T12:00")  # an alert judges the days from the one it was made on
    services.alerts.add(account.user_id, rule)
    clock.set(today)
    services.day_closer.close_due()  # the days are closed, without time: nothing judged
    # Stored, but the process stopped before its background added it to the closed days.
    batch = {
        "device": "laptop",
        "events": [
            {"id": "a", "start": "2026-11-09T10:00:00+01:00", "duration": 7380, "app": "code"},
            {"id": "b", "start": "2026-11-07T15:00:00+01:00", "duration": 3000, "app": "slack"},
        ],
    }
    assert services.ingest.ingest(account.user_id, batch).stored == 2
    restarted = create_app(settings, engine, clock)
    with app_server(restarted) as url, httpx.Client(timeout=30, base_url=url) as client:

        def summarized() -> list[tuple[str, str]]:
            answer = client.get("/anapi/daily_summary_feed", params={"key": account.key})
            return [(d["date"], d["total_duration_formatted"]) for d in answer.json()]

        assert eventually(lambda: len(summarized()) == 2)
        assert summarized() == [("2026-11-09", "2h 3m"), ("2026-11-07", "50m")]

        def fired() -> list[str]:
            params = {"key": account.key, "op": "status"}
            return [
                t["description"] for t in client.get("/anapi/alerts_feed", params=params).json()
            ]

        assert eventually(lambda: len(fired()) == 2)
        assert sorted(fired()) == [
            "Less than 3 hours of All Productive Time on 2026-11-07",
            "Less than 3 hours of All Productive Time on 2026-11-09",
        ]
    assert services.day_closer.catch_up(account.user_id) == []  # nothing more to add
    assert len(services.alerts.triggerings(account.user_id)) == 2


def test_time_stored_while_its_day_is_being_closed_reaches_the_summary(
    services, clock, account, monkeypatch
):
    """The batch lands between the closing's read of the day and its write of the snapshot,
    and the catch-up that batch wakes runs in that gap too (finding no snapshot to add to)."""
    day = date(2026, 11, 9)
    answer, catch_up = services.reports.answer, services.day_closer.catch_up
    caught_up_after_batch = threading.Event()
    stored = threading.Event()

    def catching_up(user_id: int, changed: Collection[date] | None = None) -> list[date]:
        days = catch_up(user_id, changed)
        if stored.is_set():
            caught_up_after_batch.set()
        return days

    def answering(user_id: int, question: Question) -> list[ReportRow]:
        rows = answer(user_id, question)
        closing_read = question == Question(day, day, GroupBy.ACTIVITY)
        if closing_read and not stored.is_set():
            batch = {
                "device": "laptop",
                "events": [
                    {
                        "id": "a",
                        "start": "2026-11-09T10:00:00+01:00",
                        "duration": 3600,
                        "app": "code",
                    }
                ],
            }
            result = services.ingest.ingest(account.user_id, batch)
            assert result.stored == 1
            stored.set()
            background.alerts_due(account.user_id, result.days)  # as the events route does
            assert caught_up_after_batch.wait(WAIT)  # it ran before the snapshot was written
        return rows

    monkeypatch.setattr(services.reports, "answer", answering)
    monkeypatch.setattr(services.day_closer, "catch_up", catching_up)
    background = Background(services, close_every=0.05)

    def background_closed_through() -> date | None:
        return services.summaries.latest_days().get(account.user_id)

    def summarized() -> dict[date, int]:
        return {s.day: s.parts["total"] for s in services.summaries.recent_days(account.user_id)}

    async def serve_until_summarized() -> None:
        clock.set_local("2026-11-09T23:00")
        await background.start()
        try:
            # Past start-up's catch-up of every user, then the day ends.
            async with asyncio.timeout(WAIT):
                while background_closed_through() != date(2026, 11, 8):
                    await asyncio.sleep(0.05)
            clock.set_local("2026-11-10T12:00")
            async with asyncio.timeout(WAIT):
                while day not in await asyncio.to_thread(summarized):
                    await asyncio.sleep(0.05)
        finally:
            await background.stop()

    run_async(serve_until_summarized())
    assert stored.is_set()
    assert summarized() == {day: 3600}


def test_the_servers_own_background_adds_a_batchs_late_time_to_its_closed_day(feed_server):
    s = feed_server
    s.services.day_closer.close_due()
    s.ingest(s.key, ("2026-11-08T23:30:00+01:00", 3600, "code"))  # into the 9th, local time
    assert eventually(lambda: set(feed(s)) == {"2026-11-08", "2026-11-09"}, WAIT)
    days = feed(s)
    assert days["2026-11-08"]["total_duration_formatted"] == "30m"
    assert days["2026-11-09"]["total_duration_formatted"] == "30m"


def test_catching_up_looks_only_at_the_days_whose_time_changed(services, account):
    services.day_closer.close_due()
    batch = {
        "device": "laptop",
        "events": [
            {"id": "late", "start": "2026-11-08T10:00:00+01:00", "duration": 3600, "app": "code"}
        ],
    }
    late = services.ingest.ingest(account.user_id, batch)
    assert late.days == {date(2026, 11, 8)}
    # Told of other days (one long ago, one closed but unchanged), the 8th is not looked at.
    for other in ({date(2025, 11, 8)}, {date(2026, 11, 7)}, set()):
        assert services.day_closer.catch_up(account.user_id, other) == []
    assert services.summaries.recent_days(account.user_id) == []
    assert services.day_closer.catch_up(account.user_id, late.days) == [date(2026, 11, 8)]
    (summary,) = services.summaries.recent_days(account.user_id)
    assert summary.day == date(2026, 11, 8)
