"""The RescueTime API's endpoints as Calls: the Data API, the feeds and the posts.

Parameters go by their principal names; RescueTime's clients put the key in the query string
(the client adds it) and the other parameters where each endpoint's documentation does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from dayglass.client import rescuetime_results as r
from dayglass.client.call import Api, Body, Call, Params
from dayglass.client.values import day_text, local_time, present

Perspective = Literal["rank", "interval", "member"]
Resolution = Literal["month", "week", "day", "hour", "minute"]
Kind = Literal["overview", "category", "activity", "productivity", "efficiency", "document"]
SourceType = Literal["computers", "mobile", "offline"]
Format = Literal["json", "csv"]
DayLike = date | str


def data_params(
    perspective: Perspective | None = None,
    resolution_time: Resolution | None = None,
    restrict_begin: DayLike | None = None,
    restrict_end: DayLike | None = None,
    restrict_kind: Kind | None = None,
    restrict_thing: str | None = None,
    restrict_thingy: str | None = None,
    restrict_source_type: SourceType | None = None,
    restrict_schedule_id: int | None = None,
    format: Format = "json",
) -> dict[str, str]:
    """The Data API's query parameters by their principal names (those given)."""
    return present(
        perspective=perspective,
        resolution_time=resolution_time,
        restrict_begin=restrict_begin,
        restrict_end=restrict_end,
        restrict_kind=restrict_kind,
        restrict_thing=restrict_thing,
        restrict_thingy=restrict_thingy,
        restrict_source_type=restrict_source_type,
        restrict_schedule_id=restrict_schedule_id,
        format=format,
    )


def _data_call(route: str, params: Params) -> Call[r.DataResult]:
    if params.get("format") == "csv":
        return Call(Api.RESCUETIME, "GET", route, r.read_csv, params, body=Body.TEXT)
    return Call(Api.RESCUETIME, "GET", route, r.read_data, params)


def data(
    *,
    perspective: Perspective | None = None,
    resolution_time: Resolution | None = None,
    restrict_begin: DayLike | None = None,
    restrict_end: DayLike | None = None,
    restrict_kind: Kind | None = None,
    restrict_thing: str | None = None,
    restrict_thingy: str | None = None,
    restrict_source_type: SourceType | None = None,
    restrict_schedule_id: int | None = None,
    format: Format = "json",
) -> Call[r.DataResult]:
    """The Analytic Data API: rows of time for local days restrict_begin..restrict_end.

    Unset parameters take the server's defaults (rank, activity, today). With format="csv" the
    CSV answer is read into the same rows (numeric-looking names become numbers there).
    """
    params = data_params(
        perspective,
        resolution_time,
        restrict_begin,
        restrict_end,
        restrict_kind,
        restrict_thing,
        restrict_thingy,
        restrict_source_type,
        restrict_schedule_id,
        format,
    )
    return _data_call("data", params)


def oauth_data(
    route: Literal["overview_data", "category_data", "productivity_data"],
    *,
    perspective: Perspective | None = None,
    resolution_time: Resolution | None = None,
    restrict_begin: DayLike | None = None,
    restrict_end: DayLike | None = None,
    restrict_source_type: SourceType | None = None,
    restrict_schedule_id: int | None = None,
    format: Format = "json",
) -> Call[r.DataResult]:
    """The Data API pinned to one kind, for OAuth tokens with a narrower scope than time_data."""
    params = data_params(
        perspective,
        resolution_time,
        restrict_begin,
        restrict_end,
        restrict_source_type=restrict_source_type,
        restrict_schedule_id=restrict_schedule_id,
        format=format,
    )
    return _data_call(route, params)


def daily_summary_feed() -> Call[list[r.DailySummary]]:
    """Each of the last two weeks' days with time (today excluded), newest first."""
    return Call(Api.RESCUETIME, "GET", "daily_summary_feed", r.read_summaries)


def alerts_feed(*, alert_id: int | None = None) -> Call[list[r.AlertStatus]]:
    """Alert triggerings (`op=status`), newest first; alert_id keeps one alert's."""
    params = present(op="status", alert_id=alert_id)
    return Call(Api.RESCUETIME, "GET", "alerts_feed", r.read_alert_statuses, params)


def alerts_list(*, alert_id: int | None = None) -> Call[list[r.AlertDefinition]]:
    """The alert definitions (`alerts_feed` with `op=list`)."""
    params = present(op="list", alert_id=alert_id)
    return Call(Api.RESCUETIME, "GET", "alerts_feed", r.read_alert_definitions, params)


def highlights_feed(
    *, restrict_begin: DayLike | None = None, restrict_end: DayLike | None = None
) -> Call[list[r.FeedHighlight]]:
    """Recent highlights, newest first, optionally for local days begin..end."""
    params = present(
        restrict_begin=restrict_begin,
        restrict_end=restrict_end,
    )
    return Call(Api.RESCUETIME, "GET", "highlights_feed", r.read_highlights, params)


def highlights_post(
    highlight_date: DayLike | int, description: str, *, source: str | None = None
) -> Call[r.FeedHighlight]:
    """Post a highlight for a local day (a date, `YYYY-MM-DD` or a unix time)."""
    when = str(highlight_date) if isinstance(highlight_date, int) else day_text(highlight_date)
    form = present(highlight_date=when, description=description, source=source)
    return Call(Api.RESCUETIME, "POST", "highlights_post", r.read_posted_highlight, form=form)


def start_focustime(duration: int) -> Call[r.FocusStarted]:
    """Start FocusTime for duration minutes (a multiple of 5), or -1 for the rest of the day."""
    params = present(duration=duration)
    return Call(Api.RESCUETIME, "POST", "start_focustime", r.read_started, params)


def end_focustime() -> Call[r.FocusEnded]:
    """End the running FocusTime session."""
    return Call(Api.RESCUETIME, "POST", "end_focustime", r.read_ended)


def focustime_started_feed() -> Call[list[r.FocusStarted]]:
    """FocusTime sessions started, newest first."""
    return Call(Api.RESCUETIME, "GET", "focustime_started_feed", r.read_started_feed)


def focustime_ended_feed() -> Call[list[r.FocusEnded]]:
    """FocusTime sessions ended (early or by running out), newest first."""
    return Call(Api.RESCUETIME, "GET", "focustime_ended_feed", r.read_ended_feed)


def offline_time_post(
    start_time: datetime | str | int,
    activity_name: str,
    *,
    duration: float | None = None,
    end_time: datetime | str | int | None = None,
    activity_details: str | None = None,
) -> Call[r.OfflinePosted]:
    """Log offline time from start_time (local wall clock, or a unix time) for duration minutes
    or until end_time; at most 4 hours, not in the future."""
    if (duration is None) == (end_time is None):
        raise ValueError("give either duration or end_time")
    body: dict[str, object] = {
        "start_time": local_time(start_time),
        "activity_name": activity_name,
    }
    if duration is not None:
        body["duration"] = duration
    if end_time is not None:
        body["end_time"] = local_time(end_time)
    if activity_details is not None:
        body["activity_details"] = activity_details
    return Call(Api.RESCUETIME, "POST", "offline_time_post", r.read_offline_posted, json=body)
