"""What the RescueTime API answers, as typed values.

Times in the feeds stay the text the server sent (`created_at`): RescueTime's own rendering of
them is not documented, and a client should not fail on it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from dayglass.client.decode import Fields, items, text_list
from dayglass.client.errors import UnexpectedResponse

Cell = str | int | float


@dataclass(frozen=True, slots=True)
class DataResult:
    """A Data API answer: column names and rows of cells."""

    row_headers: list[str]
    rows: list[list[Cell]]
    notes: str = ""

    def records(self) -> list[dict[str, Cell]]:
        """Each row as a mapping from column name to cell."""
        return [dict(zip(self.row_headers, row, strict=True)) for row in self.rows]

    def column(self, header: str) -> list[Cell]:
        """The cells of one column, by its name."""
        index = self.row_headers.index(header)
        return [row[index] for row in self.rows]


def _cell(value: object) -> Cell:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UnexpectedResponse(f"row cell: unexpected {value!r:.80}", status=200, body=value)
    return value


def read_data(body: object) -> DataResult:
    """The JSON envelope `{"notes", "row_headers", "rows"}`."""
    envelope = Fields(body, "data")
    rows = envelope.array("rows")
    if not all(isinstance(row, list) for row in rows):
        raise UnexpectedResponse("data.rows: expected arrays", status=200, body=body)
    return DataResult(
        row_headers=text_list(envelope.raw.get("row_headers"), "data.row_headers"),
        rows=[[_cell(c) for c in row] for row in rows if isinstance(row, list)],
        notes=envelope.opt_text("notes") or "",
    )


_INTEGER = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+(e[+-]?\d+)?")


def _csv_cell(text: str) -> Cell:
    """A CSV field as the JSON answer would type it: integers and floats become numbers."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def read_csv(text: object) -> DataResult:
    """The CSV answer: a header line, then rows (numbers typed as in the JSON answer)."""
    lines = list(csv.reader(io.StringIO(str(text))))
    if not lines:
        raise UnexpectedResponse("data: empty CSV", status=200, body=text)
    return DataResult(lines[0], [[_csv_cell(c) for c in line] for line in lines[1:]])


@dataclass(frozen=True, slots=True)
class DailySummary:
    """A day's summary: pulse, and per part of the day (`total`, `very_productive`,
    `software_development`...) its share, hours and formatted duration."""

    id: int
    date: date
    productivity_pulse: int
    percentages: dict[str, float]
    hours: dict[str, float]
    durations_formatted: dict[str, str]
    raw: dict[str, object]


def read_summary(fields: Fields) -> DailySummary:
    """One daily summary object (59 keys)."""
    percentages: dict[str, float] = {}
    hours: dict[str, float] = {}
    formatted: dict[str, str] = {}
    for name in fields.raw:
        if name.endswith("_percentage"):
            percentages[name.removesuffix("_percentage")] = fields.number(name)
        elif name.endswith("_hours"):
            hours[name.removesuffix("_hours")] = fields.number(name)
        elif name.endswith("_duration_formatted"):
            formatted[name.removesuffix("_duration_formatted")] = fields.text(name)
    return DailySummary(
        id=fields.integer("id"),
        date=fields.day("date"),
        productivity_pulse=fields.integer("productivity_pulse"),
        percentages=percentages,
        hours=hours,
        durations_formatted=formatted,
        raw=dict(fields.raw),
    )


def read_summaries(body: object) -> list[DailySummary]:
    """The daily summary feed: newest day first."""
    return [read_summary(f) for f in items(body, "daily_summary_feed")]


@dataclass(frozen=True, slots=True)
class AlertStatus:
    """An alert's triggering (`op=status`)."""

    id: int
    alert_id: int
    description: str
    created_at: str


@dataclass(frozen=True, slots=True)
class AlertDefinition:
    """An alert as defined (`op=list`): its description and threshold in hours."""

    id: int
    description: str
    amount: float


def read_alert_statuses(body: object) -> list[AlertStatus]:
    """alerts_feed with op=status."""
    return [
        AlertStatus(
            f.integer("id"), f.integer("alert_id"), f.text("description"), f.text("created_at")
        )
        for f in items(body, "alerts_feed")
    ]


def read_alert_definitions(body: object) -> list[AlertDefinition]:
    """alerts_feed with op=list."""
    return [
        AlertDefinition(f.integer("id"), f.text("description"), f.number("amount"))
        for f in items(body, "alerts_feed")
    ]


@dataclass(frozen=True, slots=True)
class FeedHighlight:
    """A highlight as the feed shows it."""

    id: int
    description: str
    date: date
    created_at: str
    source: str | None


def read_highlight(fields: Fields) -> FeedHighlight:
    """One highlight object."""
    return FeedHighlight(
        id=fields.integer("id"),
        description=fields.text("description"),
        date=fields.day("date"),
        created_at=fields.text("created_at"),
        source=fields.opt_text("source"),
    )


def read_highlights(body: object) -> list[FeedHighlight]:
    """highlights_feed: newest first."""
    return [read_highlight(f) for f in items(body, "highlights_feed")]


def read_posted_highlight(body: object) -> FeedHighlight:
    """highlights_post's answer."""
    return read_highlight(Fields(body, "highlights_post"))


@dataclass(frozen=True, slots=True)
class FocusStarted:
    """A FocusTime session as started: id is the start's unix time."""

    id: float
    duration: int
    duration_unit: str
    created_at: str


@dataclass(frozen=True, slots=True)
class FocusEnded:
    """A FocusTime session's end: id is the end's unix time."""

    id: float
    created_at: str


def _started(fields: Fields) -> FocusStarted:
    unit = fields.opt_text("duration_unit") or "minutes"
    return FocusStarted(
        fields.number("id"), fields.integer("duration"), unit, fields.text("created_at")
    )


def _ended(fields: Fields) -> FocusEnded:
    return FocusEnded(fields.number("id"), fields.text("created_at"))


def read_started(body: object) -> FocusStarted:
    """start_focustime's answer."""
    return _started(Fields(body, "start_focustime"))


def read_ended(body: object) -> FocusEnded:
    """end_focustime's answer."""
    return _ended(Fields(body, "end_focustime"))


def read_started_feed(body: object) -> list[FocusStarted]:
    """focustime_started_feed: newest first."""
    return [_started(f) for f in items(body, "focustime_started_feed")]


def read_ended_feed(body: object) -> list[FocusEnded]:
    """focustime_ended_feed: newest first."""
    return [_ended(f) for f in items(body, "focustime_ended_feed")]


@dataclass(frozen=True, slots=True)
class OfflinePosted:
    """Offline time as stored, its times on the local clock it was entered in."""

    id: int | None
    start_time: str
    end_time: str
    duration: float
    activity_name: str
    activity_details: str | None


def read_offline_posted(body: object) -> OfflinePosted:
    """offline_time_post's answer."""
    fields = Fields(body, "offline_time_post")
    return OfflinePosted(
        id=fields.opt_integer("id"),
        start_time=fields.text("start_time"),
        end_time=fields.text("end_time"),
        duration=fields.number("duration"),
        activity_name=fields.text("activity_name"),
        activity_details=fields.opt_text("activity_details"),
    )
