"""An alert triggering as RescueTime's alerts_feed shows it (op=status)."""

from __future__ import annotations

from dayglass.core.alerts import Triggering
from dayglass.core.timestamps import in_zone


def triggering_json(triggering: Triggering, zone: str) -> dict[str, object]:
    """`{id, alert_id, description, created_at}`, created_at on the clock of zone."""
    return {
        "id": triggering.id,
        "alert_id": triggering.alert_id,
        "description": triggering.message,
        "created_at": in_zone(triggering.created_at, zone),
    }
