"""Offline time: list, add, change and delete time spent away from a tracked device."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import Request

from dayglass.core.accounts import User
from dayglass.core.offline import OfflineEntry
from dayglass.http.dependencies import app_background
from dayglass.http.web.row_pages import RowForm, Typed, row_router

FIELDS = ("start_time", "duration", "activity_name", "activity_details")


def _typed(entry: OfflineEntry, user: User) -> Typed:
    span = entry.span
    return {
        "start_time": span.start.astimezone(ZoneInfo(user.timezone)).strftime("%Y-%m-%d %H:%M"),
        "duration": f"{span.seconds / 60:g}",
        "activity_name": span.activity,
        "activity_details": span.details,
    }


def _saved(request: Request, user: User) -> None:
    app_background(request).alerts_due(user.id)


router = row_router(
    RowForm(
        path="/offline",
        template="offline.html",
        fields=FIELDS,
        rows=lambda services, user: services.offline.entries(user.id),
        blank=lambda services, user: dict.fromkeys(FIELDS, ""),
        typed=_typed,
        add=lambda services, user, typed: services.offline.add(user.id, typed),
        change=lambda services, user, row_id, typed: services.offline.change(
            user.id, row_id, typed
        ),
        remove=lambda services, user, row_id: services.offline.remove(user.id, row_id),
        saved=_saved,
    )
)
