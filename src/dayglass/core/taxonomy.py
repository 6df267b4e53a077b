"""The category taxonomy: overviews, their sub-categories and catalog entries."""

from __future__ import annotations

from dataclasses import dataclass, field

UNCATEGORIZED = "Uncategorized"


@dataclass(frozen=True, slots=True)
class SubCategory:
    """A RescueTime "category": belongs to one overview and has a default productivity."""

    name: str
    overview: str
    productivity: int


@dataclass(frozen=True, slots=True)
class Overview:
    """A top-level category; `key` is its name in daily summaries (`software_development`)."""

    name: str
    key: str
    sub_categories: tuple[SubCategory, ...]


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A known application or website and the sub-category it belongs to."""

    name: str
    kind: str  # "app" or "site"
    category: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The built-in catalog: the taxonomy and the known applications and websites."""

    overviews: tuple[Overview, ...]
    entries: tuple[CatalogEntry, ...]
    _sub_categories: dict[str, SubCategory] = field(init=False, repr=False)
    _by_name: dict[str, CatalogEntry] = field(init=False, repr=False)
    _app_aliases: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        subs = {s.name: s for o in self.overviews for s in o.sub_categories}
        by_name: dict[str, CatalogEntry] = {}
        aliases: dict[str, str] = {}
        for entry in self.entries:
            by_name[entry.name.casefold()] = entry
            if entry.kind == "app":
                for alias in (entry.name, *entry.aliases):
                    aliases[alias.casefold()] = entry.name
        object.__setattr__(self, "_sub_categories", subs)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_app_aliases", aliases)

    def sub_category(self, name: str) -> SubCategory | None:
        """The sub-category called name, if there is one."""
        return self._sub_categories.get(name)

    def sub_categories(self) -> tuple[SubCategory, ...]:
        """Every sub-category, in catalog order."""
        return tuple(self._sub_categories.values())

    def canonical_app(self, app: str) -> str | None:
        """The activity name of a known application, from any of its aliases."""
        return self._app_aliases.get(app.strip().casefold())

    def entry_for(self, activity: str) -> CatalogEntry | None:
        """The catalog entry of an activity; a site falls back to its parent domains."""
        key = activity.casefold()
        entry = self._by_name.get(key)
        while entry is None and "." in key:
            key = key.split(".", 1)[1]
            if "." not in key:
                break
            entry = self._by_name.get(key)
        return entry
