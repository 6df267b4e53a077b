"""RescueTime's exact error bodies and the headers of its answers."""

from __future__ import annotations

import json

from fastapi import Response

JSON_TYPE = "application/json; charset=utf-8"
CSV_TYPE = "text/csv; charset=utf-8"

# Byte-exact as recorded (wire-format.md 3); clients match them with regular expressions.
KEY_NOT_FOUND = b'{"error":"# key not found","messages":"key not found"}'
QUERY_ERROR = (
    b'{"error": "# query error","messages": "Error: Likely a badly formatted or missing parameter"}'
)

# What rescuetime.com sends with data (recorded with every CSV answer).
DATA_HEADERS = {
    "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate",
    "Expires": "Fri, 01 Jan 1990 00:00:00 GMT",
    "Pragma": "no-cache",
    "X-Content-Type-Options": "nosniff",
}
_ERROR_HEADERS = {
    "Cache-Control": "max-age=0, private, must-revalidate",
    "X-Content-Type-Options": "nosniff",
}


def _error(body: bytes) -> Response:
    # Status 200, as recorded: clients read the body, whatever format they asked for.
    return Response(body, 200, headers=_ERROR_HEADERS, media_type=JSON_TYPE)


def key_not_found() -> Response:
    """The answer to an unknown, revoked or missing key."""
    return _error(KEY_NOT_FOUND)


def query_error() -> Response:
    """The answer to a badly formatted or missing parameter."""
    return _error(QUERY_ERROR)


def key_refused(message: str) -> Response:
    """The key-not-found error, its message saying why this key cannot answer."""
    body = json.dumps({"error": "# key not found", "messages": message}, separators=(",", ":"))
    return _error(body.encode())
