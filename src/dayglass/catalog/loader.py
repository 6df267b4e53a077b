"""Load and validate the built-in catalog from its TOML data files."""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeGuard

from dayglass.core.productivity import is_productivity
from dayglass.core.taxonomy import (
    UNCATEGORIZED,
    Catalog,
    CatalogEntry,
    Overview,
    SubCategory,
)

CATEGORIES_FILE = "categories.toml"
APPS_FILE = "apps.toml"
SITES_FILE = "sites.toml"

_OVERVIEW_FIELDS = frozenset({"name", "key", "sub_category"})
_SUB_CATEGORY_FIELDS = frozenset({"name", "productivity"})
_APP_FIELDS = frozenset({"name", "category", "aliases"})
_SITE_FIELDS = frozenset({"name", "category"})


class CatalogError(ValueError):
    """The catalog data is malformed; the message names the file and the entry."""


class _Unique:
    """Names already used, compared case-insensitively, with where each was first seen."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._seen: dict[str, str] = {}

    def claim(self, name: str, where: str) -> None:
        """Record name, or raise CatalogError if it is already taken."""
        key = name.casefold()
        if key in self._seen:
            raise CatalogError(f"{where}: duplicate {self._what} {name!r} (see {self._seen[key]})")
        self._seen[key] = where


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Read and validate the three catalog files in data_dir (the packaged data by default)."""
    directory: Traversable = data_dir if data_dir is not None else _packaged_data()
    overviews = _parse_overviews(_read(directory, CATEGORIES_FILE))
    subs = {s.name: s for o in overviews for s in o.sub_categories}
    names = _Unique("entry name")
    apps = _parse_apps(_read(directory, APPS_FILE), subs, names)
    sites = _parse_sites(_read(directory, SITES_FILE), subs, names)
    return Catalog(overviews=overviews, entries=(*apps, *sites))


@functools.cache
def builtin_catalog() -> Catalog:
    """The catalog shipped with Dayglass, loaded once."""
    return load_catalog()


def _packaged_data() -> Traversable:
    return resources.files("dayglass.catalog").joinpath("data")


def _read(directory: Traversable, filename: str) -> dict[str, Any]:
    try:
        text = directory.joinpath(filename).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{filename}: cannot read: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{filename}: invalid TOML: {exc}") from exc


# -- categories.toml ------------------------------------------------------------------------


def _parse_overviews(data: Mapping[str, Any]) -> tuple[Overview, ...]:
    overview_names, keys = _Unique("overview name"), _Unique("overview key")
    sub_names = _Unique("sub-category name")
    overviews = []
    for where, item in _tables(data, "overview", CATEGORIES_FILE, _OVERVIEW_FIELDS):
        name = _text(item, "name", where)
        key = _text(item, "key", where)
        overview_names.claim(name, where)
        keys.claim(key, where)
        subs = tuple(_parse_sub_categories(item, name, where, sub_names))
        overviews.append(Overview(name=name, key=key, sub_categories=subs))
    _check_uncategorized(overviews)
    return tuple(overviews)


def _parse_sub_categories(
    overview: Mapping[str, Any], overview_name: str, where: str, names: _Unique
) -> Iterator[SubCategory]:
    items = _required(overview, "sub_category", where)
    if not isinstance(items, list) or not items:
        raise CatalogError(f"{where}: needs at least one [[overview.sub_category]]")
    for index, item in enumerate(items, start=1):
        sub_where = _label(f"{where}, sub_category #{index}", item)
        _check_table(item, sub_where, _SUB_CATEGORY_FIELDS)
        name = _text(item, "name", sub_where)
        names.claim(name, sub_where)
        yield SubCategory(name=name, overview=overview_name, productivity=_level(item, sub_where))


def _level(item: Mapping[str, Any], where: str) -> int:
    value = _required(item, "productivity", where)
    if not is_productivity(value):
        raise CatalogError(f"{where}: productivity must be an integer from -2 to 2, not {value!r}")
    return int(value)


def _check_uncategorized(overviews: list[Overview]) -> None:
    for overview in overviews:
        if overview.name == UNCATEGORIZED:
            if any(s.name == UNCATEGORIZED for s in overview.sub_categories):
                return
            break
    raise CatalogError(
        f"{CATEGORIES_FILE}: needs an overview {UNCATEGORIZED!r} "
        f"with a sub-category {UNCATEGORIZED!r}"
    )


# -- apps.toml and sites.toml ---------------------------------------------------------------


def _parse_apps(
    data: Mapping[str, Any], subs: Mapping[str, SubCategory], names: _Unique
) -> list[CatalogEntry]:
    aliases = _Unique("application name or alias")
    entries = []
    for where, item in _tables(data, "app", APPS_FILE, _APP_FIELDS):
        entry = _entry(item, "app", where, subs, names)
        entry = dataclasses.replace(entry, aliases=_aliases(item, where))
        for alias in (entry.name, *entry.aliases):
            aliases.claim(alias, where)
        entries.append(entry)
    return entries


def _parse_sites(
    data: Mapping[str, Any], subs: Mapping[str, SubCategory], names: _Unique
) -> list[CatalogEntry]:
    entries = []
    for where, item in _tables(data, "site", SITES_FILE, _SITE_FIELDS):
        entry = _entry(item, "site", where, subs, names)
        _check_host(entry.name, where)
        entries.append(entry)
    return entries


def _entry(
    item: Mapping[str, Any],
    kind: str,
    where: str,
    subs: Mapping[str, SubCategory],
    names: _Unique,
) -> CatalogEntry:
    name = _text(item, "name", where)
    category = _text(item, "category", where)
    if category not in subs:
        raise CatalogError(f"{where}: unknown sub-category {category!r}")
    names.claim(name, where)
    return CatalogEntry(name=name, kind=kind, category=category)


def _aliases(item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = _required(item, "aliases", where)
    if not isinstance(value, list) or not all(_is_text(a) for a in value):
        raise CatalogError(f"{where}: aliases must be a list of non-empty strings")
    return tuple(value)


def _check_host(name: str, where: str) -> None:
    bad = name != name.lower() or name.startswith("www.") or "." not in name
    if bad or any(c in name for c in "/: "):
        raise CatalogError(f"{where}: a site is a lower-case host name without 'www.'")


# -- generic TOML shape checks --------------------------------------------------------------


def _tables(
    data: Mapping[str, Any], table: str, filename: str, fields: frozenset[str]
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    items = data.get(table)
    if not isinstance(items, list) or not items:
        raise CatalogError(f"{filename}: needs at least one [[{table}]] table")
    for index, item in enumerate(items, start=1):
        where = _label(f"{filename}: {table} #{index}", item)
        _check_table(item, where, fields)
        yield where, item


def _label(where: str, item: object) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return f"{where} ({name!r})" if isinstance(name, str) else where


def _check_table(item: object, where: str, fields: frozenset[str]) -> None:
    if not isinstance(item, dict):
        raise CatalogError(f"{where}: must be a table")
    unknown = sorted(set(item) - fields)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _required(item: Mapping[str, Any], field: str, where: str) -> Any:
    if field not in item:
        raise CatalogError(f"{where}: missing field {field!r}")
    return item[field]


def _text(item: Mapping[str, Any], field: str, where: str) -> str:
    value = _required(item, field, where)
    if not _is_text(value):
        raise CatalogError(f"{where}: {field} must be a non-empty string, not {value!r}")
    return value


def _is_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.strip() == value and value != ""
