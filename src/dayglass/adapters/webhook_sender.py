"""Webhook delivery over HTTP with httpx: the adapter of the services' `WebhookSender` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from dayglass.services.feed_ports import WebhookSender

TIMEOUT_SECONDS = 10.0


class HttpWebhookSender:
    """POSTs JSON with a timeout; any transport failure counts as not delivered."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS) -> None:
        self._timeout = timeout

    def post_json(self, url: str, payload: Mapping[str, object]) -> bool:
        """POST payload as JSON to url; whether the receiver answered 2xx."""
        try:
            answer = httpx.post(url, json=dict(payload), timeout=self._timeout)
        except httpx.HTTPError:
            return False
        return answer.is_success


if TYPE_CHECKING:

    def _implements_the_port() -> WebhookSender:
        return HttpWebhookSender()
