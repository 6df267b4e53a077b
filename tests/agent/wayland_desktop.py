"""Real Wayland desktops for the agent's tests: headless sway, headless GNOME Shell."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# sway refuses to run as root: as root it runs as this user, in a runtime dir it owns.
SWAY_USER = "nobody"
GNOME_SHELL = ["gnome-shell", "--headless", "--virtual-monitor", "1024x768", "--wayland"]


def wait_until(predicate, what: str, timeout: float = 30.0) -> None:
    """Poll predicate every 50 ms; fail saying what did not happen."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout} s")
        time.sleep(0.05)


@dataclass
class WaylandDesktop:
    """A running compositor: its environment, the windows opened on it, and how to stop it."""

    runtime_dir: Path
    session: dict[str, str]  # the desktop session's variables (display, desktop name, ...)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """The environment of a program in this session (no X display)."""
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_dir), **self.session}
        env.pop("DISPLAY", None)
        return env

    def open_window(self, title: str, app_id: str) -> None:
        """A foot terminal with a title and an app id (its Wayland application name)."""
        self.processes.append(
            subprocess.Popen(
                ["foot", "--app-id", app_id, "--title", title, "sleep", "600"],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )

    def close(self) -> None:
        """Stop every program this desktop started, the compositor last."""
        for process in reversed(self.processes):
            # Each runs in a session of its own: its group holds what it started (runuser's sway).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


class SwayDesktop(WaylandDesktop):
    """Headless sway (wlroots); windows driven with swaymsg, input made with wtype."""

    def swaymsg(self, *args: str) -> str:
        """Run swaymsg against this sway; what it printed."""
        done = subprocess.run(
            ["swaymsg", *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def open_window(self, title: str, app_id: str) -> None:
        """Open the window and wait until sway shows it."""
        super().open_window(title, app_id)
        wait_until(lambda: f'"{title}"' in self.swaymsg("-t", "get_tree", "-r"), f"{title} shown")

    def activate(self, title: str) -> float:
        """Focus the window titled title; the time.time() when sway had done it."""
        self.swaymsg(f'[title="^{title}$"] focus')
        return time.time()

    def touch(self) -> None:
        """Some user input: a key press on a virtual keyboard (it resets sway's idle timers)."""
        subprocess.run(["wtype", "-k", "Shift_L"], env=self.env, check=True, timeout=30)


def _private_dir(owner: str | None) -> Path:
    # Not under pytest's tmp_path: its root-only parents would keep the compositor's user out.
    runtime = Path(tempfile.mkdtemp(prefix="dayglass-wayland-"))
    if owner is not None:
        user = pwd.getpwnam(owner)
        os.chown(runtime, user.pw_uid, user.pw_gid)
    return runtime


def start_sway() -> SwayDesktop:
    """sway with the headless backend and no input devices, as an unprivileged user."""
    as_root = os.geteuid() == 0
    runtime = _private_dir(SWAY_USER if as_root else None)
    config = runtime / "config"
    config.write_text("output HEADLESS-1 resolution 1024x768\ndefault_border none\n")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(runtime),
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
    }
    command = ["sway", "-c", str(config)]
    if as_root:
        os.chown(config, pwd.getpwnam(SWAY_USER).pw_uid, -1)
        command = ["runuser", "-u", SWAY_USER, "--", *command]
    sway = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until(lambda: any(runtime.glob("sway-ipc.*.sock")) or sway.poll() is not None, "sway")
    sockets = list(runtime.glob("sway-ipc.*.sock"))
    if not sockets:
        raise RuntimeError(f"sway exited with {sway.returncode}")
    wait_until(lambda: (runtime / "wayland-1").exists(), "sway's Wayland socket")
    session = {
        "WAYLAND_DISPLAY": "wayland-1",
        "SWAYSOCK": str(sockets[0]),
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "sway",
    }
    return SwayDesktop(runtime, session, [sway])


class BusDesktop(WaylandDesktop):
    """A desktop whose compositor and the agent share a private session bus."""

    @property
    def session_bus(self) -> str:
        """The session bus the compositor and the agent share."""
        return self.session["DBUS_SESSION_BUS_ADDRESS"]

    def gdbus(self, service: str, path: str, method: str, *args: str) -> str:
        """Call method on the session bus; what gdbus printed ("" when the call failed)."""
        command = ["gdbus", "call", "--session", "--dest", service, "--object-path", path]
        done = subprocess.run(
            [*command, "--method", method, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return done.stdout if done.returncode == 0 else ""


class GnomeDesktop(BusDesktop):
    """Headless GNOME Shell with the Dayglass extension; focus moved through the Shell's Eval."""

    def shell(self, script: str) -> str:
        """Evaluate JavaScript in the Shell (it runs with --unsafe-mode for this)."""
        return self.gdbus("org.gnome.Shell", "/org/gnome/Shell", "org.gnome.Shell.Eval", script)

    def open_window(self, title: str, app_id: str) -> None:
        """Open the window and wait until the Shell lists it."""
        super().open_window(title, app_id)
        titles = "global.get_window_actors().map(a => a.meta_window.get_title()).join('|')"
        wait_until(lambda: title in self.shell(titles), f"{title} shown")

    def activate(self, title: str) -> float:
        """Focus the window titled title, again until the Shell says it has the focus (a window
        mapped a moment earlier can still take it); the time.time() when it had."""
        activate = (
            "global.get_window_actors().map(a => a.meta_window)"
            f".find(w => w.get_title() === {title!r}).activate(global.get_current_time())"
        )
        focused = "global.display.focus_window ? global.display.focus_window.get_title() : ''"

        def focus_moved() -> bool:
            self.shell(activate)
            return title in self.shell(focused)

        wait_until(focus_moved, f"{title} focused")
        return time.time()


def _bus_daemon() -> tuple[subprocess.Popen, str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert daemon.stdout is not None
    return daemon, daemon.stdout.readline().strip()


def start_gnome(install_extension) -> GnomeDesktop:
    """GNOME Shell headless on a virtual monitor, with the extension install_extension puts in.

    The Shell wants a system bus (for logind): a private bus daemon stands in for it.
    """
    runtime = _private_dir(None)
    session_daemon, session_bus = _bus_daemon()
    system_daemon, system_bus = _bus_daemon()
    session = {
        "HOME": str(runtime),
        "XDG_DATA_HOME": str(runtime / "data"),
        "XDG_CONFIG_HOME": str(runtime / "config"),
        "GSETTINGS_BACKEND": "keyfile",  # no dconf service needed
        "DBUS_SESSION_BUS_ADDRESS": session_bus,
        "DBUS_SYSTEM_BUS_ADDRESS": system_bus,
        "WAYLAND_DISPLAY": "wayland-0",
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "GNOME",
    }
    desktop = GnomeDesktop(runtime, session, [system_daemon, session_daemon])
    install_extension(runtime / "data", desktop.env)
    desktop.processes.append(
        subprocess.Popen(
            [*GNOME_SHELL, "--unsafe-mode"],
            env=desktop.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    )
    try:
        focus = ("org.dayglass.Shell", "/org/dayglass/Shell", "org.dayglass.Shell1.FocusedWindow")
        wait_until(lambda: desktop.gdbus(*focus), "the Dayglass extension answering", 60)
        # The Shell starts in the overview, where no window has the focus.
        wait_until(
            lambda: "false" in desktop.shell("Main.overview.hide(); Main.overview.visible"),
            "overview hidden",
        )
    except RuntimeError:
        desktop.close()
        raise
    return desktop
