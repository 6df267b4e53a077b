"""A real X desktop for the agent's tests: Xvfb, the openbox window manager, xterm windows."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field


@dataclass
class Desktop:
    """An X display with a window manager; opens windows and drives them with xdotool."""

    display: str
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """The environment of a program on this display."""
        env = {**os.environ, "DISPLAY": self.display, "XDG_SESSION_TYPE": "x11"}
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def xdotool(self, *args: str) -> str:
        """Run xdotool on this display; what it printed."""
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def open_window(self, title: str, app_class: str) -> str:
        """Open an xterm with a title and a WM_CLASS class; its window id once it is mapped."""
        self.processes.append(
            subprocess.Popen(
                ["xterm", "-title", title, "-class", app_class, "-e", "sleep", "600"],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                env=self.env,
                capture_output=True,
                text=True,
            ).stdout.split()
            if found:
                return found[0]
            time.sleep(0.05)
        raise RuntimeError(f"window {title!r} did not appear")

    def activate(self, window: str) -> float:
        """Give window the focus; the time.time() when the window manager had done it."""
        self.xdotool("windowactivate", "--sync", window)
        return time.time()

    def touch(self) -> None:
        """Some user input: a small pointer move (it resets the X idle time)."""
        self.xdotool("mousemove_relative", "--", "1", "1")

    def close(self) -> None:
        """Stop every program this desktop started, the X server last."""
        for process in reversed(self.processes):
            process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def start_desktop() -> Desktop:
    """Start Xvfb on a free display number, then openbox on it."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    desktop = Desktop(f":{number}", [xvfb])
    for _ in range(3):  # openbox has been seen to exit at start on a loaded machine: retry
        openbox = subprocess.Popen(
            ["openbox"], env=desktop.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        desktop.processes.append(openbox)
        if _window_manager_ready(desktop, openbox):
            return desktop
    desktop.close()
    raise RuntimeError(f"openbox did not start: {openbox.stderr.read().decode()[-500:]}")


def _window_manager_ready(desktop: Desktop, openbox: subprocess.Popen) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and openbox.poll() is None:
        probe = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
            env=desktop.env,
            capture_output=True,
            text=True,
        )
        if "window id" in probe.stdout:
            return True
        time.sleep(0.05)
    return False
