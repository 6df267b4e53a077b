"""Host names to addresses through the system's resolver: the webhook targets' `Resolver`."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dayglass.services.webhook_targets import Resolver


class UnresolvedName(LookupError):
    """The name has no address now."""


def system_resolver(host: str, port: int) -> Sequence[str]:
    """Every TCP address of host (IPv4 and IPv6), or UnresolvedName."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise UnresolvedName(host) from None
    addresses = [str(sockaddr[0]).split("%", 1)[0] for *_, sockaddr in found]
    if not addresses:
        raise UnresolvedName(host)
    return list(dict.fromkeys(addresses))


if TYPE_CHECKING:

    def _implements_the_port() -> Resolver:
        return system_resolver
