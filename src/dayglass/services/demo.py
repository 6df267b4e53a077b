"""Demo data: a plausible person's last weeks on a laptop and a phone, and a small team."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dayglass.core.clock import Clock
from dayglass.core.errors import NotFound
from dayglass.core.teams import Organization, Share
from dayglass.services.accounts import AccountService
from dayglass.services.ingest import IngestService
from dayglass.services.teams import TeamService

# (weight, app, url or None, titles)
Choice = tuple[int, str, str | None, list[str]]

# What the laptop shows in working hours.
_WORK: list[Choice] = [
    (
        30,
        "code",
        None,
        [
            "ingest.py - dayglass",
            "reports.py - dayglass",
            "test_ingest.py - dayglass",
            "README.md - dayglass",
            "pyproject.toml - dayglass",
            "models.py - billing",
        ],
    ),
    (
        10,
        "gnome-terminal-server",
        None,
        ["pytest -q", "git log --oneline", "htop", "psql dayglass"],
    ),
    (
        8,
        "firefox",
        "https://github.com/dayglass/dayglass/pulls",
        ["Pull requests · dayglass/dayglass", "Fix bucket split at DST · Pull Request #42"],
    ),
    (
        6,
        "firefox",
        "https://stackoverflow.com/questions/tagged/sqlalchemy",
        ["How to upsert in SQLAlchemy 2? - Stack Overflow", "SQLite WAL mode and readers"],
    ),
    (
        5,
        "firefox",
        "https://docs.python.org/3/library/zoneinfo.html",
        ["zoneinfo — IANA time zone support", "datetime — Basic date and time types"],
    ),
    (7, "slack", None, ["#engineering | Dayglass", "#random | Dayglass", "Direct message: Ana"]),
    (
        6,
        "firefox",
        "https://mail.google.com/mail/u/0/#inbox",
        ["Inbox (12) - mail", "Re: quarterly planning - mail"],
    ),
    (4, "zoom", None, ["Zoom Meeting", "Weekly sync"]),
    (3, "libreoffice-writer", None, ["design-notes.odt - LibreOffice Writer"]),
    (3, "figma-linux", None, ["Dashboard v3 – Figma"]),
    (2, "firefox", "https://calendar.google.com/calendar/r/week", ["Google Calendar - Week"]),
    (2, "keepassxc", None, ["passwords.kdbx - KeePassXC"]),
    (2, "tuxguitar", None, ["untitled.tg - TuxGuitar"]),
    (3, "firefox", "https://www.reddit.com/r/programming/", ["r/programming"]),
    (
        3,
        "firefox",
        "https://www.youtube.com/watch?v=demo",
        ["Lo-fi beats to code to - YouTube", "Talk: SQLite internals - YouTube"],
    ),
    (2, "firefox", "https://www.nytimes.com/", ["The New York Times - Breaking News"]),
    (1, "spotify", None, ["Spotify Premium"]),
]
# What the phone shows through the day.
_PHONE: list[Choice] = [
    (4, "WhatsApp", None, ["Family", "Ana"]),
    (3, "Instagram", None, ["Feed"]),
    (2, "Google Maps", None, ["Directions"]),
    (2, "Chrome", "https://news.ycombinator.com/", ["Hacker News"]),
    (1, "Gmail", None, ["Inbox"]),
]


@dataclass(frozen=True)
class _Device:
    name: str
    source_type: str
    choices: list[Choice]


def _pick(rng: random.Random, choices: list[Choice]) -> tuple[str, str | None, str]:
    weights = [c[0] for c in choices]
    _, app, url, titles = rng.choices(choices, weights)[0]
    return app, url, rng.choice(titles)


def _sessions(rng: random.Random, day: date) -> list[tuple[time, time]]:
    if day.weekday() >= 5:
        return [(time(10, rng.randint(0, 50)), time(11, rng.randint(0, 50)))]
    return [
        (time(8, 45 + rng.randint(0, 14)), time(12, rng.randint(0, 30))),
        (time(13, 15 + rng.randint(0, 30)), time(17, rng.randint(15, 59))),
    ]


def _events(
    rng: random.Random, device: _Device, day: date, zone: ZoneInfo, limit: datetime
) -> Iterator[dict[str, object]]:
    sessions = (
        _sessions(rng, day)
        if device.source_type == "computers"
        else [(time(h, rng.randint(0, 40)), time(h, 59)) for h in (8, 12, 19, 21)]
    )
    n = 0
    for begin, finish in sessions:
        at = datetime.combine(day, begin, zone)
        end = datetime.combine(day, finish, zone)
        while at < end and at < limit:
            app, url, title = _pick(rng, device.choices)
            seconds = min(rng.lognormvariate(3.6, 1.0), 1800.0)
            if device.source_type == "mobile":
                seconds = min(seconds, 300.0)
            n += 1
            yield {
                "id": f"demo-{device.name}-{day.isoformat()}-{n}",
                "start": at.isoformat(),
                "duration": round(seconds, 1),
                "app": app,
                "title": title,
                "url": url,
            }
            at += timedelta(seconds=seconds + (rng.random() * 20 if rng.random() < 0.3 else 0))
            if device.source_type == "mobile" and rng.random() < 0.6:
                at += timedelta(minutes=rng.randint(5, 20))


_DEVICES = [_Device("laptop", "computers", _WORK), _Device("phone", "mobile", _PHONE)]


def demo_batches(
    days: int, timezone: str, now: datetime, person: str = "", devices: int = 2
) -> Iterator[dict[str, object]]:
    """Ingest batches for the last `days` local days (today up to now), the same every run;
    each person (a name) has days of their own, on the first `devices` devices."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        for device in _DEVICES[:devices]:
            rng = random.Random(f"{person}{device.name}:{day.isoformat()}")
            events = list(_events(rng, device, day, zone, now - timedelta(minutes=1)))
            if events:
                yield {"device": device.name, "source_type": device.source_type, "events": events}


def load_demo(
    ingest: IngestService, user_id: int, timezone: str, clock: Clock, days: int = 14
) -> int:
    """Add demo data for a user up to the clock's now; running it again adds only what is new."""
    batches = demo_batches(days, timezone, clock.now())
    return sum(ingest.ingest(user_id, batch).stored for batch in batches)


DEMO_ORG = "Demo team"
# (display name, group, what they share, by name): varied consent, three people a group.
DEMO_MEMBERS = (
    ("Ana Lima", "Engineering", Share.DOCUMENTS, True),
    ("Ben Okafor", "Engineering", Share.ACTIVITIES, True),
    ("Chloé Martin", "Engineering", Share.TOTALS, False),
    ("Dev Patel", "Design", Share.CATEGORIES, True),
    ("Eva Novak", "Design", Share.TOTALS, True),
    ("Finn Berg", "Design", Share.ACTIVITIES, False),
)


def _demo_person(accounts: AccountService, name: str, timezone: str) -> int:
    """The demo member's account, made once (nobody signs in as them: a random password)."""
    email = name.split()[0].lower().replace("é", "e") + "@demo.dayglass.local"
    try:
        return accounts.user_by_email(email).id
    except NotFound:
        return accounts.add_user(email, secrets.token_urlsafe(16), name, timezone).id


def load_demo_team(
    teams: TeamService,
    accounts: AccountService,
    ingest: IngestService,
    owner_id: int,
    clock: Clock,
    days: int = 3,
) -> Organization:
    """A small organization owned by owner_id, who manages its two groups of three members
    (varied consent) with `days` days of laptop time each; made once, time added again."""
    owner = accounts.user(owner_id)
    made = [org for org, _ in teams.orgs(owner_id) if org.name == DEMO_ORG]
    org = made[0] if made else teams.create(DEMO_ORG, owner_id)
    groups = {g.name: g for g in teams.groups(None, org.id)}
    members = {m.user_id for m in teams.members(None, org.id)}
    for name, group, share, by_name in DEMO_MEMBERS:
        user_id = _demo_person(accounts, name, owner.timezone)
        if group not in groups:
            groups[group] = teams.add_group(None, org.id, group)
            teams.link(None, org.id, groups[group].id, owner_id, "managers", True)
        if user_id not in members:
            _, code = teams.invite(None, org.id)
            teams.join(user_id, code, share, by_name)
            teams.link(None, org.id, groups[group].id, user_id, "members", True)
        batches = list(demo_batches(days, owner.timezone, clock.now(), name, devices=1))
        if batches:  # one batch: a few days of one laptop, one write
            events = [e for b in batches for e in b["events"]]  # type: ignore[attr-defined]
            ingest.ingest(user_id, {**batches[0], "events": events})
    return org
