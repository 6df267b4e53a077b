"""Two devices of one user syncing at the same moment: their batches share the user's daily rows
and, on PostgreSQL, are stored side by side. Each writes the shared rows in one order (by key),
so neither waits for the other while holding a row the other waits for: no deadlock, no error,
every event counted once.

Each round sends two batches at once, one a device, over the same 300 days: one device's
events go forward in time, the other's backward. Written in the events' order, two such batches
locked rows from both ends and met in the middle: PostgreSQL found a deadlock and refused one
(an HTTP 500 to its agent).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy import func, select

from dayglass.catalog.loader import builtin_catalog
from dayglass.core.clock import ManualClock
from dayglass.services.ingest import IngestService
from dayglass.storage.ingest_store import SqlIngestStore
from dayglass.storage.tables import daily_documents, daily_facts

NOW = "2026-11-25T15:30"
FIRST_DAY = date(2025, 1, 1)
DAYS = 300
ROUNDS = 4
SECONDS = 60


def a_batch(device: str, round_: int, forward: bool) -> dict[str, object]:
    """One event a day on each of the days, a minute later each round (so rounds never
    overlap), in time order or against it."""
    days = [FIRST_DAY + timedelta(days=n) for n in range(DAYS)]
    events = [
        {
            "id": f"{round_}-{day.isoformat()}",
            "start": f"{day.isoformat()}T09:{round_:02d}:00+01:00",
            "duration": SECONDS,
            "app": "code",
            "title": "main.py",
        }
        for day in (days if forward else reversed(days))
    ]
    return {"device": device, "source_type": "computers", "events": events}


def one_round_side_by_side(ingest: IngestService, user_id: int, round_: int) -> dict[str, object]:
    """Both devices' batches of a round sent at the same moment: what each stored (or the
    error it met)."""
    at_once = threading.Barrier(2)
    results: dict[str, object] = {}

    def send(device: str, forward: bool) -> None:
        batch = a_batch(device, round_, forward)
        at_once.wait(timeout=10)
        try:
            results[device] = ingest.ingest(user_id, batch).stored
        except Exception as error:
            results[device] = repr(error)

    threads = [
        threading.Thread(target=send, args=("laptop", True)),
        threading.Thread(target=send, args=("desktop", False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_devices_batches_side_by_side_are_all_stored(engine, account):
    clock = ManualClock.at_local(NOW)
    ingest = IngestService(SqlIngestStore(engine, clock), builtin_catalog(), clock)
    for round_ in range(ROUNDS):
        stored = one_round_side_by_side(ingest, account.user_id, round_)
        assert stored == {"laptop": DAYS, "desktop": DAYS}, f"round {round_}"

    expected_ms = 2 * ROUNDS * DAYS * SECONDS * 1000
    with engine.connect() as conn:
        for table in (daily_facts, daily_documents):
            total = conn.execute(
                select(func.sum(table.c.ms)).where(table.c.user_id == account.user_id)
            ).scalar_one()
            assert total == expected_ms, table.name
