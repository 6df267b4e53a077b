"""Where an export's files go and come from: a directory or a zip archive, one file per kind."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from dayglass.core.errors import InvalidInput
from dayglass.services.export_format import (
    FORMAT_VERSION,
    FORMATS,
    KIND_BY_NAME,
    MANIFEST,
    Record,
    read_records,
)


class ExportSink(Protocol):
    """Takes an export's files one at a time."""

    def open(self, name: str) -> AbstractContextManager[IO[bytes]]: ...


class DirectorySink:
    """Writes the files into a directory (made if missing)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._folder = folder

    def open(self, name: str) -> AbstractContextManager[IO[bytes]]:
        """A new file of the directory."""
        return (self._folder / name).open("wb")


class ZipSink:
    """Writes the files into a zip archive, each compressed as it streams."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive

    def open(self, name: str) -> AbstractContextManager[IO[bytes]]:
        """A new member of the archive."""
        return self._archive.open(name, "w", force_zip64=True)


class ExportSource(Protocol):
    """An export being read: its manifest, then each kind's records."""

    def manifest(self) -> dict[str, Any]: ...

    def records(self, kind: str) -> Iterator[Record]: ...


class DirectorySource:
    """An export written to a directory (or unpacked from its zip)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        path = folder / MANIFEST
        if not path.is_file():
            raise InvalidInput(f"{folder}: no {MANIFEST}, not a Dayglass export")
        self._manifest = check_manifest(orjson.loads(path.read_bytes()))

    def manifest(self) -> dict[str, Any]:
        """The export's manifest."""
        return self._manifest

    def records(self, kind: str) -> Iterator[Record]:
        """The kind's records, read a line at a time (none if the export has no such file)."""
        entry = self._manifest["kinds"].get(kind)
        if entry is None:
            return
        with (self._folder / entry["file"]).open("rb") as stream:
            yield from read_records(stream, self._manifest["file_format"], KIND_BY_NAME[kind])


class ZipSource:
    """An export in a zip archive, read member by member without unpacking."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        try:
            raw = archive.read(MANIFEST)
        except KeyError:
            raise InvalidInput(f"no {MANIFEST} in the archive, not a Dayglass export") from None
        self._manifest = check_manifest(orjson.loads(raw))

    def manifest(self) -> dict[str, Any]:
        """The export's manifest."""
        return self._manifest

    def records(self, kind: str) -> Iterator[Record]:
        """The kind's records, streamed out of the archive."""
        entry = self._manifest["kinds"].get(kind)
        if entry is None:
            return
        with self._archive.open(entry["file"]) as stream:
            yield from read_records(stream, self._manifest["file_format"], KIND_BY_NAME[kind])


def check_manifest(manifest: Any) -> dict[str, Any]:
    """The manifest, or InvalidInput when this server cannot read the export."""
    if not isinstance(manifest, dict) or manifest.get("format") != "dayglass-export":
        raise InvalidInput("not a Dayglass export manifest")
    if manifest.get("version") != FORMAT_VERSION:
        raise InvalidInput(f"export format version {manifest.get('version')} is not supported")
    if manifest.get("file_format") not in FORMATS or not isinstance(manifest.get("kinds"), dict):
        raise InvalidInput("the manifest names no known file format or kinds")
    return manifest
