"""Offline time: entries stored as time of source type `offline`, through ingest like any time."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput, NotFound
from dayglass.core.naming import activity_of, document_of
from dayglass.core.offline import OfflineEntry, OfflineSpan, offline_span
from dayglass.core.spans import split_into_buckets
from dayglass.core.taxonomy import Catalog
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import OfflineStore
from dayglass.services.ingest import IngestService
from dayglass.services.ports import FactKey

LIST_LIMIT = 200


class OfflineService:
    """Adds, lists, changes and removes offline entries; each is its own `offline` device."""

    def __init__(
        self,
        store: OfflineStore,
        ingest: IngestService,
        accounts: AccountService,
        catalog: Catalog,
        clock: Clock,
    ) -> None:
        self._store = store
        self._ingest = ingest
        self._accounts = accounts
        self._catalog = catalog
        self._clock = clock

    def _span(self, user_id: int, fields: Mapping[str, object]) -> OfflineSpan:
        zone = ZoneInfo(self._accounts.user(user_id).timezone)
        return offline_span(fields, zone, self._clock.now())

    def _store_time(self, user_id: int, span: OfflineSpan) -> str:
        device = f"offline/{secrets.token_hex(8)}"
        event = {
            "id": "1",
            "start": span.start.isoformat(),
            "duration": span.seconds,
            "app": span.activity,
            "title": span.details,
        }
        batch = {"device": device, "source_type": "offline", "events": [event]}
        result = self._ingest.ingest(user_id, batch)
        if result.rejected:
            raise InvalidInput(result.rejected[0].reason)
        return device

    def add(self, user_id: int, fields: Mapping[str, object]) -> OfflineEntry:
        """Store offline time from an entry's fields (start_time, duration or end_time, ...)."""
        span = self._span(user_id, fields)
        device = self._store_time(user_id, span)
        return self._store.add(user_id, span, device, self._clock.now())

    def entries(self, user_id: int) -> list[OfflineEntry]:
        """The user's entries, latest first."""
        return self._store.entries(user_id, LIST_LIMIT)

    def entry(self, user_id: int, entry_id: int) -> OfflineEntry:
        """One entry, or NotFound."""
        found = self._store.entry(user_id, entry_id)
        if found is None:
            raise NotFound(f"no offline entry {entry_id}")
        return found

    def change(self, user_id: int, entry_id: int, fields: Mapping[str, object]) -> OfflineEntry:
        """Replace an entry's span and names; its old time leaves the reports."""
        old = self.entry(user_id, entry_id)
        span = self._span(user_id, fields)
        device = self._store_time(user_id, span)
        self._store.replace(user_id, entry_id, span, device)
        self._store.remove_time(user_id, old.device, self._fact_ms(old.span))
        return self.entry(user_id, entry_id)

    def remove(self, user_id: int, entry_id: int) -> None:
        """Delete an entry and its time."""
        old = self.entry(user_id, entry_id)
        self._store.remove_time(user_id, old.device, self._fact_ms(old.span))
        self._store.remove(user_id, entry_id)

    def _fact_ms(self, span: OfflineSpan) -> dict[FactKey, int]:
        """The facts ingest added for a span (each entry has a device of its own: no overlap)."""
        activity = activity_of(span.activity, None, self._catalog.canonical_app)
        document = document_of(span.details, None)
        start_ms = round(span.start.timestamp() * 1000)
        found: dict[FactKey, int] = defaultdict(int)
        for bucket, ms in split_into_buckets(
            (start_ms, start_ms + span.seconds * 1000), span.offset_minutes
        ):
            found[(bucket, activity, document)] += ms
        return dict(found)
