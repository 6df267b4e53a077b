"""Reading a running aw-server through its REST API, page by page, into the spill."""

from __future__ import annotations

from typing import Any

import httpx

from dayglass.importers.aw_model import read_event
from dayglass.importers.aw_spill import KINDS, Spill
from dayglass.importers.pacing import Pacer

PAGE = 5_000


def _get(http: httpx.Client, pacer: Pacer, path: str, params: dict[str, Any]) -> Any:
    def request() -> Any:
        answer = http.get(path, params=params)
        answer.raise_for_status()
        return answer.json()

    return pacer.call(request)


def spill_server(http: httpx.Client, pacer: Pacer, spill: Spill) -> None:
    """Read every window, AFK and web bucket of the server (http's base URL) into the spill."""
    buckets = _get(http, pacer, "/api/0/buckets/", {})
    for bucket_id, meta in sorted(buckets.items()):
        kind = meta.get("type") if isinstance(meta, dict) else None
        if kind not in KINDS:
            continue
        spill.set_bucket(bucket_id, kind, meta.get("hostname"))
        _spill_bucket(http, pacer, spill, bucket_id)
    spill.finish()


def _spill_bucket(http: httpx.Client, pacer: Pacer, spill: Spill, bucket_id: str) -> None:
    """A bucket's events, newest first, a page at a time (each page ends where the last began)."""
    end: str | None = None
    while True:
        params: dict[str, Any] = {"limit": PAGE}
        if end is not None:
            params["end"] = end
        page = _get(http, pacer, f"/api/0/buckets/{bucket_id}/events", params)
        for raw in page:
            found = read_event(raw)
            if found is not None:
                spill.add(bucket_id, found)
        if len(page) < PAGE:
            return
        oldest = str(page[-1]["timestamp"])
        if oldest == end:  # a page of one instant: nothing older can be asked for this way
            return
        end = oldest
