"""Signed-in browser sessions kept on the server, so signing out or a new password ends them."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from datetime import datetime, timedelta

from dayglass.core.accounts import User
from dayglass.core.clock import Clock
from dayglass.core.errors import NotFound
from dayglass.core.web_sessions import WebSession
from dayglass.services.accounts import AccountService
from dayglass.services.ports import SessionStore

SESSION_DAYS = 30
IDLE_LIMIT = timedelta(days=SESSION_DAYS)  # a session unused this long has ended
_TOUCH_EVERY = timedelta(minutes=1)
_AGENT_CHARS = 200
_TOUCHES_KEPT = 10_000  # sessions whose last noting this process remembers, before pruning


def hash_token(token: str) -> str:
    """SHA-256 of a session token: tokens are long random secrets, so a fast hash is enough."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessionService:
    """Starts, checks, lists and ends each user's browser sessions."""

    def __init__(self, store: SessionStore, accounts: AccountService, clock: Clock) -> None:
        self._store = store
        self._accounts = accounts
        self._clock = clock
        # When this process last took each session's noting (by token hash): requests that
        # arrive while it is being written find it taken, not due.
        self._taken: dict[str, datetime] = {}
        self._taken_guard = threading.Lock()

    def start(self, user_id: int, user_agent: str) -> str:
        """A new session for the user; returns its token (kept only in the browser's cookie)."""
        token = secrets.token_urlsafe(32)
        now = self._clock.now()
        # Sessions idle past the limit have ended already: their rows go now.
        self._store.remove_others(user_id, None, now - IDLE_LIMIT)
        agent = user_agent.strip()[:_AGENT_CHARS] or "unknown browser"
        self._store.add(WebSession(user_id, hash_token(token), now, now, agent))
        return token

    def user(self, user_id: int, token: str) -> User | None:
        """The user of a live session, or None when it ended (or never was); notes the
        session's use when due."""
        found = self.signed_in(user_id, token)
        if found is None:
            return None
        user, session = found
        if self.take_touch(session):
            self.touch(session)
        return user

    def signed_in(self, user_id: int, token: str) -> tuple[User, WebSession] | None:
        """The user and the session of a live session, or None (reads only)."""
        found = self._store.session(user_id, hash_token(token))
        if found is None or self._clock.now() - found.last_seen_at > IDLE_LIMIT:
            return None
        try:
            return self._accounts.user(user_id), found
        except NotFound:
            return None

    def take_touch(self, session: WebSession) -> bool:
        """Whether the session's last use is old enough to be noted again and no other request
        of this process has taken the noting since; True takes it (the caller then touches)."""
        now = self._clock.now()
        if now - session.last_seen_at <= _TOUCH_EVERY:
            return False
        with self._taken_guard:
            taken = self._taken.get(session.token_hash)
            if taken is not None and now - taken <= _TOUCH_EVERY:
                return False
            if len(self._taken) >= _TOUCHES_KEPT:
                self._taken = {h: t for h, t in self._taken.items() if now - t <= _TOUCH_EVERY}
            self._taken[session.token_hash] = now
        return True

    def touch(self, session: WebSession) -> None:
        """Note the session's use now (a write)."""
        self._store.touch(session.user_id, session.token_hash, self._clock.now())

    def sessions(self, user_id: int) -> list[WebSession]:
        """The user's live sessions, most recently seen first."""
        since = self._clock.now() - IDLE_LIMIT
        return [s for s in self._store.sessions(user_id) if s.last_seen_at >= since]

    def end(self, user_id: int, token: str) -> None:
        """End one session (signing out)."""
        self._store.remove(user_id, hash_token(token))

    def end_others(self, user_id: int, token: str) -> int:
        """End every session of the user but this one (after a password change)."""
        return self._store.remove_others(user_id, hash_token(token), None)

    def end_all(self, user_id: int) -> int:
        """End every session of the user ("sign out everywhere")."""
        return self._store.remove_others(user_id, None, None)


def is_token_of(session: WebSession, token: str) -> bool:
    """Whether token is the one behind session."""
    return hmac.compare_digest(session.token_hash, hash_token(token))
