"""Reading a Data API request into what was asked, or the query error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from dayglass.core.localtime import Resolution
from dayglass.core.query import SOURCE_TYPES
from dayglass.http.compat.rescuetime import params as p

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_RESOLUTIONS = {r.value: r for r in Resolution if r is not Resolution.NONE}


class QueryError(Exception):
    """A request that RescueTime answers with its "query error" body."""


class Perspective(StrEnum):
    """Column 0 of the rows: a rank, a date, or (legacy) a person."""

    RANK = "rank"
    INTERVAL = "interval"
    MEMBER = "member"


class Kind(StrEnum):
    """`restrict_kind`: what the rows are about."""

    OVERVIEW = "overview"
    CATEGORY = "category"
    ACTIVITY = "activity"
    PRODUCTIVITY = "productivity"
    EFFICIENCY = "efficiency"
    DOCUMENT = "document"


class Format(StrEnum):
    """The body's format."""

    JSON = "json"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class DataRequest:
    """A Data API request, every parameter read and checked; defaults not yet applied to dates."""

    perspective: Perspective = Perspective.RANK
    kind: Kind = Kind.ACTIVITY
    resolution: Resolution = Resolution.HOUR
    begin: date | None = None
    end: date | None = None
    thing: str | None = None
    thingy: str | None = None
    source_type: str | None = None
    schedule_id: int | None = None
    project: str | None = None
    format: Format = Format.JSON


E = TypeVar("E", bound=StrEnum)


def _choice(raw: str | None, kind: type[E], default: E) -> E:
    if raw is None:
        return default
    try:
        return kind(raw.lower())
    except ValueError:
        raise QueryError(raw) from None


def _date(raw: str | None) -> date | None:
    if raw is None:
        return None
    match = _DATE.fullmatch(raw)
    if not match:
        raise QueryError(raw)
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise QueryError(raw) from None


def _text(raw: str | None) -> str | None:
    # Names are compared as text; a NUL or a lone surrogate can name nothing stored.
    if raw is None:
        return None
    try:
        raw.encode()
    except UnicodeEncodeError:
        raise QueryError(raw) from None
    if "\x00" in raw:
        raise QueryError(raw)
    return raw


def _schedule_id(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not _INTEGER.fullmatch(raw):
        raise QueryError(raw)
    return int(raw)


def _source_type(raw: str | None) -> str | None:
    if raw is not None and raw.lower() not in SOURCE_TYPES:
        raise QueryError(raw)
    return None if raw is None else raw.lower()


def _resolution(raw: str | None) -> Resolution:
    if raw is None:
        return Resolution.HOUR
    found = _RESOLUTIONS.get(raw.lower())
    if found is None:
        raise QueryError(raw)
    return found


def parse_data_request(params: p.RawParams, suffix: Format | None = None) -> DataRequest:
    """What a request asks; QueryError for a value RescueTime would not accept.

    Unknown and legacy parameters are ignored. A `.json`/`.csv` path suffix beats `format`.
    """
    perspective = _choice(p.value(params, p.PERSPECTIVE), Perspective, Perspective.RANK)
    kind = _choice(p.value(params, p.KIND), Kind, Kind.ACTIVITY)
    if kind is Kind.EFFICIENCY and perspective is Perspective.RANK:
        raise QueryError("efficiency is not applicable in the rank perspective")
    return DataRequest(
        perspective=perspective,
        kind=kind,
        resolution=_resolution(p.value(params, p.RESOLUTION)),
        begin=_date(p.value(params, p.BEGIN)),
        end=_date(p.value(params, p.END)),
        thing=_text(p.value(params, p.THING)),
        thingy=_text(p.value(params, p.THINGY)),
        source_type=_source_type(p.value(params, p.SOURCE_TYPE)),
        schedule_id=_schedule_id(p.value(params, p.SCHEDULE)),
        project=_text(p.value(params, p.PROJECT)),
        format=suffix or _choice(p.value(params, p.FORMAT), Format, Format.JSON),
    )


@dataclass(frozen=True, slots=True)
class TeamNarrowing:
    """What an organization key's request narrows to: a group, a person, rows per group."""

    group: str | None = None
    user: str | None = None
    by_group: bool = False


def parse_team_narrowing(params: p.RawParams) -> TeamNarrowing:
    """restrict_group, restrict_user and `members` (people, the default, or groups)."""
    members = (p.value(params, p.MEMBERS) or "people").lower()
    if members not in ("people", "groups"):
        raise QueryError(members)
    return TeamNarrowing(
        _text(p.value(params, p.GROUP)), _text(p.value(params, p.USER)), members == "groups"
    )
