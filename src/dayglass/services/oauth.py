"""OAuth connections: registering applications, codes from consent, tokens and their scopes."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput, NotAuthenticated, NotFound
from dayglass.core.oauth import SCOPES, AccessGrant, AuthorizationCode, OAuthClient
from dayglass.services.accounts import hash_key
from dayglass.services.ports import OAuthStore

CODE_LIFETIME = timedelta(minutes=10)
CLIENT_PREFIX = "dgc_"  # never a leading "-", which a command line would read as an option
_TOUCH_EVERY = timedelta(minutes=1)


def _check_redirect_uri(uri: str) -> str:
    problem = InvalidInput(f"redirect URI {uri!r}: an absolute http(s) URL without a fragment")
    try:
        parts = urlsplit(uri.strip())
        host = parts.hostname
    except ValueError:  # e.g. an unclosed "[" (IPv6)
        raise problem from None
    if parts.scheme not in ("http", "https") or not host or parts.fragment:
        raise problem
    return uri.strip()


class OAuthService:
    """Applications people connect, and the tokens they hold."""

    def __init__(self, store: OAuthStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def add_client(
        self, name: str, redirect_uris: list[str], owner_id: int | None = None
    ) -> tuple[OAuthClient, str]:
        """Register an application: the record and its secret (shown only now)."""
        name = name.strip()
        if not name or len(name) > 200:
            raise InvalidInput("name: 1 to 200 characters")
        uris = tuple(_check_redirect_uri(u) for u in redirect_uris if u.strip())
        if not uris:
            raise InvalidInput("give at least one redirect URI")
        secret = secrets.token_urlsafe(32)
        client = self._store.add_client(
            CLIENT_PREFIX + secrets.token_urlsafe(18),
            hash_key(secret),
            name,
            uris,
            self._clock.now(),
            owner_id,
        )
        return client, secret

    def clients(self, owner_id: int | None = None) -> list[OAuthClient]:
        """Every registered application, or those a user registered."""
        return self._store.clients(owner_id)

    def client(self, client_id: str | None) -> OAuthClient | None:
        """A registered application by its id."""
        found = self._store.client(client_id) if client_id else None
        return found[0] if found else None

    def remove_client(self, client_id: str, owner_id: int | None = None) -> None:
        """Unregister an application (only its owner's, when owner_id is given)."""
        if owner_id is not None and self._store.owner(client_id) != owner_id:
            raise NotFound(f"no OAuth client {client_id}")
        if not self._store.remove_client(client_id):
            raise NotFound(f"no OAuth client {client_id}")

    def secret_matches(self, client_id: str, secret: str | None) -> bool:
        """Whether secret is the client's."""
        found = self._store.client(client_id)
        if found is None or not secret:
            return False
        return secrets.compare_digest(found[1], hash_key(secret))

    def save_code(
        self,
        code: str,
        client: OAuthClient,
        user_id: int,
        redirect_uri: str,
        scope: str,
        challenge: str | None,
        method: str | None,
    ) -> None:
        """Keep a code the user's consent produced."""
        record = AuthorizationCode(
            client.client_id,
            user_id,
            redirect_uri,
            scope,
            challenge,
            method,
            self._clock.now() + CODE_LIFETIME,
        )
        self._store.add_code(hash_key(code), client.id, record)

    def find_code(self, code: str, client: OAuthClient) -> AuthorizationCode | None:
        """A code issued to client that has not expired or been used."""
        record = self._store.code(hash_key(code), client.id)
        if record is None or record.expires_at <= self._clock.now():
            return None
        return record

    def use_code(self, code: str) -> None:
        """Use a code up."""
        self._store.delete_code(hash_key(code))

    def issue_token(self, client: OAuthClient, user_id: int, scope: str) -> tuple[str, datetime]:
        """A new access token and when it was made."""
        token = secrets.token_urlsafe(32)
        now = self._clock.now()
        self._store.add_token(hash_key(token), client.id, user_id, scope, now)
        return token, now

    def authenticate(self, token: str | None) -> AccessGrant:
        """The active grant behind a token, or NotAuthenticated."""
        token_hash = hash_key(token.strip()) if token else None
        grant = self._store.grant_by_hash(token_hash) if token_hash else None
        if token_hash is None or grant is None or not grant.active:
            raise NotAuthenticated("access token not found or revoked")
        now = self._clock.now()
        if grant.last_used_at is None or now - grant.last_used_at > _TOUCH_EVERY:
            self._store.touch(token_hash, now)
        return grant

    def grants(self, user_id: int) -> list[AccessGrant]:
        """The applications a user has connected."""
        return self._store.grants(user_id)

    def revoke(self, user_id: int, grant_id: int) -> None:
        """Disconnect one of the user's grants; its token is refused at once."""
        if not self._store.revoke(grant_id, user_id, self._clock.now()):
            raise NotFound("no such connection")

    @staticmethod
    def describe(scopes: tuple[str, ...]) -> list[tuple[str, str]]:
        """Each scope with its plain-words description."""
        return [(s, SCOPES[s]) for s in scopes if s in SCOPES]
