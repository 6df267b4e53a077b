"""Wayland sessions: what the agent can and cannot do there, said plainly."""

from __future__ import annotations

from collections.abc import Mapping

X11_ON_WAYLAND = "DAYGLASS_AGENT_X11_ON_WAYLAND"


def is_wayland(env: Mapping[str, str]) -> bool:
    """Whether the desktop session is a Wayland one."""
    return env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))


def unsupported_message(env: Mapping[str, str]) -> str:
    """Why the agent does not record here, and what the user can do."""
    desktop = env.get("XDG_CURRENT_DESKTOP") or "unknown compositor"
    xwayland = (
        f"Apps running under XWayland can be watched through X11 (set {X11_ON_WAYLAND}=1), "
        "but native Wayland apps would be missed and idle time may be wrong."
        if env.get("DISPLAY")
        else "This session has no XWayland display either."
    )
    return (
        f"This is a Wayland session ({desktop}). Wayland does not let programs see which window "
        "has the focus, and each compositor offers this (if at all) in its own way.\n"
        "Supported: X11 sessions on Linux (e.g. 'GNOME on Xorg', 'Plasma (X11)', Xfce, i3), "
        "macOS and Windows.\n"
        "Not supported yet: native Wayland on GNOME (Mutter), KDE Plasma (KWin), and wlroots "
        "compositors (Sway, Hyprland).\n"
        f"{xwayland}\n"
        "To record this computer, log in to an X11 session."
    )
