"""On SQLite a process works on one batch at a time: a second batch waits for the first to be
stored. Elsewhere batches go side by side."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dayglass.catalog.loader import builtin_catalog
from dayglass.core.clock import ManualClock
from dayglass.services.ingest import IngestService
from dayglass.services.ports import DeviceBatch
from dayglass.storage.ingest_store import SqlIngestStore

NOW = "2026-11-25T15:30"
# How long the test gives a second batch to reach the store while the first is there: ample
# for a batch of one event; without one batch at a time it got there within milliseconds.
CHANCE_SECONDS = 0.5


class HeldStore:
    """An ingest store that holds the first batch inside its transaction until released, and
    notes which batches came in while it was held."""

    def __init__(self, store: SqlIngestStore) -> None:
        self._store = store
        self.first_inside = threading.Event()
        self.release = threading.Event()
        self.second_arrived = threading.Event()
        self.arrived_while_held: list[str] = []
        self._held = False

    @contextmanager
    def device_batch(self, user_id: int, device: str, source_type: str) -> Iterator[DeviceBatch]:
        if self._held:
            self.arrived_while_held.append(device)
        if device == "second":
            self.second_arrived.set()
        with self._store.device_batch(user_id, device, source_type) as batch:
            if device == "first":
                self._held = True
                self.first_inside.set()
                self.release.wait(timeout=10)
                self._held = False
            yield batch


def a_batch(device: str) -> dict[str, object]:
    event = {"id": "1", "start": "2026-11-20T09:00:00+01:00", "duration": 60, "app": "code"}
    return {"device": device, "source_type": "computers", "events": [event]}


def second_batch_while_the_first_is_held(
    engine, user_id: int, one_batch_at_a_time: bool
) -> tuple[bool, HeldStore, dict]:
    """Send a batch, and a second while the first is in the store: whether the second reached
    the store before the first was let go, the store, and both results."""
    clock = ManualClock.at_local(NOW)
    store = HeldStore(SqlIngestStore(engine, clock))
    ingest = IngestService(store, builtin_catalog(), clock, one_batch_at_a_time)  # type: ignore[arg-type]
    results = {}

    def send(device: str) -> None:
        results[device] = ingest.ingest(user_id, a_batch(device))

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert store.first_inside.wait(timeout=10)
    second = threading.Thread(target=send, args=("second",))
    second.start()
    arrived_early = store.second_arrived.wait(timeout=CHANCE_SECONDS)
    store.release.set()
    first.join(timeout=10)
    second.join(timeout=10)
    return arrived_early, store, results


def test_a_second_batch_waits_until_the_first_is_stored(engine, account):
    arrived_early, store, results = second_batch_while_the_first_is_held(
        engine, account.user_id, one_batch_at_a_time=True
    )
    assert not arrived_early
    assert store.arrived_while_held == []
    assert (results["first"].stored, results["second"].stored) == (1, 1)


def test_without_it_a_second_batch_comes_in_beside_the_first(engine, account):
    arrived_early, store, results = second_batch_while_the_first_is_held(
        engine, account.user_id, one_batch_at_a_time=False
    )
    assert arrived_early
    assert store.arrived_while_held == ["second"]
    assert (results["first"].stored, results["second"].stored) == (1, 1)


def test_the_servers_services_take_one_batch_at_a_time_on_sqlite_only(services, engine):
    one_at_a_time = engine.dialect.name == "sqlite"
    assert isinstance(services.ingest._batches, type(threading.Lock())) == one_at_a_time
