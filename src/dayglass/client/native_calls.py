"""Dayglass's native `/api/v1` endpoints as Calls (the key goes as a Bearer token)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from urllib.parse import quote

from dayglass.client import native_results as n
from dayglass.client.call import Api, Body, Call
from dayglass.client.values import local_time, present

GroupBy = Literal["overview", "category", "activity", "document", "productivity"]
ReportResolution = Literal["none", "minute", "hour", "day", "week", "month"]
SourceType = Literal["computers", "mobile", "offline"]
Comparison = Literal["more", "less"]
Target = Literal[
    "all_productive", "all_distracting", "overview", "category", "activity", "productivity"
]


@dataclass(frozen=True, slots=True)
class Event:
    """Time spent in one window: the client's id (unique per device), an aware start, seconds."""

    id: str
    start: datetime | str
    duration: float
    app: str
    title: str | None = None
    url: str | None = None

    def to_json(self) -> dict[str, object]:
        """The event as the ingest endpoint takes it."""
        start = self.start.isoformat() if isinstance(self.start, datetime) else self.start
        body: dict[str, object] = {
            "id": self.id,
            "start": start,
            "duration": self.duration,
            "app": self.app,
        }
        if self.title is not None:
            body["title"] = self.title
        if self.url is not None:
            body["url"] = self.url
        return body


def _nothing(_: object) -> None:
    return None


def _segment(name: str) -> str:
    """A name as one path segment (slashes and all kept, as the server reads the path)."""
    return quote(name, safe="")


def post_events(
    device: str,
    events: Iterable[Event | Mapping[str, object]],
    *,
    source_type: SourceType = "computers",
) -> Call[n.IngestResult]:
    """Store a batch of at most 5,000 events from one device; resending one changes nothing."""
    body = {
        "device": device,
        "source_type": source_type,
        "events": [e.to_json() if isinstance(e, Event) else dict(e) for e in events],
    }
    return Call(Api.NATIVE, "POST", "/events", n.read_ingest, json=body)


def report(
    *,
    begin: date | None = None,
    end: date | None = None,
    group_by: GroupBy = "activity",
    resolution: ReportResolution = "none",
    source_type: SourceType | None = None,
    overview: str | None = None,
    category: str | None = None,
    activity: str | None = None,
    document: str | None = None,
    productivity: int | None = None,
) -> Call[n.Report]:
    """Time in local days begin..end (default today), grouped, cut in time and filtered."""
    params = present(
        begin=begin,
        end=end,
        group_by=group_by,
        resolution=resolution,
        source_type=source_type,
        overview=overview,
        category=category,
        activity=activity,
        document=document,
        productivity=productivity,
    )
    return Call(Api.NATIVE, "GET", "/report", n.read_report, params)


def activities() -> Call[list[n.Activity]]:
    """Every activity with its effective categorization, uncategorized first."""
    return Call(Api.NATIVE, "GET", "/activities", n.read_activities)


def set_activity(
    activity: str, *, category: str | None = None, productivity: int | None = None
) -> Call[None]:
    """Override an activity's sub-category and/or productivity, for all past and future time."""
    body = {"category": category, "productivity": productivity}
    path = f"/activities/{_segment(activity)}"
    return Call(Api.NATIVE, "PUT", path, _nothing, json=body, body=Body.NOTHING)


def reset_activity(activity: str) -> Call[None]:
    """Drop an activity's override."""
    path = f"/activities/{_segment(activity)}"
    return Call(Api.NATIVE, "DELETE", path, _nothing, body=Body.NOTHING)


def categories() -> Call[list[n.Category]]:
    """Every sub-category with its overview and the user's productivity for it."""
    return Call(Api.NATIVE, "GET", "/categories", n.read_categories)


def set_category(category: str, productivity: int | None) -> Call[None]:
    """Set a sub-category's productivity for this user; None restores the catalog's."""
    path = f"/categories/{_segment(category)}"
    body = {"productivity": productivity}
    return Call(Api.NATIVE, "PUT", path, _nothing, json=body, body=Body.NOTHING)


def api_keys() -> Call[list[n.ApiKey]]:
    """The user's API keys, newest first."""
    return Call(Api.NATIVE, "GET", "/keys", n.read_keys)


def create_key(label: str = "") -> Call[n.NewApiKey]:
    """Make an API key; the answer holds the only copy of the secret."""
    return Call(Api.NATIVE, "POST", "/keys", n.read_new_key, json={"label": label})


def revoke_key(key_id: int) -> Call[n.ApiKey]:
    """Revoke one of the user's keys."""
    return Call(Api.NATIVE, "DELETE", f"/keys/{key_id}", n.read_key)


def schedules() -> Call[list[n.Schedule]]:
    """The user's schedules, oldest first."""
    return Call(Api.NATIVE, "GET", "/schedules", n.read_schedules)


def schedule(schedule_id: int) -> Call[n.Schedule]:
    """One schedule."""
    return Call(Api.NATIVE, "GET", f"/schedules/{schedule_id}", n.read_schedule)


def add_schedule(name: str, windows: Iterable[n.Window]) -> Call[n.Schedule]:
    """Make a schedule of weekly windows (local times on 5-minute steps)."""
    body = {
        "name": name,
        "windows": [{"days": w.days, "start": w.start, "end": w.end} for w in windows],
    }
    return Call(Api.NATIVE, "POST", "/schedules", n.read_schedule, json=body)


def remove_schedule(schedule_id: int) -> Call[None]:
    """Delete a schedule."""
    path = f"/schedules/{schedule_id}"
    return Call(Api.NATIVE, "DELETE", path, _nothing, body=Body.NOTHING)


def _alert_body(
    comparison: Comparison,
    hours: float,
    target: Target,
    value: str | int | None,
    webhook_url: str | None,
) -> dict[str, object]:
    return {
        "comparison": comparison,
        "hours": hours,
        "target": target,
        "value": value,
        "webhook_url": webhook_url,
    }


def alerts() -> Call[list[n.Alert]]:
    """The user's alerts, oldest first."""
    return Call(Api.NATIVE, "GET", "/alerts", n.read_alerts)


def alert(alert_id: int) -> Call[n.Alert]:
    """One alert."""
    return Call(Api.NATIVE, "GET", f"/alerts/{alert_id}", n.read_alert)


def add_alert(
    comparison: Comparison,
    hours: float,
    target: Target,
    value: str | int | None = None,
    *,
    webhook_url: str | None = None,
) -> Call[n.Alert]:
    """Define an alert: more or less than hours a day of target (value names which one)."""
    body = _alert_body(comparison, hours, target, value, webhook_url)
    return Call(Api.NATIVE, "POST", "/alerts", n.read_alert, json=body)


def change_alert(
    alert_id: int,
    comparison: Comparison,
    hours: float,
    target: Target,
    value: str | int | None = None,
    *,
    webhook_url: str | None = None,
) -> Call[n.Alert]:
    """Redefine an alert."""
    body = _alert_body(comparison, hours, target, value, webhook_url)
    return Call(Api.NATIVE, "PUT", f"/alerts/{alert_id}", n.read_alert, json=body)


def remove_alert(alert_id: int) -> Call[None]:
    """Delete an alert and its triggerings."""
    return Call(Api.NATIVE, "DELETE", f"/alerts/{alert_id}", _nothing, body=Body.NOTHING)


def alert_triggerings(*, alert_id: int | None = None) -> Call[list[n.Triggering]]:
    """Recent triggerings, newest first (of one alert, when alert_id is given)."""
    params = present(alert_id=alert_id)
    return Call(Api.NATIVE, "GET", "/alerts/triggerings", n.read_triggerings, params)


def highlights(*, begin: date | None = None, end: date | None = None) -> Call[list[n.Highlight]]:
    """Recent highlights (of local days begin..end), newest entered first."""
    params = present(begin=begin, end=end)
    return Call(Api.NATIVE, "GET", "/highlights", n.read_highlights, params)


def _highlight_body(
    day: date | int | str, description: str, source: str | None
) -> dict[str, object]:
    when = day.isoformat() if isinstance(day, date) else day
    return {"date": when, "description": description, "source": source}


def add_highlight(
    day: date | int | str, description: str, *, source: str | None = None
) -> Call[n.Highlight]:
    """Add a highlight for a local day (a date, `YYYY-MM-DD` or a unix time)."""
    body = _highlight_body(day, description, source)
    return Call(Api.NATIVE, "POST", "/highlights", n.read_highlight, json=body)


def change_highlight(
    highlight_id: int, day: date | int | str, description: str, *, source: str | None = None
) -> Call[n.Highlight]:
    """Rewrite a highlight."""
    body = _highlight_body(day, description, source)
    return Call(Api.NATIVE, "PUT", f"/highlights/{highlight_id}", n.read_highlight, json=body)


def remove_highlight(highlight_id: int) -> Call[None]:
    """Delete a highlight."""
    path = f"/highlights/{highlight_id}"
    return Call(Api.NATIVE, "DELETE", path, _nothing, body=Body.NOTHING)


def _offline_body(
    start_time: datetime | str | int,
    activity_name: str,
    duration: float | None,
    end_time: datetime | str | int | None,
    activity_details: str | None,
) -> dict[str, object]:
    if (duration is None) == (end_time is None):
        raise ValueError("give either duration or end_time")
    return {
        "start_time": local_time(start_time),
        "duration": duration,
        "end_time": None if end_time is None else local_time(end_time),
        "activity_name": activity_name,
        "activity_details": activity_details,
    }


def offline_entries() -> Call[list[n.OfflineEntry]]:
    """The user's offline time, latest first."""
    return Call(Api.NATIVE, "GET", "/offline", n.read_offline_entries)


def add_offline(
    start_time: datetime | str | int,
    activity_name: str,
    *,
    duration: float | None = None,
    end_time: datetime | str | int | None = None,
    activity_details: str | None = None,
) -> Call[n.OfflineEntry]:
    """Add offline time from a local start (wall clock or unix time) for minutes or to an end."""
    body = _offline_body(start_time, activity_name, duration, end_time, activity_details)
    return Call(Api.NATIVE, "POST", "/offline", n.read_offline, json=body)


def change_offline(
    entry_id: int,
    start_time: datetime | str | int,
    activity_name: str,
    *,
    duration: float | None = None,
    end_time: datetime | str | int | None = None,
    activity_details: str | None = None,
) -> Call[n.OfflineEntry]:
    """Replace an offline entry's time and names."""
    body = _offline_body(start_time, activity_name, duration, end_time, activity_details)
    return Call(Api.NATIVE, "PUT", f"/offline/{entry_id}", n.read_offline, json=body)


def remove_offline(entry_id: int) -> Call[None]:
    """Delete an offline entry and its time."""
    return Call(Api.NATIVE, "DELETE", f"/offline/{entry_id}", _nothing, body=Body.NOTHING)


def focus() -> Call[n.FocusState]:
    """Whether a FocusTime session is running (what agents poll)."""
    return Call(Api.NATIVE, "GET", "/focus", n.read_focus_state)


def start_focus(minutes: int) -> Call[n.FocusState]:
    """Start a FocusTime session of minutes (a multiple of 5, or -1 for the rest of the day)."""
    return Call(Api.NATIVE, "POST", "/focus", n.read_focus_state, json={"minutes": minutes})


def end_focus() -> Call[n.FocusState]:
    """End the running FocusTime session."""
    return Call(Api.NATIVE, "DELETE", "/focus", n.read_focus_state)


def focus_sessions() -> Call[list[n.FocusSession]]:
    """Recent FocusTime sessions, newest first."""
    return Call(Api.NATIVE, "GET", "/focus/sessions", n.read_focus_sessions)


def daily_summaries() -> Call[list[n.DailySummary]]:
    """Snapshots of the last two weeks' days with time, newest first."""
    return Call(Api.NATIVE, "GET", "/daily-summaries", n.read_summaries)
