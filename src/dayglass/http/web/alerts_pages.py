"""Alerts: list, define, redefine and delete "more or less than N hours a day" alerts."""

from __future__ import annotations

from dayglass.core.accounts import User
from dayglass.core.alerts import Alert, AlertRule, make_rule
from dayglass.http.web.row_pages import RowForm, Typed, row_router
from dayglass.services.registry import Services

FIELDS = ("comparison", "hours", "target", "value", "webhook_url")
BLANK = {"comparison": "more", "hours": "", "target": "all_distracting", "value": ""}


def _blank(services: Services, user: User) -> Typed:
    return {**BLANK, "webhook_url": ""}


def _typed(alert: Alert, user: User) -> Typed:
    rule = alert.rule
    return {
        "comparison": rule.comparison.value,
        "hours": f"{rule.hours:g}",
        "target": rule.target.value,
        "value": rule.value or "",
        "webhook_url": alert.webhook_url or "",
    }


def _rule(typed: Typed) -> AlertRule:
    value = typed["value"] or None
    return make_rule(typed["comparison"], typed["hours"].strip(), typed["target"], value)


def _add(services: Services, user: User, typed: Typed) -> Alert:
    return services.alerts.add(user.id, _rule(typed), typed["webhook_url"])


def _change(services: Services, user: User, alert_id: int, typed: Typed) -> Alert:
    return services.alerts.change(user.id, alert_id, _rule(typed), typed["webhook_url"])


router = row_router(
    RowForm(
        path="/alerts",
        template="alerts.html",
        fields=FIELDS,
        rows=lambda services, user: services.alerts.alerts(user.id),
        blank=_blank,
        typed=_typed,
        add=_add,
        change=_change,
        remove=lambda services, user, alert_id: services.alerts.remove(user.id, alert_id),
    )
)
