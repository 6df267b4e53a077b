"""Two Dayglass servers on one pinned clock: a seeded source that stands in for RescueTime, and
the importing server (the `live_server` fixture, on SQLite and PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dayglass.core.clock import ManualClock
from dayglass.http.app import create_app
from dayglass.services.registry import Services
from dayglass.settings import Settings
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade

BERLIN = ZoneInfo("Europe/Berlin")
SOURCE_DAYS = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-06", "2026-11-07", "2026-11-09"]

# What a person does on the laptop: (app, title, url); empty titles and sites included.
LAPTOP = [
    ("code", "main.py - dayglass", None),
    ("code", "README.md - dayglass", None),
    ("Terminal", "", None),
    ("firefox", "Pull requests", "https://github.com/pulls"),
    ("firefox", "Hacker News", "https://news.ycombinator.com/"),
    ("firefox", "", "https://youtube.com/watch"),
    ("slack", "general", None),
    ("Mail", "Inbox", None),
]
PHONE = [("WhatsApp", "", None), ("firefox", "Weather", "https://weather.example/")]


@pytest.fixture
def clock() -> ManualClock:
    """Tuesday 2026-11-10 12:00 in Berlin, standing still (a test moves it by sleeping)."""
    return ManualClock.at_local("2026-11-10T12:00")


@dataclass
class Source:
    """The seeded server standing in for RescueTime: its URL, services and the person's key."""

    url: str
    services: Services
    user_id: int
    key: str


def _day_events(day: str, device: list[tuple[str, str, str | None]], seed: int) -> list[dict]:
    """A day of whole-second events (so bucket splits are whole seconds, as RescueTime's are)."""
    rng = random.Random(f"{day}/{seed}")
    at = datetime.fromisoformat(f"{day}T08:00").replace(tzinfo=BERLIN)
    events = []
    for n in range(60):
        app, title, url = rng.choice(device)
        seconds = rng.randint(15, 700)
        event = {"id": f"{day}-{seed}-{n}", "start": at.isoformat(), "duration": seconds}
        event |= {"app": app, "title": title, "url": url}
        events.append(event)
        at += timedelta(seconds=seconds + rng.choice([0, 0, 0, 40, 900]))
    return events


def seed_source(services: Services) -> tuple[int, str]:
    """A person in Berlin with a week of time on two devices and categorization of their own."""
    person = services.accounts.add_user(
        "grace@example.org", "correct horse", "Grace", "Europe/Berlin"
    )
    _, key = services.accounts.create_key(person.id, "export")
    for day in SOURCE_DAYS:
        services.ingest.ingest(
            person.id, {"device": "laptop", "events": _day_events(day, LAPTOP, 1)}
        )
        # The phone overlaps the laptop: some buckets hold more than 300 seconds.
        phone = _day_events(day, PHONE, 2)[:12]
        services.ingest.ingest(person.id, {"device": "phone", "events": phone})
    # Late evening into the next day, and today (not yet a whole day: not imported).
    late = {"id": "late", "start": "2026-11-03T23:58:10+01:00", "duration": 500, "app": "code"}
    services.ingest.ingest(person.id, {"device": "laptop", "events": [late]})
    today = {"id": "today", "start": "2026-11-10T09:00:00+01:00", "duration": 600, "app": "code"}
    services.ingest.ingest(person.id, {"device": "laptop", "events": [today]})
    categories = services.categories
    categories.set_activity(person.id, "Slack", "Meetings", None)
    categories.set_activity(person.id, "youtube.com", None, 1)
    categories.set_activity(person.id, "Terminal", "Quality Assurance", -1)
    categories.set_category_productivity(person.id, "Science & Technology", 2)
    return person.id, key


@pytest.fixture
def source_app(tmp_path, clock: ManualClock):
    """The source's app on its own SQLite file, seeded (not yet served)."""
    folder = tmp_path / "source"
    folder.mkdir()
    url = f"sqlite:///{folder / 'source.sqlite3'}"
    engine = create_db_engine(url)
    upgrade(engine)
    app = create_app(Settings(data_dir=folder, database_url=url), engine, clock)
    yield app
    engine.dispose()


@pytest.fixture
def source(source_app, app_server) -> Iterator[Source]:
    """The seeded source, served over real HTTP."""
    services: Services = source_app.state.services
    user_id, key = seed_source(services)
    with app_server(source_app) as url:
        yield Source(url, services, user_id, key)
