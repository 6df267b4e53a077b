"""Laying a day of RescueTime rows out as events that give back exactly those rows.

A row says only "so many seconds of this in that 5-minute bucket", so the rows of a bucket are
laid end to end from the bucket's start. Events of one device never overlap (ingest would clip
them), so time beyond 300 seconds in a bucket (two devices at once at the source, or a bucket
label that repeats when the clocks go back) goes to a further lane: another device.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dayglass.importers.ids import stable_id
from dayglass.importers.rescuetime_rows import SourceRow
from dayglass.importers.storing import ImportedEvent

BUCKET_SECONDS = 300

Piece = tuple[SourceRow, int, int]  # the row, seconds of it, which piece of it


def _sequences(rows: Sequence[SourceRow]) -> list[list[Piece]]:
    """The rows of one bucket in runs of at most 300 seconds, a row split where it must."""
    runs: list[list[Piece]] = [[]]
    room = BUCKET_SECONDS
    for row in rows:
        left, part = row.seconds, 0
        while left > 0:
            if room == 0:
                runs.append([])
                room = BUCKET_SECONDS
            take = min(left, room)
            runs[-1].append((row, take, part))
            left, room, part = left - take, room - take, part + 1
    return runs


def _placed(label: datetime, zone: ZoneInfo, fold: int) -> datetime:
    """The label as an aware time whose wall clock is the label (the zone's offset there)."""
    offset = label.replace(tzinfo=zone, fold=fold).utcoffset() or timedelta(0)
    return label.replace(tzinfo=timezone(offset))


def lay_out_day(rows: Sequence[SourceRow], zone: ZoneInfo) -> list[tuple[int, ImportedEvent]]:
    """Each row of a day as events, with the lane (0 = the main device) each goes to."""
    by_label: dict[datetime, list[SourceRow]] = defaultdict(list)
    for row in rows:
        by_label[row.local].append(row)
    lane_ends: list[datetime] = []
    laid: list[tuple[int, ImportedEvent]] = []
    for label in sorted(by_label):
        ordered = sorted(by_label[label], key=lambda r: (-r.seconds, r.activity, r.document))
        for index, run in enumerate(_sequences(ordered)):
            start = _placed(label, zone, fold=min(index, 1))
            end = start + timedelta(seconds=sum(seconds for _, seconds, _ in run))
            lane = _free_lane(lane_ends, start.astimezone(UTC), end.astimezone(UTC))
            for row, seconds, part in run:
                event_id = stable_id("rt", label.isoformat(), row.activity, row.document, part)
                laid.append(
                    (lane, ImportedEvent(event_id, start, seconds, row.activity, row.document))
                )
                start += timedelta(seconds=seconds)
    return laid


def _free_lane(lane_ends: list[datetime], start: datetime, end: datetime) -> int:
    """The first lane free from start on (a new one if none is), now taken until end."""
    for lane, busy_until in enumerate(lane_ends):
        if busy_until <= start:
            lane_ends[lane] = end
            return lane
    lane_ends.append(end)
    return len(lane_ends) - 1
