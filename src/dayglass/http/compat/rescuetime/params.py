"""The Data API's parameters under every name RescueTime accepts, and reading them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fastapi import Request

from dayglass.http.body import parsed_body

RawParams = Mapping[str, Sequence[str]]

# (principal, short, alias, alias short), as in the official parameter table.
PERSPECTIVE = ("perspective", "pv", "by")
RESOLUTION = ("resolution_time", "rs", "interval", "i")
BEGIN = ("restrict_begin", "rb")
END = ("restrict_end", "re")
KIND = ("restrict_kind", "rk", "taxonomy", "ty")
THING = ("restrict_thing", "rt", "taxon", "tx")
THINGY = ("restrict_thingy", "ry", "sub_taxon", "tn")
SOURCE_TYPE = ("restrict_source_type",)
PROJECT = ("restrict_project", "rj")
SCHEDULE = ("restrict_schedule_id", "rsi", "schedule_id", "s")
FORMAT = ("format",)
# The 2009 draft's team parameters (an organization key's answers), and Dayglass's choice of
# one row per group instead of per person in the member perspective (`members=groups`).
GROUP = ("restrict_group", "rg", "group", "g")
USER = ("restrict_user", "ru", "user", "u")
MEMBERS = ("members",)


def value(params: RawParams, names: tuple[str, ...]) -> str | None:
    """The value under the first of names given non-empty; of repeated values, the last."""
    for name in names:
        given = [v for v in params.get(name, ()) if v.strip()]
        if given:
            return given[-1].strip()
    return None


def _body_values(raw: object) -> list[str]:
    if isinstance(raw, bool):
        return [str(raw).lower()]
    if isinstance(raw, str | int | float):
        return [str(raw)]
    if isinstance(raw, list):
        return [v for item in raw if not isinstance(item, list) for v in _body_values(item)]
    return []


async def request_params(request: Request) -> dict[str, list[str]]:
    """The query string's parameters, then a form or JSON body's for names it lacks.

    Raises InvalidInput (or PayloadTooLarge) when a body cannot be read.
    """
    params: dict[str, list[str]] = {}
    for name, given in request.query_params.multi_items():
        params.setdefault(name, []).append(given)
    if request.method == "POST":
        body = await parsed_body(request)
        if isinstance(body, dict):
            for name, raw in body.items():
                if name not in params:
                    params[name] = _body_values(raw)
    return params
