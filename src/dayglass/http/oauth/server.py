"""Authlib's authorization server, wired to Dayglass's OAuth service.

Authlib ships no type information, so its base classes are `Any` to mypy; the ignores below name
that one cause. What Dayglass adds on top is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from authlib.oauth2 import AuthorizationServer  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749 import (  # type: ignore[import-untyped]
    AuthorizationCodeMixin,
    ClientMixin,
    grants,
)
from authlib.oauth2.rfc7636 import CodeChallenge  # type: ignore[import-untyped]
from fastapi.responses import JSONResponse, Response

from dayglass.core.oauth import SCOPES, AuthorizationCode, OAuthClient, parse_scopes
from dayglass.http.oauth.captured import CapturedRequest
from dayglass.services.oauth import OAuthService

_AUTH_METHODS = ("client_secret_basic", "client_secret_post")


class ClientModel(ClientMixin):  # type: ignore[misc]  # untyped Authlib base
    """A registered application, as Authlib asks about it."""

    def __init__(self, client: OAuthClient, oauth: OAuthService) -> None:
        self.client = client
        self._oauth = oauth

    def get_client_id(self) -> str:
        """The public client id."""
        return self.client.client_id

    def get_default_redirect_uri(self) -> str:
        """The first registered redirect URI."""
        return self.client.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        """The known scopes among those asked for."""
        return " ".join(parse_scopes(scope))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """Redirect URIs match exactly."""
        return redirect_uri in self.client.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        """Whether the secret is this client's."""
        return self._oauth.secret_matches(self.client.client_id, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        """Confidential clients: the secret in the body or in Basic auth."""
        return method in _AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        """Only the authorization code flow."""
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        """Only the authorization code grant."""
        return grant_type == "authorization_code"


@dataclass
class CodeModel(AuthorizationCodeMixin):  # type: ignore[misc]  # untyped Authlib base
    """A stored code, as Authlib asks about it."""

    code: str
    record: AuthorizationCode

    @property
    def code_challenge(self) -> str | None:
        """The PKCE challenge, if the client sent one."""
        return self.record.code_challenge

    @property
    def code_challenge_method(self) -> str | None:
        """The PKCE method."""
        return self.record.code_challenge_method

    def get_redirect_uri(self) -> str:
        """The redirect URI the code was issued for."""
        return self.record.redirect_uri

    def get_scope(self) -> str:
        """The scopes the person granted."""
        return self.record.scope


@dataclass(frozen=True)
class Person:
    """The user a code or token belongs to."""

    id: int

    def get_user_id(self) -> int:
        """The user's id."""
        return self.id


class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]  # untyped Authlib base
    """The authorization code grant over Dayglass's storage."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = list(_AUTH_METHODS)

    @property
    def oauth(self) -> OAuthService:
        """The OAuth service of the server."""
        server: DayglassAuthorizationServer = self.server
        return server.oauth

    def save_authorization_code(self, code: str, request: CapturedRequest) -> None:
        """Keep the code the consent produced."""
        data = request.payload.data
        redirect_uri = data.get("redirect_uri") or request.client.get_default_redirect_uri()
        self.oauth.save_code(
            code,
            request.client.client,
            request.user.id,
            redirect_uri,
            request.client.get_allowed_scope(request.payload.scope),
            data.get("code_challenge"),
            data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: ClientModel) -> CodeModel | None:
        """An unexpired, unused code issued to client."""
        record = self.oauth.find_code(code, client.client)
        return CodeModel(code, record) if record else None

    def delete_authorization_code(self, authorization_code: CodeModel) -> None:
        """Codes are single-use."""
        self.oauth.use_code(authorization_code.code)

    def authenticate_user(self, authorization_code: CodeModel) -> Person:
        """The person who consented."""
        return Person(authorization_code.record.user_id)


class DayglassAuthorizationServer(AuthorizationServer):  # type: ignore[misc]  # untyped Authlib base
    """The authorization server: clients and tokens through OAuthService."""

    def __init__(self, oauth: OAuthService) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.oauth = oauth
        self.register_grant(CodeGrant, [CodeChallenge(required=False)])
        self.register_token_generator("default", self._token)

    def query_client(self, client_id: str) -> ClientModel | None:
        """A registered client."""
        client = self.oauth.client(client_id)
        return ClientModel(client, self.oauth) if client else None

    def save_token(self, token: dict[str, object], request: CapturedRequest) -> None:
        """Tokens were stored when they were made (see _token)."""

    def _token(
        self,
        grant_type: str,
        client: ClientModel,
        user: Person | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, object]:
        # RescueTime's tokens do not expire and come without a refresh token.
        if user is None:  # the code grant always names the person who consented
            raise ValueError("a token needs the user who granted it")
        token, made = self.oauth.issue_token(client.client, user.id, scope or "")
        return {
            "access_token": token,
            "token_type": "bearer",
            "scope": scope or "",
            "created_at": int(made.timestamp()),
        }

    def create_oauth2_request(self, request: CapturedRequest) -> CapturedRequest:
        """Requests arrive already captured."""
        return request

    def create_json_request(self, request: CapturedRequest) -> CapturedRequest:
        """Requests arrive already captured."""
        return request

    def handle_response(
        self, status: int, body: object, headers: list[tuple[str, str]]
    ) -> Response:
        """Authlib's answer as a Starlette response."""
        if isinstance(body, dict):
            return JSONResponse(body, status, headers=dict(headers))
        return Response(body or b"", status, headers=dict(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signals are used."""
