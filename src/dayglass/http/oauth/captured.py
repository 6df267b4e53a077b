"""A Starlette request read into the shape Authlib's protocol code expects."""

from __future__ import annotations

from collections import defaultdict

import orjson

# Authlib ships no type information: its base classes are Any to mypy.
from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request  # type: ignore[import-untyped]
from fastapi import Request

Values = dict[str, list[str]]


class _Payload(OAuth2Payload):  # type: ignore[misc]  # untyped Authlib base
    def __init__(self, values: Values) -> None:
        self._values = values

    @property
    def data(self) -> dict[str, str]:
        """First value of each parameter."""
        return {k: v[0] for k, v in self._values.items() if v}

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        """Every value of each parameter."""
        return defaultdict(list, self._values)


class CapturedRequest(OAuth2Request):  # type: ignore[misc]  # untyped Authlib base
    """Method, URL, headers, query and body (a form or a JSON object) of one request."""

    def __init__(self, request: Request, query: Values, body: Values) -> None:
        super().__init__(method=request.method, uri=str(request.url), headers=dict(request.headers))
        self._query = query
        self._body = body
        self.payload = _Payload({**query, **body})

    @property
    def args(self) -> dict[str, str]:
        """The query parameters."""
        return {k: v[0] for k, v in self._query.items() if v}

    @property
    def form(self) -> dict[str, str]:
        """The body's parameters."""
        return {k: v[0] for k, v in self._body.items() if v}


def _grouped(pairs: list[tuple[str, str]]) -> Values:
    grouped: Values = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return dict(grouped)


async def capture(request: Request) -> CapturedRequest:
    """Read the request, accepting a form or a JSON body alike."""
    query = _grouped(list(request.query_params.multi_items()))
    body: Values = {}
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json":
            try:
                parsed = orjson.loads(await request.body() or b"{}")
            except orjson.JSONDecodeError:
                parsed = {}
            if isinstance(parsed, dict):
                body = {k: [str(v)] for k, v in parsed.items() if isinstance(v, str | int)}
        else:
            form = await request.form()
            body = _grouped([(k, v) for k, v in form.multi_items() if isinstance(v, str)])
    return CapturedRequest(request, query, body)
