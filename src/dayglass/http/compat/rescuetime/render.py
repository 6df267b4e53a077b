"""The JSON envelope and the CSV body, written piece by piece so large answers stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

from dayglass.http.compat.rescuetime.layout import Cell

NOTES = "data is an array of arrays (rows), column names for rows in row_headers"
CHUNK = 64 * 1024  # bytes handed to the server at a time


def _chunked(pieces: Iterable[bytes], separator: bytes = b"") -> Iterator[bytes]:
    """Pieces joined by separator, handed out in chunks of about 64 KiB."""
    buffer = bytearray()
    first = True
    for piece in pieces:
        if not first:
            buffer += separator
        first = False
        buffer += piece
        if len(buffer) >= CHUNK:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


def json_body(headers: list[str], rows: Iterable[list[Cell]]) -> Iterator[bytes]:
    """`{"notes":...,"row_headers":[...],"rows":[[...],...]}`, compact, as Rails writes it."""
    yield b'{"notes":' + orjson.dumps(NOTES) + b',"row_headers":' + orjson.dumps(headers)
    yield b',"rows":['
    yield from _chunked((orjson.dumps(row) for row in rows), b",")
    yield b"]}"


def csv_field(cell: Cell) -> str:
    """One CSV field as Ruby's CSV writes it: quoted only when it must be."""
    if isinstance(cell, float):
        return repr(cell)  # Ruby's Float#to_s: 2.0, 93.6, -0.37
    text = str(cell)
    if text == "" or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells: Iterable[Cell]) -> bytes:
    """A CSV line ending in LF."""
    return (",".join(csv_field(c) for c in cells) + "\n").encode()


def csv_body(headers: list[str], rows: Iterable[list[Cell]]) -> Iterator[bytes]:
    """A header line of the row headers, then one line per row."""
    yield csv_line(headers)
    yield from _chunked(csv_line(row) for row in rows)
