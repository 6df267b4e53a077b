"""Alerts, their triggerings and webhook delivery state in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dayglass.core.alerts import Alert, AlertRule, Comparison, Target, Triggering
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import alert_triggerings, alerts

if TYPE_CHECKING:
    from dayglass.services.feed_ports import AlertStore

_ALERT = (
    alerts.c.id,
    alerts.c.user_id,
    alerts.c.comparison,
    alerts.c.hours,
    alerts.c.target,
    alerts.c.value,
    alerts.c.webhook_url,
    alerts.c.created_at,
)
_TRIGGERING = (
    alert_triggerings.c.id,
    alert_triggerings.c.alert_id,
    alert_triggerings.c.user_id,
    alert_triggerings.c.day,
    alert_triggerings.c.message,
    alert_triggerings.c.created_at,
)


def _alert(row: Sequence[Any]) -> Alert:
    alert_id, user_id, comparison, hours, target, value, webhook_url, created_at = row
    rule = AlertRule(Comparison(comparison), hours, Target(target), value)
    return Alert(alert_id, user_id, rule, webhook_url, created_at)


def _rule_values(rule: AlertRule, webhook_url: str | None) -> dict[str, object]:
    return {
        "comparison": rule.comparison.value,
        "hours": rule.hours,
        "target": rule.target.value,
        "value": rule.value,
        "webhook_url": webhook_url,
    }


class SqlAlertStore:
    """Each user's alerts and when they fired."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(self, user_id: int, rule: AlertRule, webhook_url: str | None, now: datetime) -> Alert:
        """Insert an alert."""
        values = {"user_id": user_id, "created_at": now, **_rule_values(rule, webhook_url)}
        with self._writer.begin() as conn:
            new_id = inserted_id(conn.execute(insert(alerts).values(values)))
        return Alert(new_id, user_id, rule, webhook_url, now)

    def alerts(self, user_id: int, alert_id: int | None = None) -> list[Alert]:
        """The user's alerts (only alert_id's, when given), oldest first."""
        query = select(*_ALERT).where(alerts.c.user_id == user_id).order_by(alerts.c.id)
        if alert_id is not None:
            query = query.where(alerts.c.id == alert_id)
        with self._engine.connect() as conn:
            return [_alert(row) for row in conn.execute(query)]

    def update(self, user_id: int, alert_id: int, rule: AlertRule, webhook_url: str | None) -> bool:
        """Change an alert's definition; whether it existed."""
        with self._writer.begin() as conn:
            done = conn.execute(
                update(alerts)
                .where(alerts.c.user_id == user_id, alerts.c.id == alert_id)
                .values(_rule_values(rule, webhook_url))
            )
        return done.rowcount > 0

    def remove(self, user_id: int, alert_id: int) -> bool:
        """Delete an alert and its triggerings; whether it existed."""
        with self._writer.begin() as conn:
            conn.execute(
                delete(alert_triggerings).where(
                    alert_triggerings.c.user_id == user_id,
                    alert_triggerings.c.alert_id == alert_id,
                )
            )
            done = conn.execute(
                delete(alerts).where(alerts.c.user_id == user_id, alerts.c.id == alert_id)
            )
        return done.rowcount > 0

    def triggered(self, user_id: int, days: list[date]) -> set[tuple[int, date]]:
        """Which (alert, day) pairs of the user have fired, among days."""
        t = alert_triggerings.c
        query = select(t.alert_id, t.day).where(t.user_id == user_id, t.day.in_(days))
        with self._engine.connect() as conn:
            return {(alert_id, day) for alert_id, day in conn.execute(query)}

    def trigger(self, alert: Alert, day: date, message: str, now: datetime) -> Triggering | None:
        """Record that alert fired for day; None when it already had (the unique key decides)."""
        values = {
            "user_id": alert.user_id,
            "alert_id": alert.id,
            "day": day,
            "message": message,
            "created_at": now,
            "webhook_due_at": now if alert.webhook_url else None,
            "webhook_attempts": 0,
        }
        try:
            with self._writer.begin() as conn:
                statement = insert(alert_triggerings).values(values)
                new_id = inserted_id(conn.execute(statement))
        except IntegrityError:
            return None
        return Triggering(new_id, alert.id, alert.user_id, day, message, now)

    def triggerings(self, user_id: int, alert_id: int | None, limit: int) -> list[Triggering]:
        """The user's triggerings (of alert_id, when given), newest first."""
        t = alert_triggerings.c
        query = select(*_TRIGGERING).where(t.user_id == user_id)
        if alert_id is not None:
            query = query.where(t.alert_id == alert_id)
        query = query.order_by(t.created_at.desc(), t.id.desc()).limit(limit)
        with self._engine.connect() as conn:
            return [Triggering(*row) for row in conn.execute(query)]

    def due_webhooks(self, now: datetime, limit: int) -> list[tuple[Triggering, str, int]]:
        """Triggerings whose webhook is due, with the URL and the attempts made so far."""
        t = alert_triggerings.c
        query = (
            select(*_TRIGGERING, alerts.c.webhook_url, t.webhook_attempts)
            # On user_id too: Citus joins co-located rows only on their distribution column.
            .join(alerts, (alerts.c.user_id == t.user_id) & (alerts.c.id == t.alert_id))
            .where(t.webhook_due_at <= now, alerts.c.webhook_url.is_not(None))
            .order_by(t.webhook_due_at)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [(Triggering(*row[:6]), row[6], row[7]) for row in conn.execute(query)]

    def claim_webhook(
        self, user_id: int, triggering_id: int, now: datetime, lease_until: datetime
    ) -> bool:
        """Take a due delivery for this process (until lease_until); False if another took it."""
        t = alert_triggerings.c
        with self._writer.begin() as conn:
            result = conn.execute(
                update(alert_triggerings)
                .where(t.user_id == user_id, t.id == triggering_id, t.webhook_due_at <= now)
                .values(webhook_due_at=lease_until)
            )
        return result.rowcount == 1

    def webhook_attempted(
        self, user_id: int, triggering_id: int, attempts: int, due_at: datetime | None
    ) -> None:
        """Record a delivery attempt: the next one is due at due_at (None: no more)."""
        t = alert_triggerings.c
        with self._writer.begin() as conn:
            conn.execute(
                update(alert_triggerings)
                .where(t.user_id == user_id, t.id == triggering_id)
                .values(webhook_attempts=attempts, webhook_due_at=due_at)
            )


if TYPE_CHECKING:

    def _implements_alert_store(store: SqlAlertStore) -> AlertStore:
        return store
