"""Ingest: validate a batch, drop what was already sent, clip overlaps, add facts."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput, PayloadTooLarge
from dayglass.core.events import AcceptedEvent, IngestResult, Rejection
from dayglass.core.localtime import DAY_SECONDS, local_to_day
from dayglass.core.naming import activity_of, document_of
from dayglass.core.spans import Coverage, Span, split_into_buckets
from dayglass.core.taxonomy import Catalog
from dayglass.services.event_schema import EVENT, EVENTS, MAX_EVENTS, BatchIn, EventIn
from dayglass.services.ports import DeviceBatch, FactKey, IngestStore

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(minutes=10)


_NAMING_CACHE = 100_000
_EARLIEST_MS = EARLIEST.timestamp() * 1000
_MAX_OFFSET_MIN = 14 * 60


def _problem(event: AcceptedEvent, latest_ms: float) -> str | None:
    """Why a well-formed event still cannot be counted, if it cannot."""
    if abs(event.utc_offset_min) > _MAX_OFFSET_MIN:
        return "start: UTC offset beyond ±14:00"
    if event.start_ms < _EARLIEST_MS:
        return "start: before 2000-01-01"
    if event.end_ms > latest_ms:
        return "start: the event ends in the future"
    return None


def _reason(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error["loc"][1:]) or "event"
    return f"{where}: {error['msg']}"


class IngestService:
    """Takes batches of events from agents and importers.

    On SQLite, whose writers take turns anyway, a process works on one batch at a time
    (`one_batch_at_a_time`): a batch is mostly Python work under the process's one GIL
    (validating, counting), and a second batch in the same process only took the GIL from the
    first, the one holding the turn to write included. `bench/load.py --databases sqlite
    --endpoints ingest --seconds 5` (batches of 1,000), three alternating pairs, 2 workers:
    50, 48 and 55 batches/s at 4, 16 and 64 clients before, 59, 59 and 67 after; 1 worker
    unchanged; 4 clients ingesting beside 16 querying 23 -> 21 batches/s (p99 284 -> 316 ms).
    On PostgreSQL, where a batch mostly waits on the network and batches of different devices
    write side by side, no difference could be told from the noise.
    """

    def __init__(
        self,
        store: IngestStore,
        catalog: Catalog,
        clock: Clock,
        one_batch_at_a_time: bool = False,
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._clock = clock
        self._activities: dict[tuple[str, str | None], str] = {}
        self._batches: AbstractContextManager[object] = (
            threading.Lock() if one_batch_at_a_time else nullcontext()
        )

    def ingest(self, user_id: int, body: object) -> IngestResult:
        """Store a batch; bad events are rejected one by one, never the whole batch."""
        with self._batches:
            return self._ingest(user_id, body)

    def _ingest(self, user_id: int, body: object) -> IngestResult:
        batch = self._parse_batch(body)
        accepted, rejected = self._validate(batch.events)
        unique = _first_of_each_id(accepted)
        # Worked out before the turn to write (writers take turns): the facts of a batch that is
        # all new and overlaps no stored time, as almost every batch is.
        alone = _facts(unique, Coverage())
        with self._store.device_batch(user_id, batch.device, batch.source_type) as device:
            stored = _stored_spans(device, unique)  # before the batch's own rows are stored
            new = device.store_new(unique)
            all_new = len(new) == len(unique)
            added = alone if all_new and not stored else _facts(new, Coverage(stored))
            device.add_facts(added)
        return IngestResult(len(new), len(accepted) - len(new), tuple(rejected), _days(added))

    def _parse_batch(self, body: object) -> BatchIn:
        events = body.get("events") if isinstance(body, dict) else None
        if isinstance(events, list) and len(events) > MAX_EVENTS:
            raise PayloadTooLarge(f"at most {MAX_EVENTS} events a request")
        try:
            return BatchIn.model_validate(body)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise InvalidInput(f"{where}: {first['msg']}") from None

    def _validate(self, raw: list[Any]) -> tuple[list[AcceptedEvent], list[Rejection]]:
        parsed: Sequence[EventIn | None]
        rejected: list[Rejection] = []
        try:
            parsed = EVENTS.validate_python(raw)
        except ValidationError:
            parsed = [self._validate_one(i, item, rejected) for i, item in enumerate(raw)]
        latest_ms = (self._clock.now() + CLOCK_SKEW).timestamp() * 1000
        accepted: list[AcceptedEvent] = []
        for index, event in enumerate(parsed):
            if event is None:
                continue
            candidate = self._accept(event)
            problem = _problem(candidate, latest_ms)
            if problem:
                rejected.append(Rejection(index, event["id"], problem))
            else:
                accepted.append(candidate)
        rejected.sort(key=lambda r: r.index)
        return accepted, rejected

    @staticmethod
    def _validate_one(index: int, item: object, rejected: list[Rejection]) -> EventIn | None:
        try:
            return EVENT.validate_python(item)
        except ValidationError as error:
            event_id = item.get("id") if isinstance(item, dict) else None
            reason = "; ".join(_reason({**e, "loc": ("", *e["loc"])}) for e in error.errors())
            known_id = event_id if isinstance(event_id, str) else None
            rejected.append(Rejection(index, known_id, reason))
            return None

    def _accept(self, event: EventIn) -> AcceptedEvent:
        app, title, url = event["app"], event.get("title", ""), event.get("url")
        activity = self._activities.get((app, url))
        if activity is None:
            if len(self._activities) > _NAMING_CACHE:
                self._activities.clear()
            activity = activity_of(app, url, self._catalog.canonical_app)
            self._activities[(app, url)] = activity
        start = event["start"]
        offset = start.utcoffset()
        return AcceptedEvent(
            client_id=event["id"],
            start_ms=round(start.timestamp() * 1000),
            duration_ms=max(round(event["duration"] * 1000), 1),
            utc_offset_min=int(offset.total_seconds() // 60) if offset else 0,
            app=app,
            title=title,
            url=url,
            activity=activity,
            document=document_of(title, url),
        )


def _first_of_each_id(events: Sequence[AcceptedEvent]) -> list[AcceptedEvent]:
    """The events but for a repeat of an id earlier in the batch: it counts once."""
    seen: set[str] = set()
    first: list[AcceptedEvent] = []
    for event in events:
        if event.client_id not in seen:
            seen.add(event.client_id)
            first.append(event)
    return first


def _stored_spans(device: DeviceBatch, events: Sequence[AcceptedEvent]) -> list[Span]:
    """The device's stored time that may overlap the events."""
    if not events:
        return []
    low = min(e.start_ms for e in events)
    high = max(e.end_ms for e in events)
    return device.counted_spans(low, high)


def _days(fact_ms: Mapping[FactKey, int]) -> frozenset[date]:
    """The local days of the facts' buckets."""
    midnights = {bucket - bucket % DAY_SECONDS for bucket, _, _ in fact_ms}
    return frozenset(local_to_day(midnight) for midnight in midnights)


def _facts(events: Sequence[AcceptedEvent], coverage: Coverage) -> dict[FactKey, int]:
    """The events' milliseconds by 5-minute bucket, activity and document, counting no time
    twice: not what coverage holds, nor what an earlier event of the batch claimed."""
    fact_ms: dict[FactKey, int] = defaultdict(int)
    for event in events:
        for part in coverage.claim((event.start_ms, event.end_ms)):
            for bucket, ms in split_into_buckets(part, event.utc_offset_min):
                fact_ms[(bucket, event.activity, event.document)] += ms
    return fact_ms
