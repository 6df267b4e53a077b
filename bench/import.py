"""Import benchmark: one person's synthetic year as an ActivityWatch export, then a Dayglass export.

1. Writes an aw-server export (`GET /api/0/export` shape, newest first per bucket) of the year of
   bench/synthetic.py: each event a window event, not-AFK spans broken by a lunch break and a
   few short absences, and a browser tab event for every firefox window event.
2. `dayglass import activitywatch FILE` into a fresh SQLite server, as a real process: window
   events per second end to end (process start included) and the process's peak RSS.
3. `dayglass export` of the imported year, and `dayglass import dayglass` of it into another
   fresh server: events per second and peak RSS of each.

Run: .venv/bin/python bench/import.py [--days 365] [--profile FILE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

import ijson
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import synthetic_year

HOST = "bench-host"
EMAIL = "bench@example.org"
LUNCH = (timedelta(hours=3, minutes=30), timedelta(hours=4, minutes=15))  # after the day starts


def _aw_event(start: datetime, seconds: float, data: dict) -> dict:
    return {"timestamp": start.isoformat(), "duration": seconds, "data": data}


def _afk_events(events: list[dict]) -> Iterator[dict]:
    """Not-AFK spans covering each day's events, with a lunch break and hourly 2-minute pauses."""
    by_day: dict[str, list[dict]] = {}
    for event in events:
        by_day.setdefault(event["start"][:10], []).append(event)
    for day_events in by_day.values():
        first = datetime.fromisoformat(day_events[0]["start"])
        last = day_events[-1]
        end = datetime.fromisoformat(last["start"]) + timedelta(seconds=last["duration"])
        at = first
        breaks = [(first + LUNCH[0], first + LUNCH[1])]
        breaks += [
            (first + timedelta(hours=h), first + timedelta(hours=h, minutes=2))
            for h in (1, 2, 6, 7)
        ]
        for low, high in sorted(breaks):
            yield _aw_event(at, (low - at).total_seconds(), {"status": "not-afk"})
            yield _aw_event(low, (high - low).total_seconds(), {"status": "afk"})
            at = high
        if end > at:
            yield _aw_event(at, (end - at).total_seconds(), {"status": "not-afk"})


def _bucket(out: IO[bytes], name: str, type_: str, events: list[dict], first: bool) -> None:
    head = {
        "id": name,
        "type": type_,
        "hostname": HOST,
        "client": "bench",
        "created": "2025-01-01T00:00:00+00:00",
    }
    out.write(b"" if first else b",")
    out.write(orjson.dumps(name) + b":" + orjson.dumps(head)[:-1] + b',"events":[')
    for n, event in enumerate(reversed(events)):  # aw-server lists the newest first
        out.write((b"," if n else b"") + orjson.dumps(event))
    out.write(b"]}")


def write_export(path: Path, days: int) -> int:
    """Write the year as an aw-server export; the number of window events."""
    events = list(synthetic_year(days=days))
    windows = [
        _aw_event(
            datetime.fromisoformat(e["start"]),
            e["duration"],
            {"app": e["app"], "title": e["title"]},
        )
        for e in events
    ]
    tabs = [
        _aw_event(
            datetime.fromisoformat(e["start"]),
            e["duration"],
            {"url": e["url"], "title": e["title"], "audible": False, "incognito": False},
        )
        for e in events
        if e["url"]
    ]
    afk = list(_afk_events(events))
    with path.open("wb") as out:
        out.write(b'{"buckets":{')
        _bucket(out, f"aw-watcher-window_{HOST}", "currentwindow", windows, True)
        _bucket(out, f"aw-watcher-afk_{HOST}", "afkstatus", afk, False)
        _bucket(out, f"aw-watcher-web-firefox_{HOST}", "web.tab.current", tabs, False)
        out.write(b"}}")
    print(
        f"export file:         {len(windows):,} window, {len(afk):,} AFK, "
        f"{len(tabs):,} tab events, {path.stat().st_size / 1e6:.1f} MB"
    )
    return len(windows)


def _window_events(path: Path) -> Iterator[object]:
    """The export file's window events, counted without holding them."""
    with path.open("rb") as stream:
        yield from ijson.items(stream, f"buckets.aw-watcher-window_{HOST}.events.item")


def dayglass(
    data_dir: Path, *args: str, stdin: str = "", profile: Path | None = None
) -> tuple[float, float]:
    """Run `dayglass ARGS` on data_dir as a real process: (seconds, its peak RSS in MB)."""
    env = {**os.environ, "DAYGLASS_DATA_DIR": str(data_dir)}
    env.pop("DAYGLASS_DATABASE_URL", None)
    command = [sys.executable, "-m", "dayglass", *args]
    if profile is not None:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    with tempfile.TemporaryFile("w+") as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stderr=err, text=True)
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
        _, status, usage = os.wait4(process.pid, 0)  # reaped here, with its resource usage
        elapsed = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        said = err.read().strip()
    if process.returncode != 0:
        raise SystemExit(f"dayglass {' '.join(args)} failed:\n{said}")
    if said:
        print(f"  dayglass {' '.join(args[:2])}: {said.splitlines()[-1]}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument(
        "--profile", type=Path, help="write a cProfile of the ActivityWatch import here"
    )
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write_export(args.write, args.days)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export_file = folder / "aw-export.json"
        # Written by a child: children inherit their parent's peak RSS, so it stays small here.
        writer = [sys.executable, __file__, "--days", str(args.days), "--write", str(export_file)]
        subprocess.run(writer, check=True)
        windows = sum(1 for _ in _window_events(export_file))
        first, second = folder / "first", folder / "second"
        for data_dir in (first, second):
            dayglass(
                data_dir,
                "user",
                "add",
                EMAIL,
                "--timezone",
                "Europe/Berlin",
                "--password-stdin",
                stdin="benchmark\n",
            )
        seconds, aw_peak = dayglass(
            first,
            "import",
            "activitywatch",
            str(export_file),
            "--user",
            EMAIL,
            profile=args.profile,
        )
        print(
            f"activitywatch file:  {windows / seconds:,.0f} window events/s end to end "
            f"({seconds:.1f} s), peak RSS {aw_peak:.0f} MB"
        )
        out = folder / "export"
        seconds_out, out_peak = dayglass(first, "export", "--user", EMAIL, "--out", str(out))
        rows = orjson.loads((out / "manifest.json").read_bytes())["kinds"]["events"]["rows"]
        print(
            f"dayglass export:     {rows / seconds_out:,.0f} events/s ({rows:,} events, "
            f"{seconds_out:.1f} s), peak RSS {out_peak:.0f} MB"
        )
        seconds_in, in_peak = dayglass(second, "import", "dayglass", str(out), "--user", EMAIL)
        print(
            f"dayglass import:     {rows / seconds_in:,.0f} events/s ({seconds_in:.1f} s), "
            f"peak RSS {in_peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
