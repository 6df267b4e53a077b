"""The personal API keys a server process has found active, kept so that a request need not
read its key again (on Citus a trip to the worker holding the key's shard).

A key is kept with its owner's cache stamp (see `dayglass.storage.cache_stamps`), read after the
key was found and before the key was read a second time, and used while the owner's stamp is
still the same, for at most KEPT_FOR. Revoking a key raises its owner's stamp once the
revocation has committed, so the next request in any process reads the key again and refuses
it; a deleted owner has no stamp. Keys made for an organization are not kept: its deletion
removes them without touching their owners' rows.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from threading import Lock

from dayglass.core.accounts import ApiKey

KEPT_FOR = timedelta(minutes=1)  # read again at least this often, whatever the stamp says
KEPT_KEYS = 10_000  # the least recently used go first


@dataclass(frozen=True)
class KeptKey:
    """A key as it was read, the owner's stamp read with it, and when."""

    record: ApiKey
    stamp: int
    read_at: datetime


class KeptKeys:
    """Kept keys by their hash; safe from several threads."""

    def __init__(self, size: int = KEPT_KEYS) -> None:
        self._size = size
        self._kept: OrderedDict[str, KeptKey] = OrderedDict()
        self._lock = Lock()

    def get(self, key_hash: str, now: datetime) -> KeptKey | None:
        """The kept key, unless it was read KEPT_FOR ago or longer."""
        with self._lock:
            kept = self._kept.get(key_hash)
            if kept is None:
                return None
            if not kept.read_at <= now < kept.read_at + KEPT_FOR:
                del self._kept[key_hash]
                return None
            self._kept.move_to_end(key_hash)
            return kept

    def keep(self, key_hash: str, record: ApiKey, stamp: int, now: datetime) -> None:
        """Keep a personal key read after its owner's stamp was."""
        with self._lock:
            self._kept[key_hash] = KeptKey(record, stamp, now)
            self._kept.move_to_end(key_hash)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def used(self, key_hash: str, now: datetime) -> None:
        """The key's use was noted now (so it is not noted again on every request)."""
        with self._lock:
            kept = self._kept.get(key_hash)
            if kept is not None:
                self._kept[key_hash] = replace(kept, record=replace(kept.record, last_used_at=now))
