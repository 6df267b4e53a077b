"""The README's Python client example runs as written against a live server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dayglass.core.clock import ManualClock

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## The Python client"


@pytest.fixture
def clock() -> ManualClock:
    """The day after the example's day, so its time is in the past."""
    return ManualClock.at_local("2026-11-21T09:00")


def example(readme: Path) -> str:
    """The first python code block of the README's client section."""
    text = readme.read_text(encoding="utf-8")
    assert SECTION in text, f"{readme} has no '{SECTION}' section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "the client section has no python example"
    return found.group(1)


def test_the_readme_example_runs(live_server, account):
    # DAYGLASS_CLIENT_README points at the section's draft before it is in the README.
    source = Path(os.environ.get("DAYGLASS_CLIENT_README", README))
    env = {**os.environ, "DAYGLASS_URL": live_server.url, "DAYGLASS_KEY": account.key}
    done = subprocess.run(
        [sys.executable, "-c", example(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert (
        lines[0]
        == "['Rank', 'Time Spent (seconds)', 'Number of People', 'Productivity'] [[1, 73, 1, 2]]"
    )
    assert "no such alert: " in lines[-1]
    highlights = live_server.services.highlights.highlights(account.user_id, None, None)
    assert [h.description for h in highlights] == ["Shipped the client"]
