"""Domain errors: each has a stable code that the HTTP layer maps to a response."""

from __future__ import annotations


class DayglassError(Exception):
    """Base of every error Dayglass reports to a client."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DayglassError):
    """The request's content is wrong: a bad value, a missing field, a bad shape."""

    code = "invalid_input"


class NotAuthenticated(DayglassError):
    """No credentials, or credentials that are unknown, revoked or expired."""

    code = "not_authenticated"


class Forbidden(DayglassError):
    """The principal is known but its role does not allow this."""

    code = "forbidden"


class NotFound(DayglassError):
    """The thing asked for does not exist for this principal."""

    code = "not_found"


class Conflict(DayglassError):
    """The change clashes with what is stored (a duplicate email, say)."""

    code = "conflict"


class PayloadTooLarge(DayglassError):
    """The request body or the number of items is over the limit."""

    code = "payload_too_large"
