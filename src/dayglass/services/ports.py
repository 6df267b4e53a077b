"""What the account, ingest, report, schedule, category, OAuth and embed services need from
storage, as protocols that `dayglass.storage` implements (the feeds' ports: `feed_ports`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from dayglass.core.accounts import ApiKey, User, UserCredentials
from dayglass.core.categorization import ActivityOverride, Overrides
from dayglass.core.embeds import EmbeddedReport, EmbedKey
from dayglass.core.events import AcceptedEvent
from dayglass.core.oauth import AccessGrant, AuthorizationCode, OAuthClient
from dayglass.core.projects import ProjectBook, ProjectRule
from dayglass.core.query import Narrowing
from dayglass.core.schedules import Schedule, WeekRanges, Window
from dayglass.core.spans import Span
from dayglass.core.web_sessions import WebSession
from dayglass.services.export_format import Record

FactKey = tuple[int, str, str]  # (local bucket start, activity, document)


class AccountStore(Protocol):
    """Users and API keys."""

    def add_user(
        self, email: str, display_name: str, password_hash: str, timezone: str, now: datetime
    ) -> User: ...

    def user(self, user_id: int) -> User | None: ...

    def user_stamp(self, user_id: int) -> int | None: ...

    def credentials(self, email: str) -> UserCredentials | None: ...

    def users(self) -> list[User]: ...

    def update_user(self, user_id: int, **fields: str) -> None: ...

    def add_key(
        self, user_id: int, label: str, prefix: str, key_hash: str, now: datetime
    ) -> ApiKey: ...

    def key_by_hash(self, key_hash: str) -> ApiKey | None: ...

    def keys(self, user_id: int) -> list[ApiKey]: ...

    def key(self, key_id: int) -> ApiKey | None: ...

    def revoke_key(self, key_id: int, user_id: int, now: datetime) -> bool: ...

    def touch_key(self, key_hash: str, now: datetime) -> None: ...


class DeviceBatch(Protocol):
    """One device's stored events, locked against other writers while a batch is added."""

    def counted_spans(self, start_ms: int, end_ms: int) -> list[Span]: ...

    def store_new(self, events: Sequence[AcceptedEvent]) -> list[AcceptedEvent]:
        """Store the events whose ids the device has not sent before (ids unique among
        events); those, in order."""
        ...

    def add_facts(self, facts: Mapping[FactKey, int]) -> None:
        """Add milliseconds of stored events (of store_new) to the reports' rows."""
        ...


class IngestStore(Protocol):
    """Where batches of events go."""

    def device_batch(
        self, user_id: int, device: str, source_type: str
    ) -> AbstractContextManager[DeviceBatch]: ...


DailyCut = Literal["day", "week"] | None  # how daily_totals cuts time (None: not at all)
# What aggregate yields: (period, activity id, activity name, document, span, device id, ms).
FactRow = tuple[int | None, int, str, str, int, int, int]


class ReportStore(Protocol):
    """Aggregates facts in the database."""

    def activities(self, user_id: int) -> list[tuple[int, str]]: ...

    def daily_totals(
        self, user_ids: Sequence[int], low_day: int, high_day: int, cut: DailyCut
    ) -> Iterator[tuple[int, int | None, str, int]]: ...

    def aggregate(
        self,
        user_id: int,
        low_bucket: int,
        high_bucket: int,
        unit_seconds: int | None,
        activity_ids: Iterable[int] | None,
        source_type: str | None,
        document: str | None,
        by_document: bool,
        schedule: WeekRanges | None = None,
        spans: Sequence[tuple[int, int]] = (),
        narrowed: Narrowing | None = None,
        by_device: bool = False,
    ) -> Iterable[FactRow]: ...

    def devices(self, user_id: int) -> list[tuple[int, str]]: ...

    def texts(self, user_id: int) -> list[tuple[int, str]]: ...

    def activity_totals(self, user_id: int) -> dict[int, int]: ...


class ProjectStore(Protocol):
    """Each user's projects, their rules and hand assignments."""

    def book(self, user_id: int) -> ProjectBook: ...

    def device_names(self, user_id: int) -> list[str]: ...

    def add_project(self, user_id: int, name: str, now: datetime) -> int: ...

    def rename_project(self, user_id: int, project_id: int, name: str) -> bool: ...

    def remove_project(self, user_id: int, project_id: int) -> bool: ...

    def reorder(self, user_id: int, project_ids: Sequence[int]) -> None: ...

    def add_rule(self, user_id: int, project_id: int, rule: ProjectRule) -> int | None: ...

    def remove_rule(self, user_id: int, project_id: int, rule_id: int) -> bool: ...

    def add_assignment(
        self, user_id: int, project_id: int, day: date, minutes: tuple[int, int], now: datetime
    ) -> int | None: ...

    def remove_assignment(self, user_id: int, assignment_id: int) -> bool: ...


class ScheduleStore(Protocol):
    """Each user's schedules."""

    def add(
        self, user_id: int, name: str, windows: Sequence[Window], now: datetime
    ) -> Schedule: ...

    def schedules(self, user_id: int, schedule_id: int | None = None) -> list[Schedule]: ...

    def remove(self, user_id: int, schedule_id: int) -> bool: ...


class CategoryStore(Protocol):
    """Each user's categorization choices."""

    def overrides(self, user_id: int) -> Overrides: ...

    def overrides_of(self, user_ids: Sequence[int]) -> dict[int, Overrides]: ...

    def set_activity_override(
        self, user_id: int, activity: str, override: ActivityOverride
    ) -> None: ...

    def clear_activity_override(self, user_id: int, activity: str) -> bool: ...

    def set_category_productivity(self, user_id: int, category: str, level: int | None) -> None: ...


class OAuthStore(Protocol):
    """Registered applications (with the user who registered one), codes and tokens."""

    def add_client(
        self,
        client_id: str,
        secret_hash: str,
        name: str,
        uris: tuple[str, ...],
        now: datetime,
        owner_id: int | None = None,
    ) -> OAuthClient: ...

    def clients(self, owner_id: int | None = None) -> list[OAuthClient]: ...

    def owner(self, client_id: str) -> int | None: ...

    def client(self, client_id: str) -> tuple[OAuthClient, str] | None: ...

    def remove_client(self, client_id: str) -> bool: ...

    def add_code(self, code_hash: str, client_pk: int, code: AuthorizationCode) -> None: ...

    def code(self, code_hash: str, client_pk: int) -> AuthorizationCode | None: ...

    def delete_code(self, code_hash: str) -> bool: ...

    def add_token(
        self, token_hash: str, client_pk: int, user_id: int, scope: str, now: datetime
    ) -> int: ...

    def grant_by_hash(self, token_hash: str) -> AccessGrant | None: ...

    def grants(self, user_id: int) -> list[AccessGrant]: ...

    def revoke(self, grant_id: int, user_id: int, now: datetime) -> bool: ...

    def touch(self, token_hash: str, now: datetime) -> None: ...


class EmbedStore(Protocol):
    """Embed keys: each publishes one report."""

    def add(
        self,
        user_id: int,
        key_hash: str,
        prefix: str,
        label: str,
        report: EmbeddedReport,
        allow_raw: bool,
        now: datetime,
    ) -> int: ...

    def by_hash(self, key_hash: str) -> EmbedKey | None: ...

    def keys(self, user_id: int) -> list[EmbedKey]: ...

    def revoke(self, user_id: int, key_id: int, now: datetime) -> bool: ...


class ImportCursorStore(Protocol):
    """How far each import of a user's history has come (the importers' resume points)."""

    def position(self, user_id: int, source: str) -> str | None: ...

    def set_position(self, user_id: int, source: str, position: str) -> None: ...


class SessionStore(Protocol):
    """Signed-in browser sessions, each found by its user and the hash of its token."""

    def add(self, session: WebSession) -> None: ...

    def session(self, user_id: int, token_hash: str) -> WebSession | None: ...

    def sessions(self, user_id: int) -> list[WebSession]: ...

    def touch(self, user_id: int, token_hash: str, now: datetime) -> None: ...

    def remove(self, user_id: int, token_hash: str) -> bool: ...

    def remove_others(
        self, user_id: int, keep: str | None, seen_before: datetime | None
    ) -> int: ...


class SignInAttemptStore(Protocol):
    """Sign-in tries counted per subject (a digest) in fixed windows, seen by every process."""

    def take(
        self, limits: Sequence[tuple[bytes, int]], now: datetime, window: timedelta
    ) -> datetime | None: ...

    def give_back(self, subject: bytes) -> None: ...

    def forget(self, subject: bytes) -> None: ...

    def prune(self, started_before: datetime) -> int: ...


IdMap = dict[tuple[str, int], int]  # (kind, id in the export) -> id of the restored row


class ExportStore(Protocol):
    """A person's rows of each export kind, streamed."""

    def kinds(self) -> list[str]: ...

    def rows(self, user_id: int, kind: str) -> Iterator[Record]: ...


class RestoreStore(Protocol):
    """Writes an export's rows (all but its events) into a person's account."""

    def kinds(self) -> list[str]: ...

    def restore(self, user_id: int, kind: str, records: Iterable[Record], ids: IdMap) -> int: ...


@dataclass(frozen=True, slots=True)
class RangeDeleted:
    """What deleting a range of days removed."""

    events: int  # deleted whole
    trimmed: int  # cut to the part outside the range
    offline_entries: int  # deleted or trimmed
    summary_days: list[date]  # days whose frozen summary was removed


class DeletionStore(Protocol):
    """Removes a person's rows."""

    def delete_account(self, user_id: int) -> dict[str, int]: ...

    def delete_range(self, user_id: int, first: date, last: date) -> RangeDeleted: ...
