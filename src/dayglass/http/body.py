"""Reading request bodies: size-limited, JSON or form, parsed once per request."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from urllib.parse import parse_qsl

import orjson
from fastapi import Request
from starlette.formparsers import MultiPartException, MultiPartParser

from dayglass.core.errors import InvalidInput, PayloadTooLarge
from dayglass.http.dependencies import app_settings

_PARSED = "dayglass_body"

Body = object
"""A parsed body: form fields (a dict of str), any JSON value, or None when empty."""


async def read_limited(request: Request, limit: int) -> bytes:
    """The raw body, or PayloadTooLarge as soon as it passes limit bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"request body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"request body over {limit} bytes")
        chunks.append(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def parsed_body(request: Request) -> Body:
    """The body as JSON or form fields (None when empty); InvalidInput when it cannot be read."""
    if hasattr(request.state, _PARSED):
        parsed: Body = getattr(request.state, _PARSED)
        return parsed
    raw = await read_limited(request, app_settings(request).max_body_bytes)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    value: Body
    if not raw.strip():
        value = None
    elif content_type == "application/x-www-form-urlencoded":
        # The stream is consumed already, so the form is parsed from the bytes read.
        value = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    elif content_type == "multipart/form-data":
        value = await _multipart(request, raw)
    else:
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise InvalidInput("body: not valid JSON") from None
    setattr(request.state, _PARSED, value)
    return value


async def _multipart(request: Request, raw: bytes) -> dict[str, object]:
    async def once() -> AsyncGenerator[bytes, None]:
        yield raw

    try:
        return dict(await MultiPartParser(request.headers, once()).parse())
    except MultiPartException as error:
        raise InvalidInput(f"body: {error.message}") from None
