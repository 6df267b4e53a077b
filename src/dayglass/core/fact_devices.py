"""Which device stored time is kept under: the device that sent it, or none.

Project rules by device match the device's name as its agent reports it. Time whose device is
not a real one is kept as time of no device (id 0), which no device rule claims: offline time
(each entry is stored on a device of its own) and imports whose source had no devices (stored on
devices named `import/...`).
"""

from __future__ import annotations

NO_DEVICE = 0
IMPORT_PREFIX = "import/"


def known_device(name: str, source_type: str) -> bool:
    """Whether time a device of this name sends as source_type is kept as that device's."""
    return source_type != "offline" and not name.startswith(IMPORT_PREFIX)
