"""Exporting everything of a person: one file per kind, and a manifest with the counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput
from dayglass.services.accounts import AccountService
from dayglass.services.export_files import ExportSink
from dayglass.services.export_format import (
    FORMAT_VERSION,
    FORMATS,
    KINDS,
    MANIFEST,
    Kind,
    Record,
    write_records,
)
from dayglass.services.ports import ExportStore


class ExportService:
    """Writes a person's data, streamed kind by kind, into a sink."""

    def __init__(self, store: ExportStore, accounts: AccountService, clock: Clock) -> None:
        self._store = store
        self._accounts = accounts
        self._clock = clock

    def records(self, user_id: int, kind: Kind) -> Iterator[Record]:
        """The user's records of one kind, as the database streams them."""
        return self._store.rows(user_id, kind.name)

    def write(self, user_id: int, sink: ExportSink, format_: str = "jsonl") -> dict[str, Any]:
        """Write every kind of the user's data into sink, then the manifest; the manifest."""
        if format_ not in FORMATS:
            raise InvalidInput(f"format: one of {', '.join(FORMATS)}")
        user = self._accounts.user(user_id)
        kinds: dict[str, Any] = {}
        for kind in KINDS:
            with sink.open(kind.file(format_)) as stream:
                rows = write_records(stream, format_, kind, self.records(user_id, kind))
            kinds[kind.name] = {
                "file": kind.file(format_),
                "rows": rows,
                "restored": kind.restored,
                "about": kind.about,
                "columns": {c.name: c.type + ("?" if c.nullable else "") for c in kind.columns},
            }
        manifest = {
            "format": "dayglass-export",
            "version": FORMAT_VERSION,
            "file_format": format_,
            "exported_at": self._clock.now().isoformat(),
            "user": user.email,
            "kinds": kinds,
        }
        with sink.open(MANIFEST) as stream:
            stream.write(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        return manifest
