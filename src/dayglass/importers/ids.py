"""Deterministic event ids: the same source row always gets the same id, so a rerun adds nothing."""

from __future__ import annotations

from hashlib import blake2b


def stable_id(prefix: str, *parts: object) -> str:
    """An id of at most 64 characters from prefix and a digest of parts."""
    digest = blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=16).hexdigest()
    return f"{prefix}:{digest}"
