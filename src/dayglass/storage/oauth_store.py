"""OAuth clients, single-use codes and access tokens in SQL (secrets by hash only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Engine, delete, insert, select, update

from dayglass.core.oauth import AccessGrant, AuthorizationCode, OAuthClient
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.revocation import revoke_row
from dayglass.storage.tables import oauth_clients, oauth_codes, oauth_tokens

if TYPE_CHECKING:
    from dayglass.services.ports import OAuthStore

_CLIENT_COLUMNS = (
    oauth_clients.c.id,
    oauth_clients.c.client_id,
    oauth_clients.c.name,
    oauth_clients.c.redirect_uris,
    oauth_clients.c.created_at,
)


def _client(row: Sequence[Any]) -> OAuthClient:
    pk, client_id, name, uris, created = row
    return OAuthClient(pk, client_id, name, tuple(uris.splitlines()), created)


class SqlOAuthStore:
    """Clients, codes and tokens."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add_client(
        self,
        client_id: str,
        secret_hash: str,
        name: str,
        uris: tuple[str, ...],
        now: datetime,
        owner_id: int | None = None,
    ) -> OAuthClient:
        """Register a client (owned by the user who registered it, if any)."""
        values = {
            "owner_id": owner_id,
            "client_id": client_id,
            "secret_hash": secret_hash,
            "name": name,
            "redirect_uris": "\n".join(uris),
            "created_at": now,
        }
        with self._writer.begin() as conn:
            pk = inserted_id(conn.execute(insert(oauth_clients).values(values)))
        return OAuthClient(pk, client_id, name, uris, now)

    def clients(self, owner_id: int | None = None) -> list[OAuthClient]:
        """Every client (or those a user registered), oldest first."""
        query = select(*_CLIENT_COLUMNS).order_by(oauth_clients.c.id)
        if owner_id is not None:
            query = query.where(oauth_clients.c.owner_id == owner_id)
        with self._engine.connect() as conn:
            return [_client(r) for r in conn.execute(query)]

    def owner(self, client_id: str) -> int | None:
        """Who registered a client in the web app."""
        query = select(oauth_clients.c.owner_id).where(oauth_clients.c.client_id == client_id)
        with self._engine.connect() as conn:
            return conn.execute(query).scalar()

    def client(self, client_id: str) -> tuple[OAuthClient, str] | None:
        """A client and its secret's hash."""
        query = select(*_CLIENT_COLUMNS, oauth_clients.c.secret_hash).where(
            oauth_clients.c.client_id == client_id
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return (_client(row[:-1]), row[-1]) if row else None

    def remove_client(self, client_id: str) -> bool:
        """Delete a client with its codes and tokens."""
        # Their foreign keys' ON DELETE CASCADE removes the codes and tokens: on Citus a
        # transaction may not delete across shards and then from a reference table.
        with self._writer.begin() as conn:
            gone = conn.execute(delete(oauth_clients).where(oauth_clients.c.client_id == client_id))
        return gone.rowcount > 0

    def add_code(self, code_hash: str, client_pk: int, code: AuthorizationCode) -> None:
        """Store a code by its hash."""
        values = {
            "code_hash": code_hash,
            "client_id": client_pk,
            "user_id": code.user_id,
            "redirect_uri": code.redirect_uri,
            "scope": code.scope,
            "code_challenge": code.code_challenge,
            "code_challenge_method": code.code_challenge_method,
            "expires_at": code.expires_at,
        }
        with self._writer.begin() as conn:
            conn.execute(insert(oauth_codes).values(values))

    def code(self, code_hash: str, client_pk: int) -> AuthorizationCode | None:
        """The stored code with this hash, if it was issued to this client."""
        query = (
            select(
                oauth_clients.c.client_id,
                oauth_codes.c.user_id,
                oauth_codes.c.redirect_uri,
                oauth_codes.c.scope,
                oauth_codes.c.code_challenge,
                oauth_codes.c.code_challenge_method,
                oauth_codes.c.expires_at,
            )
            .join(oauth_clients, oauth_clients.c.id == oauth_codes.c.client_id)
            .where(oauth_codes.c.code_hash == code_hash, oauth_codes.c.client_id == client_pk)
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return AuthorizationCode(*row) if row else None

    def delete_code(self, code_hash: str) -> bool:
        """Use up a code; whether it was still there."""
        with self._writer.begin() as conn:
            result = conn.execute(delete(oauth_codes).where(oauth_codes.c.code_hash == code_hash))
        return result.rowcount > 0

    def add_token(
        self, token_hash: str, client_pk: int, user_id: int, scope: str, now: datetime
    ) -> int:
        """Store an access token by its hash."""
        values = {
            "token_hash": token_hash,
            "client_id": client_pk,
            "user_id": user_id,
            "scope": scope,
            "created_at": now,
        }
        with self._writer.begin() as conn:
            return inserted_id(conn.execute(insert(oauth_tokens).values(values)))

    def grant_by_hash(self, token_hash: str) -> AccessGrant | None:
        """The grant behind a token."""
        rows = self._grants(oauth_tokens.c.token_hash == token_hash)
        return rows[0] if rows else None

    def grants(self, user_id: int) -> list[AccessGrant]:
        """A user's grants, newest first."""
        return self._grants(oauth_tokens.c.user_id == user_id)

    def revoke(self, grant_id: int, user_id: int, now: datetime) -> bool:
        """Revoke one of the user's grants."""
        return revoke_row(self._writer, oauth_tokens, grant_id, now, user_id)

    def touch(self, token_hash: str, now: datetime) -> None:
        """Record a token's use (by its hash: the column tokens are distributed by)."""
        t = oauth_tokens.c
        with self._writer.begin() as conn:
            conn.execute(
                update(oauth_tokens).where(t.token_hash == token_hash).values(last_used_at=now)
            )

    def _grants(self, condition: ColumnElement[bool]) -> list[AccessGrant]:
        query = (
            select(
                oauth_tokens.c.id,
                oauth_tokens.c.user_id,
                oauth_clients.c.client_id,
                oauth_clients.c.name,
                oauth_tokens.c.scope,
                oauth_tokens.c.created_at,
                oauth_tokens.c.last_used_at,
                oauth_tokens.c.revoked_at,
            )
            .join(oauth_clients, oauth_clients.c.id == oauth_tokens.c.client_id)
            .where(condition)
            .order_by(oauth_tokens.c.id.desc())
        )
        with self._engine.connect() as conn:
            return [
                AccessGrant(i, u, c, n, tuple(s.split()), created, used, revoked)
                for i, u, c, n, s, created, used, revoked in conn.execute(query)
            ]


if TYPE_CHECKING:

    def _implements_o_auth_store(store: SqlOAuthStore) -> OAuthStore:
        return store
