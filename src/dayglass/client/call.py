"""One request to make and how to read its answer: what the sync and async clients share.

Endpoint functions build a Call; a client turns it into an httpx request with its credentials
(`prepare`), sends it its own way, and hands the answer to `interpret`. Everything but the
sending lives here, so the two clients cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

import httpx

from dayglass.client.errors import UnexpectedResponse, rescuetime_error, status_error

T = TypeVar("T")

Params = Mapping[str, str]


class Api(Enum):
    """Which API a call belongs to: where its path lives and how it is authenticated."""

    RESCUETIME = "rescuetime"  # /anapi/NAME?key=KEY, or /api/oauth/NAME with a token
    NATIVE = "native"  # /api/v1/PATH with the key as a Bearer token


class Body(Enum):
    """What a successful answer carries."""

    JSON = "json"
    TEXT = "text"
    NOTHING = "nothing"


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """An HTTP request to one endpoint and the function that reads its successful answer."""

    api: Api
    method: str
    path: str
    read: Callable[[object], T]
    params: Params = field(default_factory=dict)
    form: Params | None = None
    json: object = None
    body: Body = Body.JSON


@dataclass(frozen=True, slots=True)
class Credentials:
    """An API key, or an OAuth access token (which only the RescueTime routes take)."""

    key: str | None = None
    access_token: str | None = None

    def __post_init__(self) -> None:
        if (self.key is None) == (self.access_token is None):
            raise ValueError("give either key or access_token")


def url_of(call: Call[T], credentials: Credentials) -> tuple[str, Params, dict[str, str]]:
    """The path, query parameters and headers of a call made with credentials."""
    if call.api is Api.NATIVE:
        return f"/api/v1{call.path}", call.params, _bearer(credentials.key or "")
    if credentials.access_token is not None:
        return f"/api/oauth/{call.path}", call.params, _bearer(credentials.access_token)
    # RescueTime's clients send the key in the query string, on GETs and POSTs alike.
    return f"/anapi/{call.path}", {"key": credentials.key or "", **call.params}, {}


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def prepare(
    http: httpx.Client | httpx.AsyncClient, call: Call[T], credentials: Credentials
) -> httpx.Request:
    """The httpx request for a call (either client builds it the same way)."""
    path, params, headers = url_of(call, credentials)
    return http.build_request(
        call.method,
        path,
        params=dict(params),
        headers=headers,
        data=None if call.form is None else dict(call.form),
        json=call.json,
    )


def _decoded(response: httpx.Response) -> object:
    """The body as JSON when it is JSON, else None."""
    try:
        return json.loads(response.content) if response.content else None
    except ValueError:
        return None


def interpret(call: Call[T], response: httpx.Response) -> T:
    """The result of a call's answer, or the ApiError that the answer stands for."""
    status = response.status_code
    if status >= 400:
        raise status_error(status, _decoded(response), response.text, response.headers)
    if call.body is Body.NOTHING:
        return call.read(None)
    if call.body is Body.TEXT:
        if response.text.startswith("{"):  # RescueTime answers errors as JSON even for CSV
            _raise_rescuetime_error(_decoded(response), status)
        return call.read(response.text)
    body = _decoded(response)
    if body is None:
        raise UnexpectedResponse(
            f"expected JSON, got {response.text[:80]!r}", status=status, body=response.text
        )
    if call.api is Api.RESCUETIME:
        _raise_rescuetime_error(body, status)
    return call.read(body)


def _raise_rescuetime_error(body: object, status: int) -> None:
    """Raise the error of a RescueTime error body sent with a success status."""
    error = rescuetime_error(body, status)
    if error is not None:
        raise error
