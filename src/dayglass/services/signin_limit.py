"""The sign-in limit: a few password checks per account and per address in each window.

Counted in the database (every server process sees every try) before the password is checked,
so parallel tries cannot all slip past one count. Only digests are kept, never an email, and a
count lives one window, so the storage stays small whatever is sent.

A browser that signed in to the account before presents a device token (OWASP's "device
cookies") and is counted on its own: an attacker's failures never hold the owner back there.
Elsewhere the owner waits at most until the window ends (`WINDOW`).
"""

from __future__ import annotations

from datetime import timedelta
from hashlib import blake2b

from dayglass.core.clock import Clock
from dayglass.services.ports import SignInAttemptStore

WINDOW = timedelta(minutes=1)
ACCOUNT_TRIES = 10  # per account and window, from browsers not known to the account
ADDRESS_TRIES = 30  # per client address and window
DEVICE_TRIES = 10  # per account and known browser, and window
_PRUNE_EVERY = 64  # tries between deletions of expired counts


def subject(kind: str, value: str) -> bytes:
    """The 128-bit digest a count is kept under (an email is normalized first)."""
    text = value.strip().lower() if kind == "account" else value
    return blake2b(
        text.encode("utf-8", "surrogatepass"), digest_size=16, person=kind.encode()[:16]
    ).digest()


class SignInLimit:
    """Says whether a sign-in may check its password now, and forgets after a success."""

    def __init__(self, store: SignInAttemptStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._tries = 0

    def _subjects(self, email: str, address: str, device: str | None) -> list[tuple[bytes, int]]:
        if device:
            return [(subject("device", f"{device}\0{email.strip().lower()}"), DEVICE_TRIES)]
        return [
            (subject("account", email), ACCOUNT_TRIES),
            (subject("address", address), ADDRESS_TRIES),
        ]

    def admit(self, email: str, address: str, device: str | None = None) -> float | None:
        """Count a try; None when it may check the password, else seconds until one may."""
        now = self._clock.now()
        self._tries += 1
        if self._tries % _PRUNE_EVERY == 0:
            self._store.prune(now - WINDOW)
        until = self._store.take(self._subjects(email, address, device), now, WINDOW)
        if until is None:
            return None
        return max((until - now).total_seconds(), 1.0)

    def succeeded(self, email: str, address: str, device: str | None = None) -> None:
        """The password was right: forget the account's count and uncount the address's try."""
        if device:
            self._store.forget(self._subjects(email, address, device)[0][0])
            return
        self._store.forget(subject("account", email))
        self._store.give_back(subject("address", address))
