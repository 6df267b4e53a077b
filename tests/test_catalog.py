"""The built-in catalog loads, matches the RescueTime taxonomy and rejects bad data."""

from __future__ import annotations

from pathlib import Path

import pytest

from dayglass.catalog.loader import CatalogError, builtin_catalog, load_catalog
from dayglass.core.taxonomy import Catalog

# wire-format.md section 10, in catalog order: (overview, daily-summary key, sub-categories).
TAXONOMY = [
    ("Uncategorized", "uncategorized", ["Uncategorized"]),
    (
        "Business",
        "business",
        [
            "Accounting",
            "Administration",
            "Customer Relations",
            "General Business",
            "Intelligence",
            "Marketing",
            "Operations",
            "Project Management",
            "Sales",
        ],
    ),
    (
        "Communication & Scheduling",
        "communication_and_scheduling",
        [
            "Calendars",
            "Email",
            "General Communication & Scheduling",
            "Instant Message",
            "Meetings",
            "Voice Chat",
        ],
    ),
    (
        "Social Networking",
        "social_networking",
        ["General Social Networking", "Professional Networking"],
    ),
    (
        "Design & Composition",
        "design_and_composition",
        ["General Design & Composition", "Graphic Design", "Presentation", "Writing"],
    ),
    (
        "Entertainment",
        "entertainment",
        ["Games", "Comedy", "General Entertainment", "Music", "Photos", "Video"],
    ),
    (
        "News & Opinion",
        "news",
        [
            "Business",
            "General News & Opinion",
            "Regional",
            "Entertainment",
            "International",
            "Science & Technology",
            "Sports",
            "Society",
        ],
    ),
    (
        "Software Development",
        "software_development",
        [
            "Data Modeling & Analysis",
            "Design & Planning",
            "Editing & IDEs",
            "General Software Development",
            "Quality Assurance",
            "Systems Operations",
        ],
    ),
    (
        "Reference & Learning",
        "reference_and_learning",
        [
            "Business & Finance",
            "Employment",
            "Engineering & Technology",
            "Food",
            "General Reference & Learning",
            "Health & Medicine",
            "Home & Garden",
            "Legal & Gov't",
            "Maps & Regional",
            "Search",
            "Travel & Outdoors",
        ],
    ),
    ("Shopping", "shopping", ["Clothes & Personal", "Electronics", "General Shopping", "Office"]),
    (
        "Utilities",
        "utilities",
        [
            "Anti-Virus & Spyware",
            "Browsers",
            "File Sharing",
            "General Utilities",
            "Internet Utilities",
            "Virtualization",
            "Other",
        ],
    ),
]

# Productivity levels observed in recorded RescueTime data (wire-format.md section 10).
OBSERVED_LEVELS = {
    "Editing & IDEs": 2,
    "General Software Development": 2,
    "Systems Operations": 2,
    "Engineering & Technology": 2,
    "Design & Planning": 2,
    "Writing": 2,
    "Search": 1,
    "General Utilities": 1,
    "Intelligence": 1,
    "Uncategorized": 0,
    "Browsers": 0,
    "Email": 0,
    "General News & Opinion": -2,
    "General Entertainment": -2,
    "Games": -2,
    "Music": -2,
    "Video": -2,
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return builtin_catalog()


# -- the shipped catalog --------------------------------------------------------------------


def test_builtin_catalog_is_loaded_once(catalog: Catalog) -> None:
    assert builtin_catalog() is catalog


def test_packaged_data_equals_an_explicit_load(catalog: Catalog) -> None:
    assert load_catalog() == catalog


def test_overviews_and_sub_categories_follow_the_wire_format(catalog: Catalog) -> None:
    actual = [(o.name, o.key, [s.name for s in o.sub_categories]) for o in catalog.overviews]
    assert actual == TAXONOMY


def test_sub_categories_know_their_overview(catalog: Catalog) -> None:
    for overview in catalog.overviews:
        for sub in overview.sub_categories:
            assert sub.overview == overview.name
            assert catalog.sub_category(sub.name) == sub


def test_news_sub_categories_share_names_with_overviews(catalog: Catalog) -> None:
    business = catalog.sub_category("Business")
    entertainment = catalog.sub_category("Entertainment")
    assert business is not None and business.overview == "News & Opinion"
    assert entertainment is not None and entertainment.overview == "News & Opinion"


def test_productivity_defaults_are_levels(catalog: Catalog) -> None:
    for sub in catalog.sub_categories():
        assert type(sub.productivity) is int and -2 <= sub.productivity <= 2


@pytest.mark.parametrize(("name", "level"), sorted(OBSERVED_LEVELS.items()))
def test_observed_productivity_levels(catalog: Catalog, name: str, level: int) -> None:
    sub = catalog.sub_category(name)
    assert sub is not None and sub.productivity == level


def test_catalog_has_enough_entries(catalog: Catalog) -> None:
    apps = [e for e in catalog.entries if e.kind == "app"]
    sites = [e for e in catalog.entries if e.kind == "site"]
    assert len(apps) >= 300
    assert len(sites) >= 300
    assert len(catalog.entries) >= 500


def test_every_entry_has_a_known_category(catalog: Catalog) -> None:
    for entry in catalog.entries:
        assert catalog.sub_category(entry.category) is not None, entry


def test_app_names_and_aliases_are_unique(catalog: Catalog) -> None:
    seen: set[str] = set()
    for entry in catalog.entries:
        if entry.kind == "app":
            names = {a.casefold() for a in (entry.name, *entry.aliases)}
            assert not names & seen, entry.name
            seen |= names


@pytest.mark.parametrize("alias", ["code", "Code", "code-oss", "CODIUM", " code.exe "])
def test_vs_code_aliases(catalog: Catalog, alias: str) -> None:
    assert catalog.canonical_app(alias) == "Visual Studio Code"


@pytest.mark.parametrize(
    ("alias", "app"),
    [
        ("Navigator", "Firefox"),
        ("firefox-esr", "Firefox"),
        ("Google-chrome", "Google Chrome"),
        ("chrome.exe", "Google Chrome"),
        ("gnome-terminal-server", "GNOME Terminal"),
        ("slack", "Slack"),
    ],
)
def test_common_aliases(catalog: Catalog, alias: str, app: str) -> None:
    assert catalog.canonical_app(alias) == app


def test_unknown_app_has_no_canonical_name(catalog: Catalog) -> None:
    assert catalog.canonical_app("no-such-program-xyz") is None


def test_subdomain_falls_back_to_parent(catalog: Catalog) -> None:
    entry = catalog.entry_for("gist.github.com")
    assert entry is not None
    assert entry.name == "github.com"
    assert entry.category == "General Software Development"


@pytest.mark.parametrize(
    ("site", "category"),
    [
        ("mail.google.com", "Email"),
        ("google.com", "Search"),
        ("calendar.google.com", "Calendars"),
        ("docs.google.com", "Writing"),
        ("meet.google.com", "Meetings"),
        ("www.google.com", "Search"),
    ],
)
def test_google_hosts(catalog: Catalog, site: str, category: str) -> None:
    entry = catalog.entry_for(site)
    assert entry is not None and entry.category == category


def test_sites_are_lower_case_hosts(catalog: Catalog) -> None:
    for entry in catalog.entries:
        if entry.kind == "site":
            assert entry.name == entry.name.lower()
            assert not entry.name.startswith("www.")


# -- validation -----------------------------------------------------------------------------

CATEGORIES = """
[[overview]]
name = "Uncategorized"
key = "uncategorized"
[[overview.sub_category]]
name = "Uncategorized"
productivity = 0

[[overview]]
name = "Software Development"
key = "software_development"
[[overview.sub_category]]
name = "Editing & IDEs"
productivity = 2
"""

APPS = """
[[app]]
name = "Visual Studio Code"
category = "Editing & IDEs"
aliases = ["code", "code-oss"]
"""

SITES = """
[[site]]
name = "github.com"
category = "Editing & IDEs"
"""


def write_data(
    directory: Path, categories: str = CATEGORIES, apps: str = APPS, sites: str = SITES
) -> Path:
    (directory / "categories.toml").write_text(categories, encoding="utf-8")
    (directory / "apps.toml").write_text(apps, encoding="utf-8")
    (directory / "sites.toml").write_text(sites, encoding="utf-8")
    return directory


def app(name: str, category: str = "Editing & IDEs", aliases: str = "[]") -> str:
    return f'\n[[app]]\nname = "{name}"\ncategory = "{category}"\naliases = {aliases}\n'


def site(name: str, category: str = "Editing & IDEs") -> str:
    return f'\n[[site]]\nname = "{name}"\ncategory = "{category}"\n'


def sub_category(name: str, productivity: str = "1") -> str:
    return f'\n[[overview.sub_category]]\nname = "{name}"\nproductivity = {productivity}\n'


def test_minimal_data_dir_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write_data(tmp_path))
    assert [o.name for o in catalog.overviews] == ["Uncategorized", "Software Development"]
    assert catalog.canonical_app("Code-OSS") == "Visual Studio Code"
    entry = catalog.entry_for("gist.github.com")
    assert entry is not None and entry.name == "github.com"


BAD_DATA = {
    "unknown app category": (
        {"apps": APPS + app("Vim", "Text Editing")},
        ["apps.toml", "'Vim'", "unknown sub-category 'Text Editing'"],
    ),
    "unknown site category": (
        {"sites": SITES + site("gitlab.com", "Coding")},
        ["sites.toml", "'gitlab.com'", "unknown sub-category 'Coding'"],
    ),
    "productivity too high": (
        {"categories": CATEGORIES + sub_category("Quality Assurance", "3")},
        ["categories.toml", "'Quality Assurance'", "productivity"],
    ),
    "productivity too low": (
        {"categories": CATEGORIES + sub_category("Quality Assurance", "-3")},
        ["categories.toml", "'Quality Assurance'", "productivity"],
    ),
    "productivity as text": (
        {"categories": CATEGORIES + sub_category("Quality Assurance", '"2"')},
        ["categories.toml", "'Quality Assurance'", "productivity"],
    ),
    "productivity as float": (
        {"categories": CATEGORIES + sub_category("Quality Assurance", "1.0")},
        ["categories.toml", "'Quality Assurance'", "productivity"],
    ),
    "productivity as boolean": (
        {"categories": CATEGORIES + sub_category("Quality Assurance", "true")},
        ["categories.toml", "'Quality Assurance'", "productivity"],
    ),
    "duplicate sub-category": (
        {"categories": CATEGORIES + sub_category("editing & ides")},
        ["categories.toml", "duplicate sub-category name 'editing & ides'"],
    ),
    "duplicate overview": (
        {
            "categories": CATEGORIES
            + '\n[[overview]]\nname = "SOFTWARE DEVELOPMENT"\nkey = "dev"\n'
            + sub_category("Quality Assurance")
        },
        ["categories.toml", "duplicate overview name 'SOFTWARE DEVELOPMENT'"],
    ),
    "duplicate overview key": (
        {
            "categories": CATEGORIES
            + '\n[[overview]]\nname = "Development"\nkey = "software_development"\n'
            + sub_category("Quality Assurance")
        },
        ["categories.toml", "'Development'", "duplicate overview key"],
    ),
    "duplicate app name": (
        {"apps": APPS + app("visual studio code")},
        ["apps.toml", "duplicate entry name 'visual studio code'"],
    ),
    "duplicate alias": (
        {"apps": APPS + app("VSCodium", aliases='["Code-OSS"]')},
        ["apps.toml", "'VSCodium'", "duplicate application name or alias 'Code-OSS'"],
    ),
    "alias is another app's name": (
        {"apps": APPS + app("Editor", aliases='["Visual Studio CODE"]')},
        ["apps.toml", "'Editor'", "duplicate application name or alias"],
    ),
    "app name is another app's alias": (
        {"apps": APPS + app("CODE")},
        ["apps.toml", "'CODE'", "duplicate application name or alias"],
    ),
    "alias repeats its own name": (
        {"apps": app("Vim", aliases='["vim"]')},
        ["apps.toml", "'Vim'", "duplicate application name or alias 'vim'"],
    ),
    "duplicate site": (
        {"sites": SITES + site("GitHub.com")},
        ["sites.toml", "duplicate entry name 'GitHub.com'"],
    ),
    "site named like an app": (
        {"apps": APPS + app("example.com"), "sites": SITES + site("example.com")},
        ["sites.toml", "duplicate entry name 'example.com'"],
    ),
    "site with www": (
        {"sites": SITES + site("www.example.com")},
        ["sites.toml", "'www.example.com'"],
    ),
    "app without category": (
        {"apps": APPS + '\n[[app]]\nname = "Vim"\naliases = []\n'},
        ["apps.toml", "'Vim'", "missing field 'category'"],
    ),
    "app without aliases": (
        {"apps": APPS + '\n[[app]]\nname = "Vim"\ncategory = "Editing & IDEs"\n'},
        ["apps.toml", "'Vim'", "missing field 'aliases'"],
    ),
    "app without name": (
        {"apps": APPS + '\n[[app]]\ncategory = "Editing & IDEs"\naliases = []\n'},
        ["apps.toml", "app #2", "missing field 'name'"],
    ),
    "site without name": (
        {"sites": SITES + '\n[[site]]\ncategory = "Editing & IDEs"\n'},
        ["sites.toml", "site #2", "missing field 'name'"],
    ),
    "overview without key": (
        {"categories": CATEGORIES + '\n[[overview]]\nname = "Business"\n' + sub_category("Sales")},
        ["categories.toml", "'Business'", "missing field 'key'"],
    ),
    "sub-category without productivity": (
        {"categories": CATEGORIES + '\n[[overview.sub_category]]\nname = "Quality Assurance"\n'},
        ["categories.toml", "'Quality Assurance'", "missing field 'productivity'"],
    ),
    "overview without sub-categories": (
        {"categories": CATEGORIES + '\n[[overview]]\nname = "Business"\nkey = "business"\n'},
        ["categories.toml", "'Business'", "sub_category"],
    ),
    "no Uncategorized overview": (
        {"categories": CATEGORIES.replace('name = "Uncategorized"\nkey', 'name = "Other"\nkey')},
        ["categories.toml", "'Uncategorized'"],
    ),
    "Uncategorized without its sub-category": (
        {
            "categories": CATEGORIES.replace(
                '"Uncategorized"\nproductivity', '"Unsorted"\nproductivity'
            )
        },
        ["categories.toml", "'Uncategorized'"],
    ),
    "unknown field": (
        {"apps": APPS + app("Vim") + "productivity = 2\n"},
        ["apps.toml", "'Vim'", "unknown field(s) productivity"],
    ),
    "empty alias": (
        {"apps": APPS + app("Vim", aliases='["vi", ""]')},
        ["apps.toml", "'Vim'", "aliases"],
    ),
    "invalid TOML": ({"sites": "[[site]\n"}, ["sites.toml", "invalid TOML"]),
}


@pytest.mark.parametrize(("files", "fragments"), BAD_DATA.values(), ids=BAD_DATA.keys())
def test_bad_data_is_rejected(tmp_path: Path, files: dict[str, str], fragments: list[str]) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(write_data(tmp_path, **files))
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_catalog_error_is_a_value_error() -> None:
    assert issubclass(CatalogError, ValueError)


def test_missing_file_is_a_catalog_error(tmp_path: Path) -> None:
    write_data(tmp_path)
    (tmp_path / "sites.toml").unlink()
    with pytest.raises(CatalogError, match=r"sites\.toml: cannot read"):
        load_catalog(tmp_path)
