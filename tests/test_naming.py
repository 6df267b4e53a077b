"""Naming events: sites from URLs, apps through the catalog's aliases."""

from dayglass.core.naming import name_event, site_of


def _canonical(app: str) -> str | None:
    return {"code": "Visual Studio Code", "code-oss": "Visual Studio Code"}.get(app.casefold())


def test_site_drops_www_and_keeps_a_non_default_port():
    assert site_of("https://www.nytimes.com/section/world") == "nytimes.com"
    assert site_of("http://localhost:8000/admin") == "localhost:8000"
    assert site_of("https://example.org:443/") == "example.org"
    assert site_of("github.com/dayglass") == "github.com"
    assert site_of("not a url at all") is None
    assert site_of("") is None
    assert site_of("http://[") is None and site_of("a[b") is None  # malformed IPv6 brackets


def test_a_url_names_the_site_and_the_page_title_is_the_document():
    naming = name_event("firefox", "World news", "https://www.nytimes.com/world", _canonical)
    assert (naming.activity, naming.document) == ("nytimes.com", "World news")


def test_a_page_without_title_uses_its_path():
    naming = name_event("firefox", "", "https://docs.python.org/3/library/", _canonical)
    assert naming.document == "/3/library/"


def test_app_aliases_become_one_activity_and_unknown_apps_keep_their_name():
    assert name_event("Code", "a.py", None, _canonical).activity == "Visual Studio Code"
    assert name_event("code-oss", "b.py", None, _canonical).activity == "Visual Studio Code"
    assert name_event("my-tool", "x", None, _canonical).activity == "my-tool"
    assert (
        name_event("code", "main.py - dayglass", None, _canonical).document == "main.py - dayglass"
    )


def test_a_malformed_url_names_the_app_instead():
    naming = name_event("firefox", "Page", "http://[::1", _canonical)
    assert (naming.activity, naming.document) == ("firefox", "Page")
