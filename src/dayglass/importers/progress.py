"""How an import tells its caller how far it has come (a progress bar on a terminal)."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Receives the size of the work, then each step done."""

    def start(self, total: int, what: str) -> None:
        """The work has total steps, described by what."""

    def advance(self, steps: int = 1) -> None:
        """Steps more are done."""


class NoProgress:
    """Progress reported to no one."""

    def start(self, total: int, what: str) -> None:
        """Ignore the size."""

    def advance(self, steps: int = 1) -> None:
        """Ignore the step."""
