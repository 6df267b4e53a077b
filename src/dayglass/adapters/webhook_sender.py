"""Webhook delivery over HTTP: the adapter of the services' `WebhookSender` port.

The host is resolved and every address checked just before connecting, and the connection goes
to a checked address, so a name that starts resolving to an internal one (DNS rebinding) gets
nothing. Redirects are not followed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import httpcore
import httpx

from dayglass.adapters.name_resolver import system_resolver
from dayglass.core.errors import InvalidInput
from dayglass.services.webhook_targets import WebhookTargets

if TYPE_CHECKING:
    from dayglass.services.feed_ports import WebhookSender

TIMEOUT_SECONDS = 10.0
_FAILURES = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
)


class CheckedBackend(httpcore.SyncBackend):
    """Connects only to addresses the webhook targets allow, checked at connection time."""

    def __init__(self, targets: WebhookTargets) -> None:
        self._targets = targets

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """A connection to the first checked address of host that answers."""
        try:
            addresses = self._targets.addresses(host, port)
        except (InvalidInput, LookupError) as problem:
            raise httpcore.ConnectError(str(problem)) from None
        failure = httpcore.ConnectError(f"no address of {host} answered")
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                failure = error
        raise failure


class HttpWebhookSender:
    """POSTs JSON with a timeout; any transport failure or refused target: not delivered."""

    def __init__(
        self, targets: WebhookTargets | None = None, timeout: float = TIMEOUT_SECONDS
    ) -> None:
        self._backend = CheckedBackend(targets or WebhookTargets(system_resolver))
        self._timeout = timeout
        self._tls = httpx.create_ssl_context()

    def post_json(self, url: str, payload: Mapping[str, object]) -> bool:
        """POST payload as JSON to url; whether the receiver answered 2xx."""
        body = json.dumps(dict(payload), separators=(",", ":")).encode()
        headers = [(b"Content-Type", b"application/json"), (b"User-Agent", b"Dayglass webhook")]
        timeouts = {name: self._timeout for name in ("connect", "read", "write", "pool")}
        try:
            with (
                httpcore.ConnectionPool(
                    ssl_context=self._tls, network_backend=self._backend
                ) as pool,
                pool.stream(
                    "POST", url, headers=headers, content=body, extensions={"timeout": timeouts}
                ) as answer,
            ):
                return 200 <= answer.status < 300
        except _FAILURES:
            return False
        except ValueError:  # a URL httpcore cannot parse
            return False


if TYPE_CHECKING:

    def _implements_the_port() -> WebhookSender:
        return HttpWebhookSender()
