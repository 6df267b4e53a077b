"""Export a person, import the export into an empty server: every report and feed answers the same.

The source is a SQLite server; the destination runs on SQLite and PostgreSQL. Rows get the
destination's own ids, so ids (and the keys, which are never exported) are the only difference.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.importers.dayglass import import_export
from dayglass.services.export_files import DirectorySink, DirectorySource, ZipSink
from dayglass.services.export_format import Record
from export.conftest import Seeded
from serving import PASSWORD, LiveServer

KINDS = ["activity", "document", "category", "overview", "productivity", "efficiency"]
ID_KEYS = {"id", "alert_id", "schedule_id", "highlight_id"}


def _without_ids(value: object) -> object:
    """An answer with the rows' ids taken out (each server numbers its rows itself)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in ID_KEYS}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _schedule_ids(client: httpx.Client) -> list[int]:
    answer = client.get("/api/v1/schedules")
    answer.raise_for_status()
    body = answer.json()
    rows = body["schedules"] if isinstance(body, dict) else body
    return [row["id"] for row in sorted(rows, key=lambda r: r["name"])]


def answers(server: LiveServer, key: str) -> dict[str, object]:
    """What the person's reports and feeds answer, by request."""
    found: dict[str, object] = {}
    with server.client(key) as client:

        def ask(name: str, path: str, **params: str) -> None:
            answer = client.get(path, params=params)
            assert answer.status_code == 200, (path, params, answer.text)
            kind = answer.headers.get("content-type", "")
            found[name] = _without_ids(answer.json()) if "json" in kind else answer.text

        span = {"restrict_begin": "2026-11-01", "restrict_end": "2026-11-10"}
        for kind in KINDS:
            for perspective in ("rank", "interval"):
                for resolution in ("minute", "hour", "day"):
                    params = {"restrict_kind": kind, "perspective": perspective}
                    params |= {"resolution_time": resolution, "format": "json"} | span
                    ask(f"data {kind} {perspective} {resolution}", "/anapi/data", **params)
        for source_type in ("computers", "mobile", "offline"):
            params = {"restrict_kind": "activity", "restrict_source_type": source_type} | span
            ask(f"data source {source_type}", "/anapi/data", format="json", **params)
        for n, schedule_id in enumerate(_schedule_ids(client)):
            params = {"restrict_kind": "activity", "restrict_schedule_id": str(schedule_id)}
            ask(f"data schedule {n}", "/anapi/data", format="json", **params, **span)
        ask("data csv", "/anapi/data.csv", restrict_kind="document", **span)
        ask("daily summary feed", "/anapi/daily_summary_feed")
        ask("alerts feed", "/anapi/alerts_feed", op="list")
        ask("alerts triggered", "/anapi/alerts_feed")
        ask("highlights feed", "/anapi/highlights_feed")
        ask("focustime started", "/anapi/focustime_started_feed")
        ask("focustime ended", "/anapi/focustime_ended_feed")
        for project in ("Client XYZ", "Dayglass"):
            params = {"restrict_kind": "document", "restrict_project": project} | span
            ask(f"data project {project}", "/anapi/data", format="json", **params)
        ask("native projects", "/api/v1/projects")
        for group in ("activity", "category", "productivity", "document", "project"):
            params = {"begin": "2026-11-01", "end": "2026-11-10", "group_by": group}
            ask(f"native report {group}", "/api/v1/report", **params)
        ask("native summaries", "/api/v1/daily-summaries")
        ask("native offline", "/api/v1/offline")
        ask("native schedules", "/api/v1/schedules")
        ask("native alerts", "/api/v1/alerts")
        ask("native triggerings", "/api/v1/alerts/triggerings")
        ask("native highlights", "/api/v1/highlights")
        ask("native focus", "/api/v1/focus/sessions")
        ask("native activities", "/api/v1/activities")
        ask("native categories", "/api/v1/categories")
    return found


def settled_answers(server: LiveServer, key: str, expected: dict[str, object]) -> dict[str, object]:
    """The destination's answers once its background work has settled after the import.

    The server's background (closing days, catching up, evaluating alerts) may still be working
    on the source's and the destination's accounts when the import returns, so the answers are
    read again until they agree (or 60 s pass).
    """
    deadline = time.monotonic() + 60
    got = answers(server, key)
    while got != expected and time.monotonic() < deadline:
        time.sleep(0.25)
        got = answers(server, key)
    return got


def _empty_account(server: LiveServer) -> tuple[int, str]:
    """The person's new account on the destination: another time zone and name, no data."""
    user = server.services.accounts.add_user("grace@example.org", PASSWORD, "G", "UTC")
    _, key = server.services.accounts.create_key(user.id, "reading")
    return user.id, key


@pytest.mark.parametrize("file_format", ["jsonl", "csv"])
def test_export_then_import_answers_the_same(
    source: Seeded, in_process_server: LiveServer, tmp_path: Path, file_format: str
) -> None:
    """Every report and feed of the destination answers as the source's."""
    folder = tmp_path / "export"
    manifest = source.server.services.exports.write(
        source.user_id, DirectorySink(folder), file_format
    )
    assert manifest["kinds"]["events"]["rows"] > 600
    assert manifest["kinds"]["alert_triggerings"]["rows"] > 0
    user_id, key = _empty_account(in_process_server)
    report = import_export(in_process_server.services, user_id, folder)
    assert report.rejected == 0 and report.duplicates == 0
    assert report.stored == manifest["kinds"]["events"]["rows"]
    expected = answers(source.server, source.key)
    for name in ("data activity rank day", "daily summary feed", "alerts triggered"):
        assert expected[name], name  # something to compare
    assert len(expected["data source offline"]["rows"]) == 1  # type: ignore[index]
    got = settled_answers(in_process_server, key, expected)
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], name
    again = import_export(in_process_server.services, user_id, folder)
    assert again.stored == 0
    assert settled_answers(in_process_server, key, expected) == expected


def test_the_export_is_documented_and_complete(
    source: Seeded, tmp_path: Path, clock: ManualClock
) -> None:
    """The manifest lists every kind with its file and count; secrets are never written."""
    folder = tmp_path / "export"
    manifest = source.server.services.exports.write(source.user_id, DirectorySink(folder))
    assert manifest["version"] == 1 and manifest["user"] == "grace@example.org"
    for name, kind in manifest["kinds"].items():
        lines = (folder / kind["file"]).read_bytes().splitlines()
        assert len(lines) == kind["rows"], name
    written = b"".join(p.read_bytes() for p in folder.iterdir())
    assert b"argon2" not in written and b"key_hash" not in written
    assert manifest["kinds"]["api_keys"]["rows"] == 2
    assert b'"label":"laptop agent"' in (folder / "api_keys.jsonl").read_bytes()


def test_a_zip_export_imports_too(
    source: Seeded, in_process_server: LiveServer, tmp_path: Path
) -> None:
    """The web app's zip imports as its directory does."""
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        source.server.services.exports.write(source.user_id, ZipSink(archive))
    user_id, key = _empty_account(in_process_server)
    import_export(in_process_server.services, user_id, path)
    expected = answers(source.server, source.key)
    assert settled_answers(in_process_server, key, expected) == expected


class _ClosingDaysHalfway:
    """An export whose reading stops halfway through the events for the server's closing of days
    and catch-up of closed ones, as its background may run them while an import goes on."""

    def __init__(self, source: DirectorySource, close_days: Callable[[], object]) -> None:
        self._source = source
        self._close_days = close_days
        self.closed = False

    def manifest(self) -> dict[str, Any]:
        return self._source.manifest()

    def records(self, kind: str) -> Iterator[Record]:
        half = self.manifest()["kinds"]["events"]["rows"] // 2
        for n, record in enumerate(self._source.records(kind)):
            if kind == "events" and n == half:
                self._close_days()
                self.closed = True
            yield record


def test_days_closed_while_the_events_arrive_end_as_the_export_froze_them(
    source: Seeded, in_process_server: LiveServer, tmp_path: Path
) -> None:
    """Half of the time is there when the background closes days and catches up: the summaries
    and the alerts judged by them are the export's once the import is done."""
    folder = tmp_path / "export"
    source.server.services.exports.write(source.user_id, DirectorySink(folder))
    user_id, key = _empty_account(in_process_server)
    closer = in_process_server.services.day_closer

    def close_days() -> None:
        closer.close_due()
        closer.catch_up(user_id)

    halfway = _ClosingDaysHalfway(DirectorySource(folder), close_days)
    in_process_server.services.restores.restore(user_id, halfway)
    assert halfway.closed
    expected = answers(source.server, source.key)
    got = answers(in_process_server, key)
    for name in (
        "daily summary feed",
        "native summaries",
        "alerts triggered",
        "native triggerings",
    ):
        assert got[name] == expected[name], name
