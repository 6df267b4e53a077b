"""Migration 0016: facts gain their device, and existing facts keep their time exactly."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from alembic import command
from sqlalchemy import Engine, select, text

from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.storage.migrate import alembic_config, upgrade
from dayglass.storage.tables import daily_documents, daily_facts, devices, facts

T = "2026-11-20T"


def _event(i: int, start: str, seconds: float, app: str, title: str, url: str | None = None):
    return {"id": f"e{i}", "start": f"{T}{start}+01:00", "duration": seconds, "app": app} | {
        "title": title,
        "url": url,
    }


# (device, source type, events): two devices on the same file in the same minutes, overlapping
# events within one device, an import of no device beside the laptop, offline time.
BATCHES: list[tuple[str, str, list[dict[str, Any]]]] = [
    (
        "laptop",
        "computers",
        [
            _event(1, "09:00:00", 700, "code", "main.py"),
            _event(2, "09:08:00", 400, "code", "main.py"),  # overlaps the first: clipped
            _event(3, "09:20:00", 90, "slack", "general"),
        ],
    ),
    (
        "desktop",
        "computers",
        [
            _event(1, "09:02:30", 500, "code", "main.py"),
            _event(2, "09:20:00", 30, "slack", "general"),
            _event(3, "10:00:00", 600, "firefox", "Invoice", "https://crm.io/a"),
        ],
    ),
    ("phone", "mobile", [_event(1, "09:01:00", 200, "code", "main.py")]),
    ("import/rescuetime", "computers", [_event(1, "09:21:00", 120, "slack", "general")]),
    ("laptop", "offline", [_event(9, "13:00:00", 1800, "Meeting", "")]),
]


def _store(engine: Engine) -> None:
    services = build_services(engine, ManualClock.at_local("2026-11-25T15:30"))
    ada = services.accounts.add_user("ada@example.org", "password1", None, "Europe/Berlin")
    for device, source, events in BATCHES:
        body = {"device": device, "source_type": source, "events": events}
        assert not services.ingest.ingest(ada.id, body).rejected
    # Another person with one device: all of her time is that device's.
    grace = services.accounts.add_user("grace@example.org", "password1", None, "Europe/Berlin")
    one = {"device": "mine", "source_type": "computers", "events": BATCHES[0][2]}
    assert not services.ingest.ingest(grace.id, one).rejected


def _rows(engine: Engine, table: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(select(table)))


def _downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def _by_old_key(rows: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], int]:
    summed: dict[tuple[Any, ...], int] = defaultdict(int)
    for *key, _device, ms in rows:
        summed[tuple(key)] += ms
    return dict(summed)


def test_the_migration_gives_existing_facts_their_devices(engine):
    """Facts stored at the head, migrated down (devices summed) and up again: the same rows."""
    _store(engine)
    stored = _rows(engine, facts)
    rollups = (_rows(engine, daily_facts), _rows(engine, daily_documents))
    with engine.connect() as conn:
        ids = dict(conn.execute(select(devices.c.name, devices.c.id)).all())
    on = {row[5] for row in stored}
    # Ingest keeps the device; offline time and the import have none (0).
    assert on == {0, ids["laptop"], ids["desktop"], ids["phone"], ids["mine"]}
    _downgrade(engine, "0015")
    with engine.connect() as conn:
        old = conn.execute(text("SELECT * FROM facts")).all()
    assert len(old[0]) == 6  # no device_id at 0015
    assert {tuple(row[:-1]): row[-1] for row in old} == _by_old_key(stored)
    upgrade(engine)
    # Every fact back on its device with its time, split where devices shared a bucket.
    assert _rows(engine, facts) == stored
    assert (_rows(engine, daily_facts), _rows(engine, daily_documents)) == rollups
