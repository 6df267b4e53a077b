"""Delivering alert triggerings to webhooks, with retries, away from the request path."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from dayglass.core.alerts import Triggering
from dayglass.core.clock import Clock
from dayglass.core.timestamps import in_zone
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import AlertStore, WebhookSender

RETRY_DELAYS = (30.0, 120.0, 600.0, 3600.0)  # seconds before each retry
LEASE = timedelta(minutes=5)  # a process that dies mid-delivery is retried after this
BATCH = 50


def webhook_payload(triggering: Triggering, zone: str) -> dict[str, object]:
    """A triggering as webhooks receive it (and the native API lists it); times in zone."""
    return {
        "id": triggering.id,
        "alert_id": triggering.alert_id,
        "description": triggering.message,
        "created_at": in_zone(triggering.created_at, zone),
        "date": triggering.day.isoformat(),
    }


class WebhookService:
    """Sends due webhook deliveries; failures are retried later, then given up."""

    def __init__(
        self,
        store: AlertStore,
        accounts: AccountService,
        clock: Clock,
        sender: WebhookSender,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self._store = store
        self._accounts = accounts
        self._sender = sender
        self._clock = clock
        self._delays = tuple(retry_delays)

    def deliver_due(self) -> int:
        """Attempt every due delivery once; how many succeeded."""
        delivered = 0
        for triggering, url, attempts in self._store.due_webhooks(self._clock.now(), BATCH):
            # Several server processes may see the same due delivery: one of them takes it.
            if not self._store.claim_webhook(
                triggering.user_id, triggering.id, self._clock.now(), self._clock.now() + LEASE
            ):
                continue
            zone = self._accounts.user(triggering.user_id).timezone
            ok = self._sender.post_json(url, webhook_payload(triggering, zone))
            attempts += 1
            due = None
            if not ok and attempts <= len(self._delays):
                due = self._clock.now() + timedelta(seconds=self._delays[attempts - 1])
            self._store.webhook_attempted(triggering.user_id, triggering.id, attempts, due)
            delivered += ok
        return delivered
