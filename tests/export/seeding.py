"""A person with something of every kind: time on three devices, offline time, categorization,
schedules, alerts that fired, highlights, FocusTime sessions, closed days and an import cursor."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from dayglass.composition import build_import_cursors
from dayglass.core.alerts import AlertRule, Comparison, Target
from dayglass.core.clock import ManualClock
from dayglass.core.schedules import Window
from dayglass.services.registry import Services

BERLIN = ZoneInfo("Europe/Berlin")
DAYS = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-06", "2026-11-07", "2026-11-09"]
NOW = "2026-11-10T12:00"
LAPTOP = [
    ("code", "main.py - dayglass", None),
    ("code", "", None),
    ("Terminal", "", None),
    ("firefox", "Pull requests", "https://github.com/pulls"),
    ("firefox", "", "https://youtube.com/watch"),
    ("slack", "general", None),
]
PHONE = [("WhatsApp", "", None), ("firefox", "Weather", "https://weather.example/")]


def day_events(day: str, device: list[tuple[str, str, str | None]], seed: int) -> list[dict]:
    """A day of events with fractional seconds and gaps; the phone's overlap the laptop's."""
    rng = random.Random(f"{day}/{seed}")
    at = datetime.fromisoformat(f"{day}T08:00").replace(tzinfo=BERLIN)
    events = []
    for n in range(50):
        app, title, url = rng.choice(device)
        seconds = rng.randint(15, 700) + rng.choice([0, 0.25, 0.5])
        event = {"id": f"{day}-{seed}-{n}", "start": at.isoformat(), "duration": seconds}
        event |= {"app": app, "title": title, "url": url}
        events.append(event)
        at += timedelta(seconds=seconds + rng.choice([0, 0, -30, 40, 900]))
    return events


def seed_person(services: Services, engine: Engine, clock: ManualClock) -> int:
    """Seed one person (Europe/Berlin) on a clock at NOW; the clock is left at NOW."""
    clock.set_local("2026-11-02T07:00")
    person = services.accounts.add_user(
        "grace@example.org", "correct horse", "Grace", "Europe/Berlin"
    )
    services.accounts.create_key(person.id, "laptop agent")
    # Alerts judge the days from the one they were made on.
    services.alerts.add(person.id, AlertRule(Comparison.MORE, 1.0, Target.ALL_PRODUCTIVE))
    services.alerts.add(person.id, AlertRule(Comparison.LESS, 0.5, Target.ACTIVITY, "slack"))
    clock.set_local(NOW)
    for day in DAYS:
        services.ingest.ingest(
            person.id, {"device": "laptop", "events": day_events(day, LAPTOP, 1)}
        )
        phone = {"device": "phone", "source_type": "mobile", "events": day_events(day, PHONE, 2)}
        services.ingest.ingest(person.id, phone)
    late = {"id": "late", "start": "2026-11-03T23:58:10+01:00", "duration": 500, "app": "code"}
    services.ingest.ingest(person.id, {"device": "laptop", "events": [late]})
    today = {"id": "today", "start": "2026-11-10T09:00:00+01:00", "duration": 600, "app": "code"}
    services.ingest.ingest(person.id, {"device": "laptop", "events": [today]})
    services.offline.add(
        person.id,
        {
            "start_time": "2026-11-04 19:00:00",
            "duration": 90,
            "activity_name": "Reading",
            "activity_details": "a book",
        },
    )
    categories = services.categories
    categories.set_activity(person.id, "Slack", "Meetings", None)
    categories.set_activity(person.id, "youtube.com", None, 1)
    categories.set_activity(person.id, "Terminal", "Quality Assurance", -1)
    categories.set_category_productivity(person.id, "Science & Technology", 2)
    services.schedules.add(person.id, "Work hours", [Window(d, 9 * 60, 17 * 60) for d in range(5)])
    services.schedules.add(person.id, "Evenings", [Window(d, 18 * 60, 23 * 60) for d in range(7)])
    services.highlights.add(person.id, "2026-11-03", "Shipped the importer", "laptop")
    services.highlights.add(person.id, "2026-11-09", "Wrote the export")
    client = services.projects.add(person.id, "Client XYZ")
    services.projects.add_rule(person.id, client.id, "activity", "Slack")
    services.projects.add_rule(person.id, client.id, "keyword", "main")
    inner = services.projects.add(person.id, "Dayglass")
    services.projects.add_rule(person.id, inner.id, "activity_pattern", "*code*")
    on_phone = services.projects.add(person.id, "On the phone")
    services.projects.add_rule(person.id, on_phone.id, "device", "PHONE")
    services.projects.assign(person.id, inner.id, date(2026, 11, 4), "10:00", "11:30")
    services.projects.assign(person.id, client.id, date(2026, 11, 4), "11:00", "12:00")
    clock.set_local("2026-11-09T10:00")
    services.focus.start(person.id, 30)
    clock.set_local("2026-11-09T10:20")
    services.focus.end(person.id)
    clock.set_local("2026-11-09T15:00")
    services.focus.start(person.id, 60)
    clock.set_local(NOW)
    services.day_closer.close_due()
    build_import_cursors(engine, clock).set_position(person.id, "activitywatch laptop", DAYS[2])
    return person.id
