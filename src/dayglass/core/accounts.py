"""Accounts: users and their API keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class User:
    """A person with an account on this server."""

    id: int
    email: str
    display_name: str
    timezone: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class UserCredentials:
    """A user with the hash of their password, for signing in."""

    user: User
    password_hash: str


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key as listed: never the key itself, only its first characters."""

    id: int
    user_id: int
    label: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    org_id: int | None = None  # the organization a key made for one answers for

    @property
    def active(self) -> bool:
        """Whether the key is still accepted."""
        return self.revoked_at is None
