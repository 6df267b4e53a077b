"""Argon2 as the app uses it, with each distinct hash and check computed once per process.

Argon2 is slow on purpose (about a fifth of a second of CPU a call), and the suite makes
hundreds of accounts with one password and signs many of them in. Every answer is argon2's
own, with the app's parameters; only the repeated work goes. Processes the tests start (the
`dayglass` command, `dayglass serve`) hash as always.
"""

from __future__ import annotations

from argon2 import PasswordHasher


class RememberingHasher(PasswordHasher):
    """A PasswordHasher that hashes each password once and checks each pair once."""

    _hashes: dict[str | bytes, str] = {}  # noqa: RUF012 (shared by every instance on purpose)
    _matched: set[tuple[str, str | bytes]] = set()  # noqa: RUF012

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        """The argon2 hash of password (the same one for the same password)."""
        if salt is not None:
            return super().hash(password, salt=salt)
        if password not in self._hashes:
            self._hashes[password] = super().hash(password)
        return self._hashes[password]

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        """True if password matches hash; raises as argon2 does otherwise."""
        key = (hash if isinstance(hash, str) else hash.decode(), password)
        if key not in self._matched:
            super().verify(hash, password)
            self._matched.add(key)
        return True
