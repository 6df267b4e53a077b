"""CSV cells a spreadsheet cannot run: OWASP's defence against CSV (formula) injection."""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralized(cell: object) -> object:
    """A text cell starting as a formula would, with a single quote before it; others as they are.

    Numbers are left alone (a productivity of -2 stays a number); text such as a window title
    `=HYPERLINK(...)` or `-1+1` is shown, not evaluated.
    """
    if isinstance(cell, str) and cell.startswith(_TRIGGERS):
        return "'" + cell
    return cell
