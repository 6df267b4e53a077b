"""The feed objects of highlights, alerts, FocusTime and offline time, as RescueTime shows them."""

from __future__ import annotations

from datetime import datetime

from dayglass.core.alerts import Alert
from dayglass.core.focus import FocusSession
from dayglass.core.highlights import Highlight
from dayglass.core.offline import OfflineEntry
from dayglass.core.timestamps import in_zone


def highlight_json(highlight: Highlight, zone: str) -> dict[str, object]:
    """`{id, description, date, created_at, source}`."""
    return {
        "id": highlight.id,
        "description": highlight.description,
        "date": highlight.day.isoformat(),
        "created_at": in_zone(highlight.created_at, zone),
        "source": highlight.source,
    }


def alert_json(alert: Alert) -> dict[str, object]:
    """`{id, description, amount}`: an alert definition (op=list)."""
    return {"id": alert.id, "description": alert.rule.description(), "amount": alert.rule.hours}


def started_json(session: FocusSession, zone: str) -> dict[str, object]:
    """A focustime_started_feed item; id is the start's unix time."""
    return {
        "id": session.started_at.timestamp(),
        "duration": session.minutes,
        "duration_unit": "minutes",
        "created_at": in_zone(session.started_at, zone),
    }


def ended_json(end: datetime, zone: str) -> dict[str, object]:
    """A focustime_ended_feed item; id is the end's unix time."""
    return {"id": end.timestamp(), "created_at": in_zone(end, zone)}


def offline_json(entry: OfflineEntry) -> dict[str, object]:
    """An offline entry, its times on the clock it was entered in."""
    span = entry.span
    return {
        "id": entry.id,
        "start_time": span.start.strftime("%Y-%m-%d %H:%M:%S"),
        "end_time": span.end.strftime("%Y-%m-%d %H:%M:%S"),
        "duration": round(span.seconds / 60, 2),
        "activity_name": span.activity,
        "activity_details": span.details,
    }
