"""Reading one person's rows of each export kind, streamed from the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Select, case, literal, select, union_all

from dayglass.services.export_format import Record
from dayglass.storage.tables import (
    activity_overrides,
    alert_triggerings,
    alerts,
    api_keys,
    category_overrides,
    daily_summaries,
    devices,
    embed_keys,
    focus_sessions,
    group_managers,
    group_members,
    highlights,
    import_cursors,
    oauth_clients,
    oauth_tokens,
    offline_entries,
    org_groups,
    org_members,
    organizations,
    project_assignments,
    project_rules,
    projects,
    raw_events,
    schedule_windows,
    schedules,
    texts,
    users,
)

if TYPE_CHECKING:
    from dayglass.services.ports import ExportStore

_STREAM_ROWS = 5_000


def _account(user_id: int) -> Select[Any]:
    c = users.c
    return select(c.email, c.display_name, c.timezone, c.created_at).where(c.id == user_id)


def _api_keys(user_id: int) -> Select[Any]:
    c = api_keys.c
    query = select(c.label, c.prefix, c.created_at, c.last_used_at, c.revoked_at)
    return query.where(c.user_id == user_id).order_by(c.id)


def _oauth_grants(user_id: int) -> Select[Any]:
    t, a = oauth_tokens.c, oauth_clients.c
    return (
        select(
            a.name.label("application"),
            a.client_id,
            t.scope,
            t.created_at,
            t.last_used_at,
            t.revoked_at,
        )
        .join_from(oauth_tokens, oauth_clients, t.client_id == a.id)
        .where(t.user_id == user_id)
        .order_by(t.id)
    )


def _oauth_clients(user_id: int) -> Select[Any]:
    c = oauth_clients.c
    query = select(c.client_id, c.name, c.redirect_uris, c.created_at)
    return query.where(c.owner_id == user_id).order_by(c.id)


def _embed_keys(user_id: int) -> Select[Any]:
    c = embed_keys.c
    query = select(
        c.label,
        c.prefix,
        c.begin_day,
        c.end_day,
        c.group_by,
        c.resolution,
        c.allow_raw,
        c.created_at,
        c.revoked_at,
        c.search,
        c.project_id,
        c.period,
    )
    return query.where(c.user_id == user_id).order_by(c.id)


def _devices(user_id: int) -> Select[Any]:
    c = devices.c
    return select(c.name, c.source_type, c.created_at).where(c.user_id == user_id).order_by(c.id)


def _events(user_id: int) -> Select[Any]:
    e = raw_events.c
    app, title, url = texts.alias("app"), texts.alias("title"), texts.alias("url")
    return (
        select(
            devices.c.name.label("device"),
            e.client_id,
            e.start_ms,
            e.duration_ms,
            e.utc_offset_min,
            app.c.value.label("app"),
            title.c.value.label("title"),
            url.c.value.label("url"),
        )
        .select_from(raw_events)
        # Joined on user_id too: Citus joins co-located rows on their distribution column.
        .join(devices, (devices.c.user_id == e.user_id) & (devices.c.id == e.device_id))
        .join(app, (app.c.user_id == e.user_id) & (app.c.id == e.app_text_id))
        .join(title, (title.c.user_id == e.user_id) & (title.c.id == e.title_text_id))
        .outerjoin(url, (url.c.user_id == e.user_id) & (url.c.id == e.url_text_id))
        .where(e.user_id == user_id)
        .order_by(e.id)  # arrival order: overlapping time goes to whichever came first
    )


def _activity_overrides(user_id: int) -> Select[Any]:
    c = activity_overrides.c
    query = select(c.activity, c.category, c.productivity).where(c.user_id == user_id)
    return query.order_by(c.activity_key)


def _category_overrides(user_id: int) -> Select[Any]:
    c = category_overrides.c
    query = select(c.category, c.productivity).where(c.user_id == user_id)
    return query.order_by(c.category)


def _schedules(user_id: int) -> Select[Any]:
    c = schedules.c
    return select(c.id, c.name, c.created_at).where(c.user_id == user_id).order_by(c.id)


def _schedule_windows(user_id: int) -> Select[Any]:
    c = schedule_windows.c
    query = select(c.schedule_id, c.weekday, c.start_minute, c.end_minute)
    return query.where(c.user_id == user_id).order_by(c.schedule_id, c.weekday, c.start_minute)


def _alerts(user_id: int) -> Select[Any]:
    c = alerts.c
    query = select(c.id, c.comparison, c.hours, c.target, c.value, c.webhook_url, c.created_at)
    return query.where(c.user_id == user_id).order_by(c.id)


def _alert_triggerings(user_id: int) -> Select[Any]:
    c = alert_triggerings.c
    query = select(c.alert_id, c.day, c.message, c.created_at, c.webhook_attempts)
    return query.where(c.user_id == user_id).order_by(c.id)


def _highlights(user_id: int) -> Select[Any]:
    c = highlights.c
    query = select(c.day, c.description, c.source, c.created_at)
    return query.where(c.user_id == user_id).order_by(c.id)


def _focus_sessions(user_id: int) -> Select[Any]:
    c = focus_sessions.c
    query = select(c.started_at, c.minutes, c.ends_at, c.ended_at)
    return query.where(c.user_id == user_id).order_by(c.id)


def _offline_entries(user_id: int) -> Select[Any]:
    c = offline_entries.c
    query = select(
        c.start_at, c.utc_offset_min, c.seconds, c.activity, c.details, c.device, c.created_at
    )
    return query.where(c.user_id == user_id).order_by(c.id)


def _daily_summaries(user_id: int) -> Select[Any]:
    c = daily_summaries.c
    query = select(c.day, c.total_seconds, c.seconds, c.made_at, c.activities)
    return query.where(c.user_id == user_id).order_by(c.day)


def _import_cursors(user_id: int) -> Select[Any]:
    c = import_cursors.c
    query = select(c.source, c.position, c.updated_at).where(c.user_id == user_id)
    return query.order_by(c.source)


def _projects(user_id: int) -> Select[Any]:
    c = projects.c
    query = select(c.id, c.name, c.position, c.created_at).where(c.user_id == user_id)
    return query.order_by(c.position, c.id)


def _project_rules(user_id: int) -> Select[Any]:
    c = project_rules.c
    query = select(c.project_id, c.kind, c.value).where(c.user_id == user_id)
    return query.order_by(c.id)


def _project_assignments(user_id: int) -> Select[Any]:
    c = project_assignments.c
    query = select(c.project_id, c.day, c.start_minute, c.end_minute, c.created_at)
    return query.where(c.user_id == user_id).order_by(c.id)


def _org_memberships(user_id: int) -> Select[Any]:
    c = org_members.c
    share = case(
        (c.share == 1, "totals"),
        (c.share == 2, "categories"),
        (c.share == 3, "activities"),
        else_="documents",
    )
    query = select(
        c.org_id,
        organizations.c.name.label("organization"),
        c.role,
        share.label("share"),
        c.by_name,
        c.joined_at,
    ).join(organizations, organizations.c.id == c.org_id)
    return query.where(c.user_id == user_id).order_by(c.joined_at, c.org_id)


def _org_groups(user_id: int) -> Select[Any]:
    def linked(table: Any, role: str) -> Select[Any]:
        return (
            select(org_groups.c.org_id, org_groups.c.name.label("group"), literal(role).label("as"))
            .join(table, table.c.group_id == org_groups.c.id)
            .where(table.c.user_id == user_id)
        )

    both = union_all(linked(group_members, "member"), linked(group_managers, "manager")).subquery()
    return select(both).order_by(both.c.org_id, both.c.group, both.c["as"])


_QUERIES: dict[str, Callable[[int], Select[Any]]] = {
    "account": _account,
    "api_keys": _api_keys,
    "oauth_grants": _oauth_grants,
    "oauth_clients": _oauth_clients,
    "embed_keys": _embed_keys,
    "devices": _devices,
    "events": _events,
    "activity_overrides": _activity_overrides,
    "category_overrides": _category_overrides,
    "schedules": _schedules,
    "schedule_windows": _schedule_windows,
    "alerts": _alerts,
    "alert_triggerings": _alert_triggerings,
    "highlights": _highlights,
    "focus_sessions": _focus_sessions,
    "offline_entries": _offline_entries,
    "daily_summaries": _daily_summaries,
    "import_cursors": _import_cursors,
    "projects": _projects,
    "project_rules": _project_rules,
    "project_assignments": _project_assignments,
    "org_memberships": _org_memberships,
    "org_groups": _org_groups,
}


class SqlExportStore:
    """A person's rows of each export kind, a few thousand at a time (a server-side cursor)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def kinds(self) -> list[str]:
        """The kinds this store can read."""
        return list(_QUERIES)

    def rows(self, user_id: int, kind: str) -> Iterator[Record]:
        """The user's rows of kind, as records named like the kind's columns."""
        query = _QUERIES[kind](user_id)
        with self._engine.connect() as conn:
            streaming = conn.execution_options(stream_results=True, yield_per=_STREAM_ROWS)
            result = streaming.execute(query)
            # Plain str names: orjson refuses str subclasses as keys.
            names = [str(name) for name in result.keys()]  # noqa: SIM118 (a Result)
            for row in result:
                yield dict(zip(names, row, strict=True))


if TYPE_CHECKING:

    def _implements_export_store(store: SqlExportStore) -> ExportStore:
        return store
