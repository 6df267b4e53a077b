"""Which window apps are the browser a web-watcher bucket watches."""

from __future__ import annotations

# The names window watchers report for each browser (Linux WM_CLASS, macOS names, Windows exes).
BROWSER_APPS: dict[str, frozenset[str]] = {
    "chrome": frozenset(
        {
            "google-chrome",
            "google-chrome-stable",
            "google-chrome-beta",
            "google chrome",
            "chrome.exe",
            "chromium",
            "chromium-browser",
            "chromium.exe",
        }
    ),
    "firefox": frozenset(
        {
            "firefox",
            "firefox.exe",
            "firefox-esr",
            "firefox developer edition",
            "firefox beta",
            "nightly",
            "org.mozilla.firefox",
            "librewolf",
        }
    ),
    "edge": frozenset({"microsoft-edge", "microsoft edge", "msedge.exe", "msedge"}),
    "brave": frozenset({"brave-browser", "brave browser", "brave.exe"}),
    "opera": frozenset({"opera", "opera.exe"}),
    "vivaldi": frozenset({"vivaldi", "vivaldi-stable", "vivaldi.exe"}),
    "arc": frozenset({"arc"}),
    "safari": frozenset({"safari"}),
}
ANY_BROWSER = frozenset().union(*BROWSER_APPS.values())


def browser_apps(bucket_id: str) -> frozenset[str]:
    """The window apps of the browser in a bucket id like `aw-watcher-web-firefox_laptop`."""
    name = bucket_id.removeprefix("aw-watcher-web-").split("_", 1)[0].casefold()
    return BROWSER_APPS.get(name, ANY_BROWSER)


def is_browser(app: str, apps: frozenset[str]) -> bool:
    """Whether a window's app is one of the browser's names."""
    return app.strip().casefold() in apps
