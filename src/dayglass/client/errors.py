"""The client's exceptions, and reading them out of a server's error answer."""

from __future__ import annotations

from collections.abc import Mapping


class ApiError(Exception):
    """An answer the server gave instead of a result: its status, code and message."""

    def __init__(self, message: str, *, status: int, code: str | None = None, body: object = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.body = body

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status}, code={self.code!r})"


class AuthenticationError(ApiError):
    """The key or token is unknown, revoked or missing."""


class PermissionDenied(ApiError):
    """The credential is valid but may not do this (an OAuth token without the scope)."""


class BadRequest(ApiError):
    """The server refused a parameter or a body."""


class QueryError(BadRequest):
    """The Data API's "query error": a badly formatted or missing parameter."""


class NotFound(ApiError):
    """No such row (or no such endpoint on this server)."""


class Conflict(ApiError):
    """The change clashes with what is stored."""


class PayloadTooLarge(ApiError):
    """The request body is larger than the server accepts."""


class RateLimited(ApiError):
    """Too many requests; retry_after says how many seconds to wait, when the server says."""

    retry_after: float | None = None


class ServerError(ApiError):
    """The server failed (a 5xx status)."""


class UnexpectedResponse(ApiError):
    """A success status with a body that is not what the endpoint answers."""


BY_STATUS: Mapping[int, type[ApiError]] = {
    400: BadRequest,
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    422: BadRequest,
    429: RateLimited,
}

# RescueTime's own error bodies name the error in "error" ("# key not found"); the kind of the
# error is in that text, whatever the status (the Data API sends them with 200).
RESCUETIME_ERRORS: Mapping[str, type[ApiError]] = {
    "# key not found": AuthenticationError,
    "# query error": QueryError,
    "# bad request": BadRequest,
}


def rescuetime_error(body: object, status: int) -> ApiError | None:
    """The error in a RescueTime-shaped body (`{"error": "# ...", "messages": ...}`), if any."""
    if not isinstance(body, dict) or not isinstance(body.get("error"), str):
        return None
    name = body["error"]
    if not name.startswith("#"):
        return None
    kind = RESCUETIME_ERRORS.get(name, BY_STATUS.get(status, BadRequest))
    messages = body.get("messages")
    message = messages if isinstance(messages, str) and messages else name.lstrip("# ")
    return kind(message, status=status, code=name.lstrip("# "), body=body)


def _code_and_message(body: object, fallback: str) -> tuple[str | None, str]:
    """The code and message of the native, RescueTime or OAuth error shape."""
    if not isinstance(body, dict):
        return None, fallback
    error = body.get("error")
    if isinstance(error, dict):  # the native API: {"error": {"code", "message"}}
        code, message = error.get("code"), error.get("message")
        return (code if isinstance(code, str) else None), str(message or fallback)
    if isinstance(error, str):  # OAuth: {"error", "error_description"}
        description = body.get("error_description") or body.get("messages")
        return error, str(description or error)
    return None, fallback


def status_error(
    status: int, body: object, text: str, headers: Mapping[str, str] | None = None
) -> ApiError:
    """The exception for an answer with an error status."""
    found = rescuetime_error(body, status)
    if found is not None:
        return found
    code, message = _code_and_message(body, text.strip()[:200] or f"HTTP {status}")
    kind = ServerError if status >= 500 else BY_STATUS.get(status, ApiError)
    error = kind(message, status=status, code=code, body=body)
    if isinstance(error, RateLimited):
        error.retry_after = _seconds((headers or {}).get("retry-after"))
    return error


def _seconds(raw: str | None) -> float | None:
    try:
        return None if raw is None else float(raw)
    except ValueError:  # an HTTP date: the caller backs off on its own
        return None
