"""What Dayglass's native `/api/v1` API answers, as typed values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dayglass.client.decode import Fields, items, text_list
from dayglass.client.rescuetime_results import DailySummary, read_summaries

__all__ = ["DailySummary", "read_summaries"]


@dataclass(frozen=True, slots=True)
class Rejected:
    """An event the server refused: its index in the batch, its id and why."""

    index: int
    id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What a batch of events did: stored, already there, refused."""

    stored: int
    duplicates: int
    rejected: list[Rejected]


def read_ingest(body: object) -> IngestResult:
    """POST /events's answer."""
    fields = Fields(body, "events")
    rejected = [
        Rejected(f.integer("index"), f.opt_text("id"), f.text("reason"))
        for f in items(fields.raw.get("rejected"), "events.rejected")
    ]
    return IngestResult(fields.integer("stored"), fields.integer("duplicates"), rejected)


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A report row: a period label (None unless cut in time), seconds, and what it is about
    (fields the grouping does not determine are None)."""

    period: str | None
    seconds: int
    overview: str | None
    category: str | None
    activity: str | None
    document: str | None
    productivity: int | None
    project: str | None = None  # the project's name when grouped by project


@dataclass(frozen=True, slots=True)
class Report:
    """A report: the local days it covers, how it was asked, and its rows."""

    begin: date
    end: date
    group_by: str
    resolution: str
    rows: list[ReportRow]


def read_report(body: object) -> Report:
    """GET /report's answer."""
    fields = Fields(body, "report")
    rows = [
        ReportRow(
            period=f.opt_text("period"),
            seconds=f.integer("seconds"),
            overview=f.opt_text("overview"),
            category=f.opt_text("category"),
            activity=f.opt_text("activity"),
            document=f.opt_text("document"),
            productivity=f.opt_integer("productivity"),
            project=f.opt_text("project"),
        )
        for f in items(fields.raw.get("rows"), "report.rows")
    ]
    return Report(
        fields.day("begin"),
        fields.day("end"),
        fields.text("group_by"),
        fields.text("resolution"),
        rows,
    )


@dataclass(frozen=True, slots=True)
class Activity:
    """An activity with its effective categorization and all-time seconds."""

    activity: str
    overview: str
    category: str
    productivity: int
    seconds: int
    overridden: bool


def read_activities(body: object) -> list[Activity]:
    """GET /activities's answer."""
    return [
        Activity(
            f.text("activity"),
            f.text("overview"),
            f.text("category"),
            f.integer("productivity"),
            f.integer("seconds"),
            f.flag("overridden"),
        )
        for f in items(body, "activities")
    ]


@dataclass(frozen=True, slots=True)
class Category:
    """A sub-category: its overview, the user's productivity for it and the catalog's."""

    category: str
    overview: str
    productivity: int
    default: int


def read_categories(body: object) -> list[Category]:
    """GET /categories's answer."""
    return [
        Category(
            f.text("category"), f.text("overview"), f.integer("productivity"), f.integer("default")
        )
        for f in items(body, "categories")
    ]


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key as listed (never the secret)."""

    id: int
    label: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    active: bool


@dataclass(frozen=True, slots=True)
class NewApiKey:
    """A key just made, with the secret: the only time it is shown."""

    record: ApiKey
    key: str


def _api_key(f: Fields) -> ApiKey:
    return ApiKey(
        id=f.integer("id"),
        label=f.text("label"),
        prefix=f.text("prefix"),
        created_at=f.moment("created_at"),
        last_used_at=f.opt_moment("last_used_at"),
        revoked_at=f.opt_moment("revoked_at"),
        active=f.flag("active"),
    )


def read_key(body: object) -> ApiKey:
    """One key (DELETE /keys/ID's answer)."""
    return _api_key(Fields(body, "key"))


def read_keys(body: object) -> list[ApiKey]:
    """GET /keys's answer: newest first."""
    return [_api_key(f) for f in items(body, "keys")]


def read_new_key(body: object) -> NewApiKey:
    """POST /keys's answer."""
    fields = Fields(body, "key")
    return NewApiKey(_api_key(fields), fields.text("key"))


@dataclass(frozen=True, slots=True)
class Window:
    """Weekdays (`mon`..`sun`) and a local time range `HH:MM`-`HH:MM`."""

    days: list[str]
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Schedule:
    """A named set of weekly windows; its id is what `restrict_schedule_id` takes."""

    id: int
    name: str
    windows: list[Window]


def _schedule(f: Fields) -> Schedule:
    windows = [
        Window(text_list(w.raw.get("days"), "window.days"), w.text("start"), w.text("end"))
        for w in items(f.raw.get("windows"), "schedule.windows")
    ]
    return Schedule(f.integer("id"), f.text("name"), windows)


def read_schedule(body: object) -> Schedule:
    """One schedule."""
    return _schedule(Fields(body, "schedule"))


def read_schedules(body: object) -> list[Schedule]:
    """GET /schedules's answer: oldest first."""
    return [_schedule(f) for f in items(body, "schedules")]


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert: more or less than hours a day of a target (and its value)."""

    id: int
    comparison: str
    hours: float
    target: str
    value: str | int | None
    webhook_url: str | None
    description: str
    created_at: datetime


def _alert(f: Fields) -> Alert:
    value = f.raw.get("value")
    return Alert(
        id=f.integer("id"),
        comparison=f.text("comparison"),
        hours=f.number("hours"),
        target=f.text("target"),
        value=value if isinstance(value, str | int) and not isinstance(value, bool) else None,
        webhook_url=f.opt_text("webhook_url"),
        description=f.text("description"),
        created_at=f.moment("created_at"),
    )


def read_alert(body: object) -> Alert:
    """One alert."""
    return _alert(Fields(body, "alert"))


def read_alerts(body: object) -> list[Alert]:
    """GET /alerts's answer: oldest first."""
    return [_alert(f) for f in items(body, "alerts")]


@dataclass(frozen=True, slots=True)
class Triggering:
    """An alert that fired on a local day."""

    id: int
    alert_id: int
    description: str
    created_at: datetime
    date: date


def read_triggerings(body: object) -> list[Triggering]:
    """GET /alerts/triggerings's answer: newest first."""
    return [
        Triggering(
            f.integer("id"),
            f.integer("alert_id"),
            f.text("description"),
            f.moment("created_at"),
            f.day("date"),
        )
        for f in items(body, "triggerings")
    ]


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlight of a local day."""

    id: int
    date: date
    description: str
    source: str | None
    created_at: datetime


def _highlight(f: Fields) -> Highlight:
    return Highlight(
        f.integer("id"),
        f.day("date"),
        f.text("description"),
        f.opt_text("source"),
        f.moment("created_at"),
    )


def read_highlight(body: object) -> Highlight:
    """One highlight."""
    return _highlight(Fields(body, "highlight"))


def read_highlights(body: object) -> list[Highlight]:
    """GET /highlights's answer: newest entered first."""
    return [_highlight(f) for f in items(body, "highlights")]


@dataclass(frozen=True, slots=True)
class OfflineEntry:
    """Offline time: its span (aware times), minutes and names."""

    id: int
    start: datetime
    end: datetime
    minutes: float
    activity_name: str
    activity_details: str | None


def _offline(f: Fields) -> OfflineEntry:
    return OfflineEntry(
        id=f.integer("id"),
        start=f.moment("start"),
        end=f.moment("end"),
        minutes=f.number("minutes"),
        activity_name=f.text("activity_name"),
        activity_details=f.opt_text("activity_details"),
    )


def read_offline(body: object) -> OfflineEntry:
    """One offline entry."""
    return _offline(Fields(body, "offline"))


def read_offline_entries(body: object) -> list[OfflineEntry]:
    """GET /offline's answer: latest first."""
    return [_offline(f) for f in items(body, "offline")]


@dataclass(frozen=True, slots=True)
class FocusState:
    """Whether a FocusTime session runs, since when and until when."""

    active: bool
    started_at: datetime | None
    ends_at: datetime | None


def read_focus_state(body: object) -> FocusState:
    """GET/POST/DELETE /focus's answer."""
    f = Fields(body, "focus")
    return FocusState(f.flag("active"), f.opt_moment("started_at"), f.opt_moment("ends_at"))


@dataclass(frozen=True, slots=True)
class FocusSession:
    """A FocusTime session: when it started, for how long, and when it ended if it did early."""

    id: int
    started_at: datetime
    minutes: int
    ends_at: datetime
    ended_at: datetime | None


def read_focus_sessions(body: object) -> list[FocusSession]:
    """GET /focus/sessions's answer: newest first."""
    return [
        FocusSession(
            f.integer("id"),
            f.moment("started_at"),
            f.integer("minutes"),
            f.moment("ends_at"),
            f.opt_moment("ended_at"),
        )
        for f in items(body, "focus sessions")
    ]
