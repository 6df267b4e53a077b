"""offline_time_post's parameters under every spelling clients send (wire-format.md section 8)."""

from __future__ import annotations

from dayglass.http.compat.rescuetime import params as p

# Each field of an offline entry, under the names RescueTime's clients use for it.
ALIASES: dict[str, tuple[str, ...]] = {
    "start_time": ("start_time", "activity_start_time"),
    "end_time": ("end_time", "activity_end_time"),
    "duration": ("duration",),
    "activity_name": ("activity_name", "activity_category"),
    "activity_details": ("activity_details",),
}


def offline_fields(params: p.RawParams) -> dict[str, object]:
    """An offline entry's fields from a request's parameters, under their canonical names."""
    return {field: p.value(params, names) for field, names in ALIASES.items()}
