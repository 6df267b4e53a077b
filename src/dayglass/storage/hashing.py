"""Short stable digests used as index keys."""

from __future__ import annotations

from hashlib import blake2b


def text_digest(value: str) -> bytes:
    """A 128-bit digest of a text."""
    return blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()
