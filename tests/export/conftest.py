"""A seeded source server on its own SQLite file, and the test's server (SQLite or PostgreSQL),
both on one clock pinned at Tuesday 2026-11-10 12:00 in Berlin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade
from export.seeding import NOW, seed_person
from serving import LiveServer, in_process_server_on


@pytest.fixture
def clock() -> ManualClock:
    """The test's clock, standing still at NOW in Berlin."""
    return ManualClock.at_local(NOW)


@dataclass
class Seeded:
    """A server holding the seeded person."""

    server: LiveServer
    user_id: int
    key: str


@pytest.fixture
def source(tmp_path, clock: ManualClock) -> Iterator[Seeded]:
    """The seeded person on a server of its own (SQLite), in process."""
    folder = tmp_path / "source"
    folder.mkdir()
    engine = create_db_engine(f"sqlite:///{folder / 'source.sqlite3'}")
    upgrade(engine)
    # Seeded before the server starts, so its background day closing cannot run in between.
    services = build_services(engine, clock)
    user_id = seed_person(services, engine, clock)
    _, key = services.accounts.create_key(user_id, "reading")
    with in_process_server_on(engine, folder, clock) as server:
        yield Seeded(server, user_id, key)
    engine.dispose()
