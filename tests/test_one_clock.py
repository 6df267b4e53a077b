"""Only the clock module reads the wall clock: everything else is handed a Clock."""

from __future__ import annotations

import re
from pathlib import Path

import dayglass

SOURCE = Path(dayglass.__file__).resolve().parent
CLOCK_MODULE = SOURCE / "core" / "clock.py"
# Wall-clock reads; monotonic timers that only measure a duration (Server-Timing) are fine.
WALL_CLOCK = re.compile(
    r"datetime\.(?:now|utcnow|today)\(|date\.today\(|time\.(?:time|time_ns|localtime|gmtime)\("
)


def test_nothing_but_the_clock_module_reads_the_time():
    readers = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path != CLOCK_MODULE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert readers == []


def test_the_pattern_finds_a_wall_clock_read():
    assert WALL_CLOCK.search("    stamp = datetime.now(UTC)")
    assert WALL_CLOCK.search("stamp = int(time.time() * 1000)")
    assert WALL_CLOCK.search("day = date.today()")
    assert not WALL_CLOCK.search("moment = clock.now()")
