"""Reading raw events back for the timeline, in the order they arrived."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from dayglass.services.timeline import StoredEvent
from dayglass.storage.tables import devices, raw_events, texts

if TYPE_CHECKING:
    from dayglass.services.timeline import TimelineStore


class SqlTimelineStore:
    """Raw events of a window of time, with their device and texts."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def events(self, user_id: int, low_ms: int, high_ms: int) -> list[StoredEvent]:
        """The user's events that may overlap UTC [low_ms, high_ms), in arrival order."""
        e, d = raw_events.c, devices.c
        with self._engine.connect() as conn:
            known = conn.execute(
                select(d.id, d.name, d.source_type, d.max_event_ms).where(d.user_id == user_id)
            ).all()
            if not known:
                return []
            # No event is longer than its device's longest: how far back an overlap can start.
            longest = max(row.max_event_ms for row in known)
            rows = conn.execute(
                select(
                    e.device_id,
                    e.start_ms,
                    e.duration_ms,
                    e.utc_offset_min,
                    e.app_text_id,
                    e.title_text_id,
                    e.url_text_id,
                )
                # Only the texts of the parts inside the day are read, afterwards.
                .where(
                    e.user_id == user_id,
                    # Naming the devices lets the (user, device, start) index find the window.
                    e.device_id.in_([row.id for row in known]),
                    e.start_ms >= low_ms - longest,
                    e.start_ms < high_ms,
                )
                .order_by(e.id)  # arrival order: overlapping time went to whichever came first
            ).all()
        device = {row.id: (row.name, row.source_type) for row in known}
        return [
            StoredEvent(*device[device_id], start, duration, offset, (app, title, url))
            for device_id, start, duration, offset, app, title, url in rows
            if start + duration > low_ms
        ]

    def texts(self, user_id: int, ids: Collection[int]) -> dict[int, str]:
        """The texts of these ids."""
        if not ids:
            return {}
        query = select(texts.c.id, texts.c.value).where(
            texts.c.user_id == user_id, texts.c.id.in_(sorted(ids))
        )
        with self._engine.connect() as conn:
            return {row.id: row.value for row in conn.execute(query)}


if TYPE_CHECKING:

    def _implements_timeline_store(store: SqlTimelineStore) -> TimelineStore:
        return store
