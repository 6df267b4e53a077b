"""A user's day on the timeline, with the names they logged time away as lately."""

from __future__ import annotations

import re
from datetime import date

from dayglass.core.accounts import User
from dayglass.http.web.timeline_view import Reclaim, TimelineView, timeline_view
from dayglass.services.registry import Services

_PICKED = re.compile(r"(\d{2}:\d{2}:\d{2})-(\d{2}:\d{2}:\d{2})")


def picked_gap(text: str | None) -> Reclaim:
    """The form to log time away, filled with a gap picked by its link (`HH:MM:SS-HH:MM:SS`)."""
    found = _PICKED.fullmatch((text or "").strip())
    return Reclaim(found.group(1), found.group(2)) if found else Reclaim()


def zoom_hour(text: str | None) -> int | None:
    """The hour (0-23) a timeline is zoomed to, or None (the whole day) for anything else."""
    value = (text or "").strip()
    return int(value) if value.isdigit() and int(value) < 24 else None


def recent_names(services: Services, user: User) -> list[str]:
    """The activity names of the user's offline entries, latest first, each once."""
    return list(dict.fromkeys(entry.span.activity for entry in services.offline.entries(user.id)))


def day_timeline(
    services: Services, user: User, day: date, hour: str | None, reclaim: Reclaim
) -> TimelineView:
    """The timeline of day, zoomed to hour if one is asked."""
    timeline = services.timeline.day(user.id, day)
    return timeline_view(timeline, zoom_hour(hour), recent_names(services, user), reclaim)
