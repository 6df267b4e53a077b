"""Reading an ActivityWatch export (aw-server's `GET /api/0/export`) as a stream.

The file is `{"buckets": {"<id>": {"type": ..., "hostname": ..., "events": [...]}, ...}}`. It is
parsed token by token (ijson), one event object at a time, straight into the spill: memory
stays flat whatever the size of the file.
"""

from __future__ import annotations

from typing import IO, Any

import ijson  # type: ignore[import-untyped]

from dayglass.importers.aw_model import read_event
from dayglass.importers.aw_spill import Spill

_OPENS = ("start_map", "start_array")
_CLOSES = ("end_map", "end_array")


class _Reader:
    """Follows the token stream: which bucket it is in, and the event object being built."""

    def __init__(self, spill: Spill) -> None:
        self.spill = spill
        self.bucket: str | None = None
        self.inside = ""
        self.item = ""
        self.builder: Any = None
        self.depth = 0

    def token(self, prefix: str, event: str, value: Any) -> None:
        if self.builder is not None:
            self._build(event, value)
        elif prefix == "buckets" and event == "map_key":
            self._enter(str(value))
        elif self.bucket is None:
            return
        elif prefix == self.item and event == "start_map":
            self.builder, self.depth = ijson.ObjectBuilder(), 1
            self.builder.event(event, value)
        elif prefix == self.inside + ".type" and event == "string":
            self.spill.set_bucket(self.bucket, value, None)
        elif prefix == self.inside + ".hostname" and event == "string":
            self.spill.set_bucket(self.bucket, None, value)

    def _enter(self, bucket: str) -> None:
        self.bucket = bucket
        self.inside = f"buckets.{bucket}"
        self.item = f"{self.inside}.events.item"
        self.spill.set_bucket(bucket, None, None)

    def _build(self, event: str, value: Any) -> None:
        self.builder.event(event, value)
        if event in _OPENS:
            self.depth += 1
        elif event in _CLOSES:
            self.depth -= 1
            if self.depth == 0:
                found = read_event(self.builder.value)
                if found is not None and self.bucket is not None:
                    self.spill.add(self.bucket, found)
                self.builder = None


def _bucket_heads(stream: IO[bytes]) -> dict[str, dict[str, str | None]]:
    """Each bucket's type and host, in one quick pass over the tokens."""
    heads: dict[str, dict[str, str | None]] = {}
    fields: dict[str, str | None] = {}
    inside = ""
    for prefix, event, value in ijson.parse(stream):
        if event == "map_key":
            if prefix == "buckets":
                fields = heads[value] = {"type": None, "hostname": None}
                inside = f"buckets.{value}."
        elif event == "string" and prefix.startswith(inside):
            name = prefix[len(inside) :]
            if name in fields:
                fields[name] = value
    return heads


def spill_export(stream: IO[bytes], spill: Spill) -> None:
    """Read an export file's buckets and events into the spill.

    A file is read once for the buckets, then once per bucket, whose event objects ijson's C
    backend builds itself; a stream that cannot go back is read once, token by token.
    """
    if not stream.seekable():
        reader = _Reader(spill)
        for prefix, event, value in ijson.parse(stream, use_float=True):
            reader.token(prefix, event, value)
        spill.finish()
        return
    start = stream.tell()
    heads = _bucket_heads(stream)
    for bucket, head in heads.items():
        spill.set_bucket(bucket, head["type"], head["hostname"])
    for bucket in heads:
        stream.seek(start)
        for raw in ijson.items(stream, f"buckets.{bucket}.events.item", use_float=True):
            found = read_event(raw)
            if found is not None:
                spill.add(bucket, found)
    spill.finish()
