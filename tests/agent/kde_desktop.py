"""A real KDE desktop for the agent's tests: headless KWin on a virtual output, driven by scripts.

Debian's /usr/bin/kwin_wayland carries a file capability (cap_sys_resource, to raise its own
scheduling limits) and a container without that capability refuses to exec it ("Operation not
permitted"); a copy of the binary without the capability runs the same program, so the tests run
that copy.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .wayland_desktop import BusDesktop, _bus_daemon, _private_dir, wait_until

WINDOW_CLIENT = Path(__file__).with_name("wayland_window.py")
SCRIPTING = ("org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting")
_script_names = itertools.count()


@dataclass
class KdeDesktop(BusDesktop):
    """KWin 5 headless; windows are tiny Wayland clients, focus is moved by KWin scripts."""

    windows: dict[str, subprocess.Popen] = field(default_factory=dict)  # by title

    @property
    def log_file(self) -> Path:
        """Where KWin writes what it and its scripts print."""
        return self.runtime_dir / "kwin.log"

    def script(self, body: str) -> str:
        """Run JavaScript in KWin once; the line it printed with print(...) (one line, wanted)."""
        name = f"dayglass-test-{next(_script_names)}"
        marker = f"{name}:"
        path = self.runtime_dir / f"{name}.js"
        path.write_text(f'print("{marker}" + (function () {{ {body} }})());\n')
        service, object_path, interface = SCRIPTING
        loaded = self.gdbus(service, object_path, f"{interface}.loadScript", str(path), name)
        assert loaded and "-1" not in loaded, (loaded, self.log_file.read_text())
        self.gdbus(service, object_path, f"{interface}.start")
        try:
            wait_until(lambda: marker in self.log_file.read_text(), f"the script {name} run")
        finally:
            self.gdbus(service, object_path, f"{interface}.unloadScript", name)
        line = next(i for i in self.log_file.read_text().splitlines() if marker in i)
        return line.split(marker, 1)[1]

    def open_window(self, title: str, app_id: str) -> None:
        """A real Wayland window with a title and an app id; waits until KWin manages it."""
        window = subprocess.Popen(
            [sys.executable, str(WINDOW_CLIENT), "window", title, app_id],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        self.processes.append(window)
        self.windows[title] = window
        wait_until(lambda: title in self.captions(), f"{title} shown")

    def retitle(self, title: str, new_title: str) -> float:
        """The window titled title takes new_title; the time.time() when KWin shows it."""
        window = self.windows.pop(title)
        assert window.stdin is not None
        window.stdin.write(new_title + "\n")
        window.stdin.flush()
        wait_until(lambda: new_title in self.captions(), f"{new_title} shown")
        self.windows[new_title] = window
        return time.time()

    def captions(self) -> list[str]:
        """The captions of the windows KWin manages (the tests' hold no "|")."""
        listed = self.script(
            "return workspace.clientList().map(function (c) { return c.caption; }).join('|');"
        )
        return listed.split("|")

    def activate(self, title: str) -> float:
        """Make the window titled title the active one; the time.time() when KWin had done it."""
        active = self.script(
            "var found = workspace.clientList().filter(function (c) {"
            f" return c.caption === {title!r}; }});"
            " workspace.activeClient = found[0]; return workspace.activeClient.caption;"
        )
        assert active == title, active
        return time.time()

    def touch(self) -> None:
        """Some user input, as KWin counts it: every idle timer of KWin starts again."""
        subprocess.run(
            [sys.executable, str(WINDOW_CLIENT), "touch"], env=self.env, check=True, timeout=30
        )


def start_kwin() -> KdeDesktop:
    """KWin on a virtual output, with its own session bus, and no lock screen."""
    runtime = _private_dir(None)
    kwin = runtime / "kwin_wayland"
    shutil.copyfile(shutil.which("kwin_wayland") or "/usr/bin/kwin_wayland", kwin)
    kwin.chmod(0o755)  # a plain copy: without the file capability
    bus_daemon, bus = _bus_daemon()
    session = {
        "HOME": str(runtime),
        "XDG_CONFIG_HOME": str(runtime / "config"),
        "DBUS_SESSION_BUS_ADDRESS": bus,
        "WAYLAND_DISPLAY": "wayland-kde",
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "KDE",
    }
    desktop = KdeDesktop(runtime, session, [bus_daemon])
    with desktop.log_file.open("w") as log:
        desktop.processes.append(
            subprocess.Popen(
                [str(kwin), "--virtual", "--no-lockscreen", "--socket", "wayland-kde"],
                env=desktop.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    try:
        wait_until(lambda: (runtime / "wayland-kde").exists(), "KWin's Wayland socket")
        wait_until(lambda: desktop.gdbus(*SCRIPTING[:2], "org.freedesktop.DBus.Peer.Ping"), "KWin")
    except RuntimeError:
        desktop.close()
        raise
    return desktop
