"""Restoring an export into a person's account: its events through ingest, the rest as rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from dayglass.core.errors import InvalidInput
from dayglass.services.accounts import AccountService
from dayglass.services.event_schema import MAX_EVENTS
from dayglass.services.export_files import ExportSource
from dayglass.services.export_format import Record
from dayglass.services.ingest import IngestService
from dayglass.services.ports import IdMap, RestoreStore

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ZONES: dict[int, timezone] = {}


@dataclass
class RestoreReport:
    """What a restore did: rows read per kind, and what became of the events."""

    rows: dict[str, int] = field(default_factory=dict)
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0


def _zone(offset_min: int) -> timezone:
    zone = _ZONES.get(offset_min)
    if zone is None:
        zone = _ZONES[offset_min] = timezone(timedelta(minutes=offset_min))
    return zone


def wire_event(record: Record) -> dict[str, Any]:
    """An exported event as an ingest batch takes it (the same start, length and offset)."""
    start_ms, offset = int(str(record["start_ms"])), int(str(record["utc_offset_min"]))
    start = (_EPOCH + timedelta(milliseconds=start_ms)).astimezone(_zone(offset))
    event: dict[str, Any] = {
        "id": record["client_id"],
        "start": start,
        "duration": int(str(record["duration_ms"])) / 1000,
        "app": record["app"],
        "title": record["title"],
    }
    if record["url"] is not None:
        event["url"] = record["url"]
    return event


def device_runs(
    events: Iterable[Record], size: int = MAX_EVENTS
) -> Iterator[tuple[str, list[Record]]]:
    """Events in their order, cut into runs of one device of at most size events."""
    device: str | None = None
    run: list[Record] = []
    for record in events:
        name = str(record["device"])
        if run and (name != device or len(run) >= size):
            yield str(device), run
            run = []
        device = name
        run.append(record)
    if run:
        yield str(device), run


class RestoreService:
    """Puts an export back into an account (an empty one, for an exact copy)."""

    def __init__(
        self, store: RestoreStore, ingest: IngestService, accounts: AccountService
    ) -> None:
        self._store = store
        self._ingest = ingest
        self._accounts = accounts

    def restore(self, user_id: int, source: ExportSource) -> RestoreReport:
        """Restore everything the export holds that can be restored into the user's account."""
        report = RestoreReport()
        self._restore_account(user_id, source, report)
        ids: IdMap = {}
        sources: dict[str, str] = {}
        for record in self._counted(source.records("devices"), "devices", report):
            sources[str(record["name"])] = str(record["source_type"])
            self._store.restore(user_id, "devices", [record], ids)
        # The time first, then the frozen summaries, then the alerts: a server closing days or
        # catching up meanwhile snapshots part of the time, which the export's summaries then
        # replace, and has no alert yet to judge those days by.
        self._restore_events(user_id, source, sources, report)
        for kind in self._store.kinds():
            if kind != "devices":
                report.rows[kind] = self._store.restore(user_id, kind, source.records(kind), ids)
        return report

    @staticmethod
    def _counted(records: Iterator[Record], kind: str, report: RestoreReport) -> Iterator[Record]:
        report.rows.setdefault(kind, 0)
        for record in records:
            report.rows[kind] += 1
            yield record

    def _restore_account(self, user_id: int, source: ExportSource, report: RestoreReport) -> None:
        for record in self._counted(source.records("account"), "account", report):
            name, zone = str(record["display_name"]), str(record["timezone"])
            self._accounts.update_profile(user_id, name, zone)

    def _restore_events(
        self, user_id: int, source: ExportSource, sources: dict[str, str], report: RestoreReport
    ) -> None:
        events = self._counted(source.records("events"), "events", report)
        for device, run in device_runs(events):
            if device not in sources:
                raise InvalidInput(f"events: device {device!r} is not in devices")
            batch = {
                "device": device,
                "source_type": sources[device],
                "events": [wire_event(r) for r in run],
            }
            result = self._ingest.ingest(user_id, batch)
            report.stored += result.stored
            report.duplicates += result.duplicates
            report.rejected += len(result.rejected)
