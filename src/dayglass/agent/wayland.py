"""Wayland sessions: which desktop this is, its watcher, and what the agent cannot see there."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from dayglass.agent.observation import UnsupportedSession, Watcher
from dayglass.core.clock import Clock

X11_ON_WAYLAND = "DAYGLASS_AGENT_X11_ON_WAYLAND"
log = logging.getLogger(__name__)

# What each desktop's watcher cannot see, said once at start.
BLIND_SPOTS = {
    "gnome": "nothing beyond what the Dayglass Shell extension tells",
    "kde": "windows before the KWin script reports its first one",
    "wlroots": "the screen lock, unless a D-Bus screen saver service says it",
}


def is_wayland(env: Mapping[str, str]) -> bool:
    """Whether the desktop session is a Wayland one."""
    return env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))


def desktop_of(env: Mapping[str, str]) -> str:
    """gnome, kde or wlroots, from the session's variables; wlroots is also the default guess.

    A compositor that is none of them is found out by the globals it advertises: the wlroots
    watcher says which ones it misses.
    """
    desktops = {d.strip().lower() for d in env.get("XDG_CURRENT_DESKTOP", "").split(":")}
    if desktops & {"gnome", "gnome-classic", "ubuntu"}:
        return "gnome"
    if "kde" in desktops:
        return "kde"
    return "wlroots"


def open_wayland_watcher(clock: Clock, env: Mapping[str, str]) -> Watcher:
    """The watcher for this Wayland desktop, or UnsupportedSession saying what is missing."""
    desktop = desktop_of(env)
    try:
        watcher = _open(desktop, clock, env)
    except UnsupportedSession as failure:
        raise UnsupportedSession(unsupported_message(env, str(failure))) from failure
    log.info(
        "watching a Wayland %s desktop: %s; it cannot see %s",
        desktop,
        getattr(watcher, "sources", "?"),
        BLIND_SPOTS[desktop],
    )
    return watcher


def _open(desktop: str, clock: Clock, env: Mapping[str, str]) -> Watcher:
    if desktop == "gnome":
        from dayglass.agent.gnome import GnomeWatcher

        return GnomeWatcher(clock)
    if desktop == "kde":
        from dayglass.agent.kde import KdeWatcher

        return KdeWatcher(clock, env)
    from dayglass.agent.wlroots import WlrootsWatcher

    return WlrootsWatcher(clock, env)


def unsupported_message(env: Mapping[str, str], reason: str) -> str:
    """Why the agent does not record here, and what the user can do."""
    desktop = env.get("XDG_CURRENT_DESKTOP") or "unknown compositor"
    xwayland = (
        f"Apps running under XWayland can be watched through X11 (set {X11_ON_WAYLAND}=1), "
        "but native Wayland apps would be missed and idle time may be wrong."
        if env.get("DISPLAY")
        else "This session has no XWayland display either."
    )
    return (
        f"This is a Wayland session ({desktop}) and the agent cannot watch it: {reason}.\n"
        "Supported on Wayland: GNOME Shell with the Dayglass extension "
        "(`dayglass agent desktop-helpers`), KDE Plasma (KWin script, loaded by the agent), and "
        "wlroots compositors offering wlr-foreign-toplevel-management and an idle protocol "
        "(sway, Hyprland, river, labwc, Wayfire). X11 sessions (e.g. 'GNOME on Xorg', "
        "'Plasma (X11)', Xfce, i3) are watched as before.\n"
        f"{xwayland}"
    )
