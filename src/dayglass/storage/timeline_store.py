"""Reading raw events back for the timeline, in the order they arrived."""

from __future__ import annotations

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
        app, title, url = texts.alias("app"), texts.alias("title"), texts.alias("url")
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
                    app.c.value,
                    title.c.value,
                    url.c.value,
                )
                .select_from(raw_events)
                .join(app, app.c.id == e.app_text_id)
                .join(title, title.c.id == e.title_text_id)
                .outerjoin(url, url.c.id == e.url_text_id)
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
            StoredEvent(*device[device_id], start, duration, offset, app_, title_, url_)
            for device_id, start, duration, offset, app_, title_, url_ in rows
            if start + duration > low_ms
        ]


if TYPE_CHECKING:

    def _implements_timeline_store(store: SqlTimelineStore) -> TimelineStore:
        return store
