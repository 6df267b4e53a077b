"""Writing an export's rows (all but events, which go through ingest) into a person's account.

Ids are the destination's own: a schedule's or an alert's exported id is mapped to the row
made for it, so windows and triggerings follow. Restoring the same export twice adds nothing:
rows with a key are inserted unless present, rows without one unless an identical row is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Table, insert, select

from dayglass.services.export_format import Record
from dayglass.storage.cache_stamps import raise_stamp
from dayglass.storage.dialect import insert_ignoring_conflicts, upsert
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import (
    activity_overrides,
    alert_triggerings,
    alerts,
    category_overrides,
    daily_summaries,
    devices,
    focus_sessions,
    highlights,
    import_cursors,
    offline_entries,
    project_assignments,
    project_rules,
    projects,
    schedule_windows,
    schedules,
)

if TYPE_CHECKING:
    from dayglass.services.ports import IdMap, RestoreStore

_Restorer = Callable[[Connection, int, Record, "IdMap"], None]


def _insert_new(conn: Connection, table: Table, user_id: int, record: Record) -> int | None:
    """Insert a keyless row unless an identical one is there; the new row's id, or the old's."""
    values = {"user_id": user_id, **record}
    same = [table.c[name] == value for name, value in values.items() if value is not None]
    same += [table.c[name].is_(None) for name, value in values.items() if value is None]
    found = conn.execute(select(table.c.id).where(*same).limit(1)).scalar_one_or_none()
    if found is not None:
        return int(found)
    return inserted_id(conn.execute(insert(table).values(values)))


def _keyed(table: Table, keys: list[str], replace: bool = False) -> _Restorer:
    def restore(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
        values = {"user_id": user_id, **record}
        if table is activity_overrides:
            values["activity_key"] = str(record["activity"]).casefold()
        statement = upsert if replace else insert_ignoring_conflicts
        conn.execute(statement(conn, table, keys), values)

    return restore


def _keyless(table: Table, kind: str | None = None) -> _Restorer:
    def restore(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
        values = dict(record)
        old_id = values.pop("id", None)
        new_id = _insert_new(conn, table, user_id, values)
        if kind is not None and isinstance(old_id, int) and new_id is not None:
            ids[(kind, old_id)] = new_id

    return restore


def _schedule(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
    values = {"user_id": user_id, "name": record["name"], "created_at": record["created_at"]}
    conn.execute(insert_ignoring_conflicts(conn, schedules, ["user_id", "name"]), values)
    new_id = conn.execute(
        select(schedules.c.id).where(
            schedules.c.user_id == user_id, schedules.c.name == record["name"]
        )
    ).scalar_one()
    ids[("schedules", int(str(record["id"])))] = int(new_id)


def _window(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
    values = {**record, "user_id": user_id}
    values["schedule_id"] = ids[("schedules", int(str(record["schedule_id"])))]
    keys = ["user_id", "schedule_id", "weekday", "start_minute"]
    conn.execute(insert_ignoring_conflicts(conn, schedule_windows, keys), values)


def _triggering(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
    values = {**record, "user_id": user_id, "webhook_due_at": None}
    values["alert_id"] = ids[("alerts", int(str(record["alert_id"])))]
    keys = ["user_id", "alert_id", "day"]
    conn.execute(insert_ignoring_conflicts(conn, alert_triggerings, keys), values)


def _device(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
    values = {**record, "user_id": user_id, "max_event_ms": 0}
    conn.execute(insert_ignoring_conflicts(conn, devices, ["user_id", "name"]), values)


def _project(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
    values = {key: record[key] for key in ("name", "position", "created_at")}
    new_id = _insert_new(conn, projects, user_id, values)
    if new_id is not None:
        ids[("projects", int(str(record["id"])))] = new_id


def _of_project(table: Table) -> _Restorer:
    """Restore a row of a project's (a rule, an assignment) under the project's new id."""

    def restore(conn: Connection, user_id: int, record: Record, ids: IdMap) -> None:
        values = {**record, "project_id": ids[("projects", int(str(record["project_id"])))]}
        _insert_new(conn, table, user_id, values)

    return restore


# In the order restored (after the events): the offline time, then the snapshots of the days
# that time is in, then what judges or refers to them.
_RESTORERS: dict[str, _Restorer] = {
    "devices": _device,
    "offline_entries": _keyless(offline_entries),
    # The export's snapshot wins over one this server made of the day as the time arrived.
    "daily_summaries": _keyed(daily_summaries, ["user_id", "day"], replace=True),
    "activity_overrides": _keyed(activity_overrides, ["user_id", "activity_key"], replace=True),
    "category_overrides": _keyed(category_overrides, ["user_id", "category"], replace=True),
    "schedules": _schedule,
    "schedule_windows": _window,
    "alerts": _keyless(alerts, "alerts"),
    "alert_triggerings": _triggering,
    "highlights": _keyless(highlights),
    "focus_sessions": _keyless(focus_sessions),
    "import_cursors": _keyed(import_cursors, ["user_id", "source"], replace=True),
    "projects": _project,
    "project_rules": _of_project(project_rules),
    "project_assignments": _of_project(project_assignments),
}


class SqlRestoreStore:
    """Rows of an export into SQL, one transaction per kind."""

    def __init__(self, engine: Engine) -> None:
        self._writer = writer(engine)

    def kinds(self) -> list[str]:
        """The kinds this store restores (events go through ingest instead)."""
        return list(_RESTORERS)

    def restore(self, user_id: int, kind: str, records: Iterable[Record], ids: IdMap) -> int:
        """Write records of kind into the user's account; how many were read."""
        restorer = _RESTORERS[kind]
        count = 0
        with self._writer.begin() as conn:
            raise_stamp(conn, user_id)  # overrides among them: what processes keep is stale
            for record in records:
                restorer(conn, user_id, record, ids)
                count += 1
        return count


if TYPE_CHECKING:

    def _implements_restore_store(store: SqlRestoreStore) -> RestoreStore:
        return store
