"""Alerts through the native API: define, list, change, delete; and their triggerings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.alerts import Alert, make_rule
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import api_key
from dayglass.services.webhooks import webhook_payload

router = APIRouter(tags=["alerts"])
Key = Annotated[ApiKey, Depends(api_key)]


class AlertIn(BaseModel):
    """`more` or `less` than `hours` a day of `target` (`value` names an overview, sub-category,
    activity or productivity level); an optional webhook receives each triggering as JSON."""

    comparison: str
    hours: float | str
    target: str
    value: str | int | None = None
    webhook_url: str | None = None


def alert_out(alert: Alert) -> dict:
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
async def list_alerts(request: Request, key: Key) -> list[dict]:
    """The user's alerts, oldest first."""
    found = await run_in_threadpool(request.app.state.services.alerts.alerts, key.user_id)
    return [alert_out(a) for a in found]


@router.post("/alerts", status_code=201)
async def add_alert(request: Request, key: Key, new: AlertIn) -> dict:
    """Define an alert."""
    rule = make_rule(new.comparison, new.hours, new.target, new.value)
    alerts = request.app.state.services.alerts
    return alert_out(await run_in_threadpool(alerts.add, key.user_id, rule, new.webhook_url))


@router.get("/alerts/triggerings")
async def list_triggerings(request: Request, key: Key, alert_id: RowId | None = None) -> list[dict]:
    """Recent triggerings, newest first."""
    services = request.app.state.services
    zone = (await run_in_threadpool(services.accounts.user, key.user_id)).timezone
    found = await run_in_threadpool(services.alerts.triggerings, key.user_id, alert_id)
    return [webhook_payload(t, zone) for t in found]


@router.get("/alerts/{alert_id}")
async def get_alert(request: Request, key: Key, alert_id: RowId) -> dict:
    """One alert."""
    alerts = request.app.state.services.alerts
    return alert_out(await run_in_threadpool(alerts.alert, key.user_id, alert_id))


@router.put("/alerts/{alert_id}")
async def change_alert(request: Request, key: Key, alert_id: RowId, new: AlertIn) -> dict:
    """Redefine an alert."""
    rule = make_rule(new.comparison, new.hours, new.target, new.value)
    alerts = request.app.state.services.alerts
    changed = await run_in_threadpool(alerts.change, key.user_id, alert_id, rule, new.webhook_url)
    return alert_out(changed)


@router.delete("/alerts/{alert_id}", status_code=204)
async def remove_alert(request: Request, key: Key, alert_id: RowId) -> Response:
    """Delete an alert and its triggerings."""
    await run_in_threadpool(request.app.state.services.alerts.remove, key.user_id, alert_id)
    return Response(status_code=204)
