"""The Windows watcher: user32 and kernel32 through ctypes, no extra package."""

from __future__ import annotations

import ctypes
import ntpath
import sys
from typing import Any

from dayglass.agent.observation import Observation, UnsupportedSession
from dayglass.core.heartbeats import Sample

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
DESKTOP_SWITCHDESKTOP = 0x0100
MAX_PATH = 32_768


class LASTINPUTINFO(ctypes.Structure):
    """The Win32 LASTINPUTINFO structure."""

    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]


def _load_dlls() -> tuple[Any, Any]:
    if sys.platform != "win32":  # ctypes has WinDLL on Windows alone (and mypy knows it)
        raise UnsupportedSession("the Windows watcher runs only on Windows")
    return ctypes.WinDLL("user32", use_last_error=True), ctypes.WinDLL("kernel32")


class WindowsWatcher:
    """Polls the foreground window, its process, the last input and the input desktop."""

    def __init__(self, user32: Any = None, kernel32: Any = None) -> None:
        if user32 is None or kernel32 is None:
            user32, kernel32 = _load_dlls()
        self._user32 = user32
        self._kernel32 = kernel32

    def observe(self) -> Observation:
        """The foreground window's program and title, the idle time, the lock state."""
        return Observation(self._foreground(), self._idle_ms(), self._locked())

    def close(self) -> None:
        """Nothing to release."""

    def _foreground(self) -> Sample | None:
        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:
            return None
        length = self._user32.GetWindowTextLengthW(hwnd)
        title = ctypes.create_unicode_buffer(length + 1)
        self._user32.GetWindowTextW(hwnd, title, length + 1)
        pid = ctypes.c_ulong(0)
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        executable = self._executable(pid.value)
        return Sample(executable, title.value) if executable else None

    def _executable(self, pid: int) -> str:
        handle = self._kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return ""
        try:
            path = ctypes.create_unicode_buffer(MAX_PATH)
            size = ctypes.c_ulong(MAX_PATH)
            if not self._kernel32.QueryFullProcessImageNameW(handle, 0, path, ctypes.byref(size)):
                return ""
            return ntpath.basename(path.value)  # `Code.exe`: the catalog knows executables
        finally:
            self._kernel32.CloseHandle(handle)

    def _idle_ms(self) -> int:
        info = LASTINPUTINFO(ctypes.sizeof(LASTINPUTINFO), 0)
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            return 0
        return int(self._kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF  # the tick wraps

    def _locked(self) -> bool:
        """A locked session's input desktop is Winlogon's, which a user program cannot open."""
        desktop = self._user32.OpenInputDesktop(0, False, DESKTOP_SWITCHDESKTOP)
        if not desktop:
            return True
        try:
            return not self._user32.SwitchDesktop(desktop)
        finally:
            self._user32.CloseDesktop(desktop)
