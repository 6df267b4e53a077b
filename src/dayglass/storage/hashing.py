"""Short stable digests used as index keys."""

from __future__ import annotations

from hashlib import blake2b


def text_digest(value: str) -> bytes:
    """A 128-bit digest of a text."""
    return blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def id_hash(value: str) -> int:
    """A non-negative 63-bit hash of a client's event id."""
    digest = blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1
