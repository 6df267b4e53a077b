"""Wayland protocol modules for pywayland: its own where it has them, else made from our XML."""

from __future__ import annotations

import importlib
import sys
import tempfile
import types
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from pywayland.protocol import wayland
from pywayland.protocol_core.interface import Interface

PROTOCOLS = files("dayglass.agent") / "desktop_helpers" / "protocols"
FOREIGN_TOPLEVEL = (
    "wlr_foreign_toplevel_management_unstable_v1",
    "wlr-foreign-toplevel-management-unstable-v1.xml",
)
KDE_IDLE = ("kde_idle", "kde-idle.xml")
EXT_IDLE_NOTIFY = ("ext_idle_notify_v1", "")  # pywayland ships this one


def protocol_module(protocol: tuple[str, str]) -> Any:
    """The pywayland module of protocol (name, XML file): pywayland's, or generated once."""
    name, xml_file = protocol
    qualified = f"pywayland.protocol.{name}"
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError:
        if not xml_file:
            raise
    return _generate(qualified, name, xml_file)


def _generate(qualified: str, name: str, xml_file: str) -> types.ModuleType:
    # The scanner writes a module that imports the core interfaces relatively (.wayland), so
    # it is made a module of pywayland.protocol, where pywayland's own scanner would put it.
    from pywayland.scanner.protocol import Protocol

    with as_file(PROTOCOLS / xml_file) as xml_path:
        parsed = Protocol.parse_file(str(xml_path))
    imports = {**_core_interfaces(), **{i.name: name for i in parsed.interface}}
    with tempfile.TemporaryDirectory() as out:
        parsed.output(out, imports)
        source = Path(out, f"{name}.py").read_text()
    module = types.ModuleType(qualified)
    module.__package__ = "pywayland.protocol"
    sys.modules[qualified] = module
    exec(compile(source, xml_file, "exec"), module.__dict__)
    return module


def _core_interfaces() -> dict[str, str]:
    return {
        kind.name: "wayland"
        for kind in vars(wayland).values()
        if isinstance(kind, type) and issubclass(kind, Interface) and kind is not Interface
    }
