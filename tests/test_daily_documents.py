"""The daily document rollup stays the facts summed per local day, activity and document
through ingest, offline time taken back and deleted days, on both databases; the migration
fills it from facts already stored."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from databases import upgraded_with_old_facts
from dayglass.core.clock import ManualClock
from dayglass.storage.tables import daily_documents, facts

DAY = "2026-11-10"


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after the days these tests store, at any real time."""
    return ManualClock.at_local("2026-11-25T15:30")


def _summed_facts(engine) -> dict[tuple[int, ...], int]:
    sums: dict[tuple[int, ...], int] = defaultdict(int)
    with engine.connect() as conn:
        for user, bucket, source, activity, document, _, ms in conn.execute(select(facts)):
            sums[(user, bucket - bucket % 86_400, source, activity, document)] += ms
    return dict(sums)


def _rollup(engine) -> dict[tuple[int, ...], int]:
    with engine.connect() as conn:
        return {tuple(row[:-1]): row[-1] for row in conn.execute(select(daily_documents))}


def _event(i: int, start: str, seconds: int, app: str, title: str) -> dict:
    return {"id": f"e{i}", "start": start, "duration": seconds, "app": app, "title": title}


def test_the_rollup_follows_ingest_offline_time_and_deleted_days(services, engine):
    user = services.accounts.add_user("ada@example.org", "password1", None, "Europe/Berlin")
    events = [
        _event(1, f"{DAY}T23:50:00+01:00", 1200, "code", "main.py"),  # crosses midnight
        _event(2, f"{DAY}T09:00:00+01:00", 600, "code", "notes.txt"),
        _event(3, "2026-11-12T09:00:00+01:00", 300, "slack", "general"),
    ]
    services.ingest.ingest(user.id, {"device": "laptop", "events": events})
    services.ingest.ingest(user.id, {"device": "laptop", "events": events})  # nothing new
    fields = {"start_time": f"{DAY} 14:00:00", "duration": 30, "activity_name": "Meeting"}
    entry = services.offline.add(user.id, {**fields, "activity_details": "Planning"})
    assert _rollup(engine) == _summed_facts(engine)
    assert len(_rollup(engine)) == 5
    services.offline.remove(user.id, entry.id)
    assert _rollup(engine) == _summed_facts(engine)
    assert len(_rollup(engine)) == 4
    services.deletions.delete_range(user.id, date(2026, 11, 11), date(2026, 11, 12))
    assert _rollup(engine) == _summed_facts(engine)
    assert len(_rollup(engine)) == 2


def test_the_migration_fills_the_rollup_from_existing_facts(tmp_path):
    engine = upgraded_with_old_facts(tmp_path / "old.sqlite3", "0011")
    assert _rollup(engine) == _summed_facts(engine)
    assert len(_rollup(engine)) == 4
