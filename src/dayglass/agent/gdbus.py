"""Calling a D-Bus method on the session bus through `gdbus` (part of GLib, on every desktop)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence

Runner = Callable[[Sequence[str]], str]


class DbusCallFailed(Exception):
    """The call failed: no session bus, no such service, or the service said no."""


def run_gdbus(argv: Sequence[str]) -> str:
    """Run a gdbus command line and return what it printed."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DbusCallFailed(str(error)) from error
    if done.returncode != 0:
        raise DbusCallFailed(done.stderr.strip() or f"gdbus exited with {done.returncode}")
    return done.stdout


def call(destination: str, path: str, method: str, *args: str, runner: Runner = run_gdbus) -> str:
    """Call destination's method at path with args in GVariant text; the reply as text."""
    argv = ["gdbus", "call", "--session", "--dest", destination, "--object-path", path]
    return runner([*argv, "--method", method, *args])
