"""Alerts through the native API: define, list, change, delete; and their triggerings."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel

from dayglass.core.alerts import Alert, make_rule
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.webhooks import webhook_payload

router = APIRouter(route_class=OneHopRoute, tags=["alerts"])


class AlertIn(BaseModel):
    """`more` or `less` than `hours` a day of `target` (`value` names an overview, sub-category,
    activity or productivity level); an optional webhook receives each triggering as JSON."""

    comparison: str
    hours: float | str
    target: str
    value: str | int | None = None
    webhook_url: str | None = None


def alert_out(alert: Alert) -> dict[str, object]:
    """An alert as the native API shows it."""
    rule = alert.rule
    return {
        "id": alert.id,
        "comparison": rule.comparison.value,
        "hours": rule.hours,
        "target": rule.target.value,
        "value": rule.value,
        "webhook_url": alert.webhook_url,
        "description": rule.description(),
        "created_at": alert.created_at.isoformat(),
    }


@router.get("/alerts")
def list_alerts(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """The user's alerts, oldest first."""
    return [alert_out(a) for a in services.alerts.alerts(key.user_id)]


@router.post("/alerts", status_code=201)
def add_alert(services: ServicesDep, key: Key, new: AlertIn) -> dict[str, object]:
    """Define an alert."""
    rule = make_rule(new.comparison, new.hours, new.target, new.value)
    return alert_out(services.alerts.add(key.user_id, rule, new.webhook_url))


@router.get("/alerts/triggerings")
def list_triggerings(
    services: ServicesDep, key: Key, alert_id: RowId | None = None
) -> list[dict[str, object]]:
    """Recent triggerings, newest first."""
    zone = services.accounts.user(key.user_id).timezone
    found = services.alerts.triggerings(key.user_id, alert_id)
    return [webhook_payload(t, zone) for t in found]


@router.get("/alerts/{alert_id}")
def get_alert(services: ServicesDep, key: Key, alert_id: RowId) -> dict[str, object]:
    """One alert."""
    return alert_out(services.alerts.alert(key.user_id, alert_id))


@router.put("/alerts/{alert_id}")
def change_alert(
    services: ServicesDep, key: Key, alert_id: RowId, new: AlertIn
) -> dict[str, object]:
    """Redefine an alert."""
    rule = make_rule(new.comparison, new.hours, new.target, new.value)
    return alert_out(services.alerts.change(key.user_id, alert_id, rule, new.webhook_url))


@router.delete("/alerts/{alert_id}", status_code=204)
def remove_alert(services: ServicesDep, key: Key, alert_id: RowId) -> Response:
    """Delete an alert and its triggerings."""
    services.alerts.remove(key.user_id, alert_id)
    return Response(status_code=204)
