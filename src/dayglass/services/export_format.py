"""The export format: one file per kind of a person's data, each row a flat record.

A record maps column names to plain values (int, float, str, bool, None, aware datetime, date).
JSON Lines write datetimes and dates as ISO 8601 text; CSV writes every value as text, with
`\\N` for no value (a text that starts with a backslash gets one more, so none is ambiguous).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

import orjson

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FORMATS = ("jsonl", "csv")
NULL = "\\N"

Value = int | float | str | bool | datetime | date | None
Record = dict[str, Value]


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a kind: its name, value type and whether it may hold no value."""

    name: str
    type: str  # int, float, str, bool, datetime, date
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of data: file stem, what it holds, columns, and whether import restores it."""

    name: str
    about: str
    columns: tuple[Column, ...]
    restored: bool = True

    def file(self, format_: str) -> str:
        """The file this kind is written to in format_."""
        return f"{self.name}.{format_}"


def _c(spec: str) -> Column:
    """A column from `name:type` (a trailing `?` on the type: it may hold no value)."""
    name, type_ = spec.split(":")
    return Column(name, type_.rstrip("?"), type_.endswith("?"))


def _kind(name: str, about: str, specs: str, restored: bool = True) -> Kind:
    return Kind(name, about, tuple(_c(s) for s in specs.split()), restored)


KINDS: tuple[Kind, ...] = (
    _kind(
        "account",
        "The account: email, name, time zone (no password).",
        "email:str display_name:str timezone:str created_at:datetime",
    ),
    _kind(
        "api_keys",
        "API keys by label and prefix (the keys themselves are never stored).",
        "label:str prefix:str created_at:datetime last_used_at:datetime? revoked_at:datetime?",
        restored=False,
    ),
    _kind(
        "oauth_grants",
        "Applications the person let read their data (no tokens).",
        "application:str client_id:str scope:str created_at:datetime last_used_at:datetime?"
        " revoked_at:datetime?",
        restored=False,
    ),
    _kind(
        "oauth_clients",
        "Applications the person registered (no secrets).",
        "client_id:str name:str redirect_uris:str created_at:datetime",
        restored=False,
    ),
    _kind(
        "embed_keys",
        "Published reports by label and prefix (no keys), with the search, project id and"
        " relative period they keep.",
        "label:str prefix:str begin_day:str end_day:str group_by:str resolution:str"
        " allow_raw:bool created_at:datetime revoked_at:datetime? search:str?"
        " project_id:int? period:str?",
        restored=False,
    ),
    _kind(
        "devices",
        "Where time came from: each agent, importer and offline entry.",
        "name:str source_type:str created_at:datetime",
    ),
    _kind(
        "events",
        "Raw events in the order they arrived: UTC start and duration in ms, device offset.",
        "device:str client_id:str start_ms:int duration_ms:int utc_offset_min:int app:str"
        " title:str url:str?",
    ),
    _kind(
        "activity_overrides",
        "The person's own category and productivity for an activity.",
        "activity:str category:str? productivity:int?",
    ),
    _kind(
        "category_overrides",
        "The person's own productivity for a sub-category.",
        "category:str productivity:int",
    ),
    _kind("schedules", "Named weekly schedules.", "id:int name:str created_at:datetime"),
    _kind(
        "schedule_windows",
        "A schedule's spans: weekday 0 Monday, minutes of the local day.",
        "schedule_id:int weekday:int start_minute:int end_minute:int",
    ),
    _kind(
        "alerts",
        "Alert rules.",
        "id:int comparison:str hours:float target:str value:str? webhook_url:str?"
        " created_at:datetime",
    ),
    _kind(
        "alert_triggerings",
        "When alerts fired (a restored one is not delivered to its webhook again).",
        "alert_id:int day:date message:str created_at:datetime webhook_attempts:int",
    ),
    _kind(
        "highlights",
        "Highlights of a day.",
        "day:date description:str source:str? created_at:datetime",
    ),
    _kind(
        "focus_sessions",
        "FocusTime sessions.",
        "started_at:datetime minutes:int ends_at:datetime ended_at:datetime?",
    ),
    _kind(
        "offline_entries",
        "Offline time entries (their time is in events, on the entry's device).",
        "start_at:datetime utc_offset_min:int seconds:int activity:str details:str device:str"
        " created_at:datetime",
    ),
    _kind(
        "daily_summaries",
        "Each closed day's frozen summary (seconds and activities as JSON text).",
        "day:date total_seconds:int seconds:str made_at:datetime activities:str?",
    ),
    _kind(
        "import_cursors",
        "How far each import of the person's history has come.",
        "source:str position:str updated_at:datetime",
    ),
    _kind(
        "projects",
        "Projects in the person's order (position 1 first).",
        "id:int name:str position:int created_at:datetime",
    ),
    _kind(
        "project_rules",
        "Each project's rules, in the order they were added.",
        "project_id:int kind:str value:str",
    ),
    _kind(
        "project_assignments",
        "Local time given to a project by hand: minutes [start, end) of a day, oldest first.",
        "project_id:int day:date start_minute:int end_minute:int created_at:datetime",
    ),
    _kind(
        "org_memberships",
        "Organizations the person belongs to: role, what they share (totals, categories,"
        " activities or documents) and whether by name. Not restored: joining takes an"
        " invitation of that organization.",
        "org_id:int organization:str role:str share:str by_name:bool joined_at:datetime",
        restored=False,
    ),
    _kind(
        "org_groups",
        "The groups the person is in (as member) or manages (as manager).",
        "org_id:int group:str as:str",
        restored=False,
    ),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


# ---- values to and from text ----


def _to_text(value: Value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return "\\" + value if value.startswith("\\") else value
    return repr(value) if isinstance(value, float) else str(value)


def _from_text(column: Column, text: str) -> Value:
    if text == NULL and column.nullable:
        return None
    if column.type == "str":
        return text[1:] if text.startswith("\\") else text
    return _typed(column, text)


def _typed(column: Column, value: object) -> Value:
    """A value read from JSON or CSV as its column's type."""
    if value is None:
        if not column.nullable:
            raise ValueError(f"{column.name}: a value is needed")
        return None
    kind = column.type
    if kind == "int":
        return int(str(value))
    if kind == "float":
        return float(str(value))
    if kind == "bool":
        return value if isinstance(value, bool) else str(value) == "true"
    if kind == "datetime":
        return datetime.fromisoformat(str(value))
    if kind == "date":
        return date.fromisoformat(str(value))
    return str(value)


# ---- writers and readers ----


def write_jsonl(stream: IO[bytes], records: Iterable[Record]) -> int:
    """Write records as JSON Lines; how many."""
    count = 0
    dumps, option = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    for record in records:
        stream.write(dumps(record, option=option))
        count += 1
    return count


def write_csv(stream: IO[bytes], kind: Kind, records: Iterable[Record]) -> int:
    """Write records as CSV with a header row; how many."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        names = [c.name for c in kind.columns]
        writer.writerow(names)
        count = 0
        for record in records:
            writer.writerow([_to_text(record[name]) for name in names])
            count += 1
        return count
    finally:
        text.detach()  # the stream belongs to the caller


def read_jsonl(stream: IO[bytes], kind: Kind) -> Iterator[Record]:
    """Records of kind from JSON Lines, one line at a time."""
    columns = kind.columns
    for line in stream:
        if not line.strip():
            continue
        raw = orjson.loads(line)
        yield {c.name: _typed(c, raw.get(c.name)) for c in columns}


def read_csv(stream: IO[bytes], kind: Kind) -> Iterator[Record]:
    """Records of kind from CSV with a header row, one row at a time."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    reader = csv.DictReader(text)
    columns = kind.columns
    for row in reader:
        yield {c.name: _from_text(c, row.get(c.name, NULL)) for c in columns}


def write_records(stream: IO[bytes], format_: str, kind: Kind, records: Iterable[Record]) -> int:
    """Write records of kind in format_; how many."""
    if format_ == "csv":
        return write_csv(stream, kind, records)
    return write_jsonl(stream, records)


def read_records(stream: IO[bytes], format_: str, kind: Kind) -> Iterator[Record]:
    """Read records of kind in format_."""
    if format_ == "csv":
        return read_csv(stream, kind)
    return read_jsonl(stream, kind)
