"""Importing a Dayglass export (a directory or its zip) into an account on this server."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dayglass.services.export_files import DirectorySource, ZipSource
from dayglass.services.export_restore import RestoreReport
from dayglass.services.registry import Services


def import_export(services: Services, user_id: int, path: Path) -> RestoreReport:
    """Restore the export at path (a directory, or a zip the web app made) into the user."""
    if path.is_dir():
        return services.restores.restore(user_id, DirectorySource(path))
    with zipfile.ZipFile(path) as archive:
        return services.restores.restore(user_id, ZipSource(archive))
