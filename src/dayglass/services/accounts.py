"""Accounts: users with argon2 passwords, and API keys stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dayglass.core.accounts import ApiKey, User
from dayglass.core.clock import Clock
from dayglass.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from dayglass.services.kept_keys import KeptKeys
from dayglass.services.ports import AccountStore

KEY_PREFIX = "dg_"
_TOUCH_EVERY = timedelta(minutes=1)


def hash_key(key: str) -> str:
    """SHA-256 of an API key: keys are long random secrets, so a fast hash is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


def check_timezone(name: str) -> str:
    """The name of a valid IANA time zone, or InvalidInput."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"Time zone: unknown time zone {name!r}") from None
    return name


class AccountService:
    """Creates users and keys and checks their credentials."""

    def __init__(self, store: AccountStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._hasher = PasswordHasher()
        self._kept = KeptKeys()

    def add_user(
        self, email: str, password: str, display_name: str | None = None, timezone: str = "UTC"
    ) -> User:
        """Create a user; the email must be new and look like one."""
        email = email.strip().lower()
        if "@" not in email or len(email) > 320 or email.startswith("@") or email.endswith("@"):
            raise InvalidInput("email: not an email address")
        if len(password) < 8:
            raise InvalidInput("password: at least 8 characters")
        if self._store.credentials(email) is not None:
            raise Conflict(f"a user with email {email} exists")
        name = (display_name or email.split("@")[0]).strip()[:200]
        return self._store.add_user(
            email, name, self._hasher.hash(password), check_timezone(timezone), self._clock.now()
        )

    def users(self) -> list[User]:
        """Every user."""
        return self._store.users()

    def user(self, user_id: int) -> User:
        """One user by id."""
        user = self._store.user(user_id)
        if user is None:
            raise NotFound("no such user")
        return user

    def user_by_email(self, email: str) -> User:
        """One user by email."""
        found = self._store.credentials(email.strip().lower())
        if found is None:
            raise NotFound(f"no user with email {email}")
        return found.user

    def sign_in(self, email: str, password: str) -> User:
        """The user whose email and password these are, or NotAuthenticated."""
        found = self._store.credentials(email.strip().lower())
        if found is None:
            self._hasher.hash(password)  # spend the same time as a real check
            raise NotAuthenticated("wrong email or password")
        try:
            self._hasher.verify(found.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise NotAuthenticated("wrong email or password") from None
        return found.user

    def update_profile(
        self,
        user_id: int,
        display_name: str,
        timezone: str,
        current_password: str = "",
        new_password: str = "",
    ) -> User:
        """Change name and time zone, and the password when a new one is given."""
        user = self.user(user_id)
        name = display_name.strip()
        if not name or len(name) > 200:
            raise InvalidInput("Display name: 1 to 200 characters.")
        fields = {"display_name": name, "timezone": check_timezone(timezone.strip())}
        if new_password:
            try:
                self.sign_in(user.email, current_password)
            except NotAuthenticated:
                raise InvalidInput("Current password: that is not your password.") from None
            if len(new_password) < 8:
                raise InvalidInput("New password: at least 8 characters.")
            fields["password_hash"] = self._hasher.hash(new_password)
        self._store.update_user(user_id, **fields)
        return self.user(user_id)

    def create_key(self, user_id: int, label: str = "") -> tuple[ApiKey, str]:
        """A new API key for the user: the record, and the key itself (shown only now)."""
        self.user(user_id)
        key = KEY_PREFIX + secrets.token_urlsafe(30)
        record = self._store.add_key(
            user_id, label.strip()[:200] or "API key", key[:10], hash_key(key), self._clock.now()
        )
        return record, key

    def keys(self, user_id: int) -> list[ApiKey]:
        """The user's keys, newest first."""
        return self._store.keys(user_id)

    def revoke_key(self, key_id: int, user_id: int | None = None) -> ApiKey:
        """Revoke a key (of user_id, when given); it is refused from now on."""
        key = self._store.key(key_id)
        if key is None or (user_id is not None and key.user_id != user_id):
            raise NotFound(f"no API key {key_id}")
        self._store.revoke_key(key_id, key.user_id, self._clock.now())
        return self._store.key(key_id) or key

    def authenticate_key(self, key: str | None) -> ApiKey:
        """The active key behind a presented key, or NotAuthenticated; notes its use."""
        record = self.active_key(key)
        if self.use_due(record):
            self.note_use(key or "")
        return record

    def active_key(self, key: str | None) -> ApiKey:
        """The active key behind a presented key, or NotAuthenticated: a read, nothing noted."""
        if not key:
            raise NotAuthenticated("key not found")
        key_hash = hash_key(key.strip())
        now = self._clock.now()
        kept = self._kept.get(key_hash, now)
        if kept is not None and self._store.user_stamp(kept.record.user_id) == kept.stamp:
            return kept.record
        record = self._store.key_by_hash(key_hash)
        if record is None or not record.active:
            raise NotAuthenticated("key not found")
        # Kept only if it reads the same after its owner's stamp (see dayglass.services.kept_keys).
        if record.org_id is None:
            stamp = self._store.user_stamp(record.user_id)
            if stamp is not None and self._store.key_by_hash(key_hash) == record:
                self._kept.keep(key_hash, record, stamp, now)
        return record

    def use_due(self, record: ApiKey) -> bool:
        """Whether the key's last noted use is old enough to note it again."""
        last = record.last_used_at
        return last is None or self._clock.now() - last > _TOUCH_EVERY

    def note_use(self, key: str) -> None:
        """Note that a key was used now (a write)."""
        key_hash, now = hash_key(key.strip()), self._clock.now()
        self._store.touch_key(key_hash, now)
        self._kept.used(key_hash, now)
