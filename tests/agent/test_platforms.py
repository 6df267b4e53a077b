"""Other platforms at their OS boundary: pyobjc's and Win32's functions are faked here."""

from __future__ import annotations

import ctypes
from types import SimpleNamespace

import pytest

from dayglass.agent.macos import MacWatcher
from dayglass.agent.observation import Observation, UnsupportedSession
from dayglass.agent.platforms import open_watcher
from dayglass.agent.wayland import X11_ON_WAYLAND
from dayglass.agent.windows import WindowsWatcher
from dayglass.core.heartbeats import Sample


class FakeApp:
    """NSRunningApplication."""

    def localizedName(self) -> str:
        return "Safari"

    def bundleIdentifier(self) -> str:
        return "com.apple.Safari"

    def processIdentifier(self) -> int:
        return 42


def fake_quartz(locked: bool) -> SimpleNamespace:
    """The slice of Quartz the watcher uses, answering like macOS does."""
    windows = [
        {"kCGWindowOwnerPID": 7, "kCGWindowLayer": 0, "kCGWindowName": "Other app"},
        {"kCGWindowOwnerPID": 42, "kCGWindowLayer": 25, "kCGWindowName": "Menu bar item"},
        {"kCGWindowOwnerPID": 42, "kCGWindowLayer": 0, "kCGWindowName": "Apple – Start"},
    ]
    return SimpleNamespace(
        kCGEventSourceStateCombinedSessionState=0,
        kCGAnyInputEventType=0xFFFFFFFF,
        kCGWindowListOptionOnScreenOnly=1,
        kCGWindowListExcludeDesktopElements=16,
        kCGNullWindowID=0,
        CGEventSourceSecondsSinceLastEventType=lambda state, kind: 12.5,
        CGSessionCopyCurrentDictionary=lambda: {"CGSSessionScreenIsLocked": locked},
        CGWindowListCopyWindowInfo=lambda options, window: windows if options == 17 else [],
    )


def test_macos_watcher_reads_the_frontmost_app_its_window_idle_and_lock():
    workspace = SimpleNamespace(frontmostApplication=FakeApp)
    appkit = SimpleNamespace(NSWorkspace=SimpleNamespace(sharedWorkspace=lambda: workspace))
    seen = MacWatcher(appkit, fake_quartz(locked=False)).observe()
    assert seen == Observation(Sample("Safari", "Apple – Start"), 12_500, False)
    assert MacWatcher(appkit, fake_quartz(locked=True)).observe().locked


class FakeUser32:
    """user32.dll as a Win32 program sees it, filling the caller's buffers."""

    def __init__(self, foreground: int, locked: bool = False) -> None:
        self.foreground, self.locked, self.closed = foreground, locked, []

    def GetForegroundWindow(self) -> int:
        return self.foreground

    def GetWindowTextLengthW(self, hwnd: int) -> int:
        return len("Budget.xlsx - Excel")

    def GetWindowTextW(self, hwnd: int, buffer, size: int) -> int:
        buffer.value = "Budget.xlsx - Excel"[: size - 1]
        return len(buffer.value)

    def GetWindowThreadProcessId(self, hwnd: int, pid_ref) -> int:
        pid_ref._obj.value = 4321
        return 1

    def GetLastInputInfo(self, info_ref) -> int:
        info_ref._obj.dwTime = 0xFFFFF000  # just before the tick count wrapped
        return 1

    def OpenInputDesktop(self, flags: int, inherit: bool, access: int) -> int:
        return 0 if self.locked else 99

    def SwitchDesktop(self, desktop: int) -> int:
        return 1

    def CloseDesktop(self, desktop: int) -> int:
        self.closed.append(desktop)
        return 1


class FakeKernel32:
    """kernel32.dll."""

    def __init__(self) -> None:
        self.closed: list[int] = []

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        return 555 if pid == 4321 and access == 0x1000 else 0

    def QueryFullProcessImageNameW(self, handle: int, flags: int, path, size_ref) -> int:
        path.value = r"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE"
        size_ref._obj.value = len(path.value)
        return 1

    def CloseHandle(self, handle: int) -> int:
        self.closed.append(handle)
        return 1

    def GetTickCount(self) -> int:
        return 0x00000800  # wrapped: 0x1800 ms after the last input


def test_windows_watcher_reads_the_foreground_window_process_idle_and_lock():
    user32, kernel32 = FakeUser32(foreground=1001), FakeKernel32()
    seen = WindowsWatcher(user32, kernel32).observe()
    assert seen == Observation(Sample("EXCEL.EXE", "Budget.xlsx - Excel"), 0x1800, False)
    assert kernel32.closed == [555] and user32.closed == [99]
    locked = WindowsWatcher(FakeUser32(foreground=0, locked=True), kernel32).observe()
    assert locked.sample is None and locked.locked
    with pytest.raises(UnsupportedSession, match="only on Windows"):
        WindowsWatcher()  # this is Linux: no user32 to load


def test_wayland_is_refused_with_a_clear_message(manual_clock):
    env = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME", "DISPLAY": ":0"}
    with pytest.raises(UnsupportedSession) as refused:
        open_watcher(manual_clock, env, platform="linux")
    message = refused.value.message
    assert "Wayland session (GNOME)" in message and "X11 sessions" in message
    assert X11_ON_WAYLAND in message  # XWayland is offered, with its limits said
    with pytest.raises(UnsupportedSession, match="DISPLAY is not set"):
        open_watcher(manual_clock, {}, platform="linux")


def test_x11_is_chosen_on_an_x_session_and_xwayland_on_request(desktop, manual_clock):
    for env in (
        {"DISPLAY": desktop.display},
        {"WAYLAND_DISPLAY": "wayland-0", X11_ON_WAYLAND: "1", "DISPLAY": desktop.display},
    ):
        watcher = open_watcher(manual_clock, env, platform="linux")
        try:
            assert watcher.observe().idle_ms >= 0
        finally:
            watcher.close()
    assert ctypes.sizeof(ctypes.c_uint) == 4
