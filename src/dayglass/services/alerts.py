"""Alerts: definitions, evaluation as time arrives and as days end, and the triggering feed."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit

from dayglass.core.alerts import Alert, AlertRule, Comparison, Target, Triggering, message
from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput, NotFound
from dayglass.core.query import GroupBy, Question, ReportRow
from dayglass.core.taxonomy import Catalog
from dayglass.core.timestamps import local_today
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import AlertStore
from dayglass.services.reports import ReportService
from dayglass.services.webhook_targets import WebhookTargets

FEED_LIMIT = 100
MAX_URL = 2048


def check_webhook(url: object) -> str | None:
    """An http(s) URL, None for none, or InvalidInput."""
    if url is None or url == "":
        return None
    if not isinstance(url, str):
        raise InvalidInput("webhook_url: expected text")
    problem = InvalidInput(f"webhook_url: an http or https URL of at most {MAX_URL} characters")
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # e.g. "http://[": an unclosed IPv6 address
        raise problem from None
    if parts.scheme not in ("http", "https") or not host or len(url) > MAX_URL:
        raise problem
    return url.strip()


class AlertService:
    """Each user's alerts and when they fired."""

    def __init__(
        self,
        store: AlertStore,
        reports: ReportService,
        accounts: AccountService,
        catalog: Catalog,
        clock: Clock,
        targets: WebhookTargets,
    ) -> None:
        self._store = store
        self._targets = targets
        self._reports = reports
        self._accounts = accounts
        self._catalog = catalog
        self._clock = clock

    def _checked(self, rule: AlertRule) -> AlertRule:
        if rule.target is Target.OVERVIEW and rule.value not in {
            o.name for o in self._catalog.overviews
        }:
            raise InvalidInput(f"value: no overview {rule.value!r}")
        if rule.target is Target.CATEGORY and self._catalog.sub_category(rule.value or "") is None:
            raise InvalidInput(f"value: no sub-category {rule.value!r}")
        return rule

    def _webhook(self, webhook_url: object) -> str | None:
        url = check_webhook(webhook_url)
        if url is not None:
            self._targets.check_url(url)  # delivery checks again: names can change
        return url

    def add(self, user_id: int, rule: AlertRule, webhook_url: object = None) -> Alert:
        """A new alert for the user."""
        url = self._webhook(webhook_url)
        return self._store.add(user_id, self._checked(rule), url, self._clock.now())

    def alerts(self, user_id: int) -> list[Alert]:
        """The user's alerts, oldest first."""
        return self._store.alerts(user_id)

    def alert(self, user_id: int, alert_id: int) -> Alert:
        """One of the user's alerts, or NotFound."""
        found = self._store.alerts(user_id, alert_id)
        if not found:
            raise NotFound(f"no alert {alert_id}")
        return found[0]

    def change(self, user_id: int, alert_id: int, rule: AlertRule, webhook_url: object) -> Alert:
        """Redefine an alert (its past triggerings stay)."""
        url = self._webhook(webhook_url)
        if not self._store.update(user_id, alert_id, self._checked(rule), url):
            raise NotFound(f"no alert {alert_id}")
        return self.alert(user_id, alert_id)

    def remove(self, user_id: int, alert_id: int) -> None:
        """Delete an alert and its triggerings."""
        if not self._store.remove(user_id, alert_id):
            raise NotFound(f"no alert {alert_id}")

    def triggerings(self, user_id: int, alert_id: int | None = None) -> list[Triggering]:
        """Recent triggerings, newest first (of one alert, when given)."""
        return self._store.triggerings(user_id, alert_id, FEED_LIMIT)

    def evaluate_recent(
        self, user_id: int, changed: Collection[date] | None = None
    ) -> list[Triggering]:
        """Fire the user's "more than" alerts that today's or yesterday's time has crossed.

        changed: the days whose time changed, when known; neither today nor yesterday among
        them, no alert can have been crossed since the last evaluation.
        """
        today = local_today(self._clock.now(), self._accounts.user(user_id).timezone)
        days = [today - timedelta(days=1), today]
        if changed is not None and not any(day in changed for day in days):
            return []
        return self._evaluate(user_id, days, (Comparison.MORE,))

    def judge_day(self, user_id: int, day: date) -> list[Triggering]:
        """Once day has ended: fire every alert it crossed, "less than" ones included."""
        return self._evaluate(user_id, [day], (Comparison.MORE, Comparison.LESS))

    def _evaluate(
        self, user_id: int, days: list[date], kinds: Iterable[Comparison]
    ) -> list[Triggering]:
        wanted = set(kinds)
        alerts = [a for a in self._store.alerts(user_id) if a.rule.comparison in wanted]
        if not alerts:
            return []
        zone = self._accounts.user(user_id).timezone
        fired = self._store.triggered(user_id, days)
        made: list[Triggering] = []
        for day in days:
            pending = [
                a
                for a in alerts
                if (a.id, day) not in fired and local_today(a.created_at, zone) <= day
            ]
            if pending:
                rows = self._reports.answer(user_id, Question(day, day, GroupBy.ACTIVITY))
                made.extend(self._fire(pending, day, rows))
        return made

    def _fire(self, alerts: list[Alert], day: date, rows: list[ReportRow]) -> list[Triggering]:
        made: list[Triggering] = []
        for alert in alerts:
            if alert.rule.comparison is Comparison.LESS and not rows:
                continue  # a day without any logged time is not judged
            rule = alert.rule
            seconds = sum(
                row.seconds
                for row in rows
                if rule.counts(
                    row.overview or "",
                    row.category or "",
                    row.activity or "",
                    row.productivity or 0,
                )
            )
            if rule.crossed(seconds):
                done = self._store.trigger(alert, day, message(rule, day), self._clock.now())
                if done is not None:
                    made.append(done)
        return made
