"""What the summary, alert, webhook, highlight, FocusTime and offline services need from
storage, and the webhook sender's way out to other servers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Protocol

from dayglass.core.alerts import Alert, AlertRule, Triggering
from dayglass.core.day_parts import FrozenActivity, FrozenDay
from dayglass.core.focus import FocusSession
from dayglass.core.highlights import Highlight
from dayglass.core.offline import OfflineEntry, OfflineSpan
from dayglass.services.ports import FactKey


class SummaryStore(Protocol):
    """Point-in-time daily summaries, one per closed local day."""

    def latest_days(self) -> dict[int, date]: ...

    def add(
        self,
        user_id: int,
        day: date,
        parts: Mapping[str, int],
        activities: Mapping[str, FrozenActivity],
        now: datetime,
    ) -> bool: ...

    def replace(
        self,
        user_id: int,
        day: date,
        parts: Mapping[str, int],
        activities: Mapping[str, FrozenActivity],
        now: datetime,
    ) -> None: ...

    def frozen_days(self, user_id: int, first: date, last: date) -> dict[date, FrozenDay]: ...

    def summaries(
        self, user_id: int, first: date, last: date
    ) -> list[tuple[date, dict[str, int]]]: ...


class AlertStore(Protocol):
    """Alert definitions and their triggerings, with webhook delivery state."""

    def add(
        self, user_id: int, rule: AlertRule, webhook_url: str | None, now: datetime
    ) -> Alert: ...

    def alerts(self, user_id: int, alert_id: int | None = None) -> list[Alert]: ...

    def update(
        self, user_id: int, alert_id: int, rule: AlertRule, webhook_url: str | None
    ) -> bool: ...

    def remove(self, user_id: int, alert_id: int) -> bool: ...

    def triggered(self, user_id: int, days: list[date]) -> set[tuple[int, date]]: ...

    def trigger(
        self, alert: Alert, day: date, message: str, now: datetime
    ) -> Triggering | None: ...

    def triggerings(self, user_id: int, alert_id: int | None, limit: int) -> list[Triggering]: ...

    def due_webhooks(self, now: datetime, limit: int) -> list[tuple[Triggering, str, int]]: ...

    def claim_webhook(
        self, user_id: int, triggering_id: int, now: datetime, lease_until: datetime
    ) -> bool: ...

    def webhook_attempted(
        self, user_id: int, triggering_id: int, attempts: int, due_at: datetime | None
    ) -> None: ...


class WebhookSender(Protocol):
    """Delivers one JSON document to a webhook's URL."""

    def post_json(self, url: str, payload: Mapping[str, object]) -> bool:
        """POST payload as JSON to url; whether the receiver answered 2xx."""
        ...


class HighlightStore(Protocol):
    """Each user's highlights."""

    def add(
        self, user_id: int, day: date, description: str, source: str | None, now: datetime
    ) -> Highlight: ...

    def highlights(
        self, user_id: int, first: date | None, last: date | None, limit: int
    ) -> list[Highlight]: ...

    def highlight(self, user_id: int, highlight_id: int) -> Highlight | None: ...

    def update(
        self, user_id: int, highlight_id: int, day: date, description: str, source: str | None
    ) -> bool: ...

    def remove(self, user_id: int, highlight_id: int) -> bool: ...


class FocusStore(Protocol):
    """Each user's FocusTime sessions."""

    def add(
        self, user_id: int, started_at: datetime, minutes: int, ends_at: datetime
    ) -> FocusSession: ...

    def sessions(self, user_id: int, limit: int) -> list[FocusSession]: ...

    def end(self, user_id: int, session_id: int, at: datetime) -> None: ...


class OfflineStore(Protocol):
    """Each user's offline entries (their time itself is stored through ingest)."""

    def add(self, user_id: int, span: OfflineSpan, device: str, now: datetime) -> OfflineEntry: ...

    def entries(self, user_id: int, limit: int) -> list[OfflineEntry]: ...

    def entry(self, user_id: int, entry_id: int) -> OfflineEntry | None: ...

    def replace(self, user_id: int, entry_id: int, span: OfflineSpan, device: str) -> None: ...

    def remove(self, user_id: int, entry_id: int) -> None: ...

    def remove_time(self, user_id: int, device: str, fact_ms: Mapping[FactKey, int]) -> None: ...
