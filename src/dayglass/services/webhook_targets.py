"""Where webhooks may go: never to the server's own or private networks, unless allowed."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from dayglass.core.errors import InvalidInput

Resolver = Callable[[str, int], Sequence[str]]
"""The addresses a host name resolves to for a port (the port: `adapters.name_resolver`)."""

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def internal(address: IpAddress) -> bool:
    """Loopback, private, link-local, unique-local, multicast, reserved or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return (
        not address.is_global
        or address.is_multicast
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def literal_address(host: str) -> IpAddress | None:
    """host as an IP address, when it is one (brackets and an IPv6 zone dropped)."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


class WebhookTargets:
    """Checks a webhook's host against its addresses, at creation and before each delivery."""

    def __init__(self, resolver: Resolver, allow_internal: bool = False) -> None:
        self._resolve = resolver
        self.allow_internal = allow_internal

    def addresses(self, host: str, port: int) -> list[str]:
        """Every address host resolves to, or InvalidInput when one is internal (and refused)."""
        literal = literal_address(host)
        found = [str(literal)] if literal is not None else list(self._resolve(host, port))
        if self.allow_internal:
            return found
        for text in found:
            address = literal_address(text)
            if address is None or internal(address):
                raise InvalidInput(
                    f"webhook_url: {host} is an internal address ({text}); webhooks go only to"
                    " public addresses unless the server's administrator allows internal"
                    " ones (DAYGLASS_ALLOW_INTERNAL_WEBHOOKS)"
                )
        return found

    def check_url(self, url: str) -> None:
        """InvalidInput when url's host is, or resolves to, an internal address.

        A name that does not resolve now is let through: delivery checks again each time.
        """
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise InvalidInput("webhook_url: the port is not a number from 0 to 65535") from None
        try:
            self.addresses(host, port)
        except LookupError:
            return
