"""Load benchmark: many clients at once against a real `dayglass serve` on the synthetic year.

Loads the synthetic year of bench/synthetic.py into a fresh server, then drives one-day and
30-day `/anapi/data`, the dashboard (a signed-in session), `/api/v1/focus` and ingest batches of
1,000 new events at 1, 4, 16 and 64 concurrent clients, each level for a bounded time, and
prints requests/s, p50, p99 and errors for each; then the mixed case (4 clients ingesting while
16 query one-day `/anapi/data`). The same database is served with `--workers 1` and `--workers 2`.

Run: .venv/bin/python bench/load.py [--databases sqlite,postgresql] [--workers 1,2]
     [--endpoints data1,data30,dashboard,focus,ingest] [--levels 1,4,16,64] [--seconds 6]
     [--postgres ADMIN_URL]   (default: the server of `scripts/test-postgres start`)
The driver runs on the same machine as the server: the load average is printed with each run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx
import orjson
import uvloop

sys.path.insert(0, str(Path(__file__).parent))
from server import BenchServer, scratch_postgres, settle
from synthetic import APPS, batches, synthetic_year

LAST_DAY = date(2025, 12, 31)  # the synthetic year runs through 2025
BATCH = 1000  # events in an ingest batch
PG_DATABASE = "dayglass_bench_load"


def _days(n: int) -> dict[str, str]:
    first = LAST_DAY - timedelta(days=n - 1)
    return {
        "format": "json",
        "restrict_kind": "activity",
        "restrict_begin": first.isoformat(),
        "restrict_end": LAST_DAY.isoformat(),
    }


class IngestBatches:
    """Batches of new events, never sent before: each batch its own 8 hours, long ago, from
    one device or, in turn, from each of several (as several agents of the user would)."""

    def __init__(self, devices: int = 1) -> None:
        self._numbers = itertools.count()
        self._first = datetime(2005, 1, 1, tzinfo=UTC)
        self._devices = devices

    def next_body(self) -> bytes:
        """The JSON body of the next batch."""
        n = next(self._numbers)
        at = self._first + timedelta(hours=9 * n)
        events = [
            {
                "id": f"load-{n}-{i}",
                "start": (at + timedelta(seconds=28 * i)).isoformat(),
                "duration": 25.0,
                "app": APPS[(n + i) % len(APPS)],
                "title": f"document {(n * 7 + i) % 500}",
            }
            for i in range(BATCH)
        ]
        device = "load" if self._devices == 1 else f"load-{n % self._devices}"
        return orjson.dumps({"device": device, "source_type": "computers", "events": events})


@dataclass
class Tally:
    """What one endpoint's clients saw at one level."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    last_error: str = ""

    def line(self, name: str, clients: int, seconds: float) -> str:
        """The figures as a table row."""
        done = sorted(self.latencies)
        p50 = _quantile(done, 0.50)
        p99 = _quantile(done, 0.99)
        rate = len(done) / seconds
        note = f"  ({self.last_error})" if self.errors else ""
        return (
            f"  {name:10} {clients:>4} clients {rate:8.1f} req/s  p50 {p50:7.1f} ms  "
            f"p99 {p99:7.1f} ms  errors {self.errors}{note}"
        )


def _quantile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


class Wire:
    """One client's keep-alive connection, speaking just enough HTTP/1.1 to time a request.

    A full client (httpx) spent about 1.4 ms of CPU a request on this machine: at a thousand
    requests a second it would take most of a core from the server it measures. This one sends
    prepared bytes and reads the answer's status line, headers and body (by Content-Length or
    chunked), reconnecting when the server closes the connection.
    """

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def exchange(self, request: bytes) -> int:
        """Send one request and read its whole answer; its status code."""
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        assert self._reader is not None
        self._writer.write(request)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lowered = head.lower()
        if b"transfer-encoding: chunked" in lowered:
            await self._read_chunks()
        else:
            length = re.search(rb"content-length: *(\d+)", lowered)
            await self._reader.readexactly(int(length.group(1)) if length else 0)
        if b"connection: close" in lowered:
            await self.close()
        return status

    async def _read_chunks(self) -> None:
        assert self._reader is not None
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")
                return
            await self._reader.readexactly(size + 2)

    async def close(self) -> None:
        """Close the connection (the next exchange opens a new one)."""
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
            self._writer = None


def http_request(
    url: str, method: str, target: str, headers: dict[str, str], body: bytes = b""
) -> bytes:
    """The bytes of an HTTP/1.1 request to the server at url."""
    host = httpx.URL(url).netloc.decode()
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Target:
    """An endpoint under load: the bytes of its next request."""

    request: Callable[[], bytes]


async def _client_loop(wire: Wire, target: Target, tally: Tally, until: float) -> None:
    while time.perf_counter() < until:
        began = time.perf_counter()
        try:
            status = await wire.exchange(target.request())
            ok = status < 400
            if not ok:
                tally.last_error = f"HTTP {status}"
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            ok = False
            tally.last_error = type(error).__name__
            await wire.close()
        if ok:
            tally.latencies.append((time.perf_counter() - began) * 1000)
        else:
            tally.errors += 1


async def _drive(url: str, groups: list[tuple[Target, int]], seconds: float) -> list[Tally]:
    address = httpx.URL(url)
    assert address.host and address.port
    tallies = [Tally() for _ in groups]
    wires = [[Wire(address.host, address.port) for _ in range(n)] for _, n in groups]
    until = time.perf_counter() + seconds
    try:
        await asyncio.gather(
            *(
                _client_loop(wire, target, tally, until)
                for (target, _), group, tally in zip(groups, wires, tallies, strict=True)
                for wire in group
            )
        )
    finally:
        for group in wires:
            for wire in group:
                await wire.close()
    return tallies


def drive(url: str, groups: list[tuple[Target, int]], seconds: float) -> list[Tally]:
    """Run each (target, clients) group at once for seconds, every client on a connection of
    its own; a tally per group. The driver runs on uvloop, as the server does."""
    return uvloop.run(_drive(url, groups, seconds))


class Session:
    """One served database: its address, key and web session cookie."""

    def __init__(self, server: BenchServer, cookies: httpx.Cookies, ingest: IngestBatches) -> None:
        self.url = server.url
        self.key = server.key
        self.cookies = cookies
        self.ingest = ingest

    def _request(self, method: str, target: str, headers: dict[str, str], body: bytes) -> bytes:
        return http_request(self.url, method, target, headers, body)

    def api(self, method: str, target: str, body: bytes = b"") -> bytes:
        """A request with the API key."""
        headers = {"Authorization": f"Bearer {self.key}"}
        if body:
            headers["Content-Type"] = "application/json"
        return self._request(method, target, headers, body)

    def browser(self, target: str) -> bytes:
        """A GET with the signed-in web session."""
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return self._request("GET", target, {"Cookie": cookie}, b"")

    def targets(self) -> dict[str, Target]:
        """Every endpoint the benchmark drives."""
        one = self.api("GET", "/anapi/data?" + urlencode(_days(1)))
        thirty = self.api("GET", "/anapi/data?" + urlencode(_days(30)))
        day = self.browser(f"/?span=day&day={LAST_DAY.isoformat()}")
        focus = self.api("GET", "/api/v1/focus")
        return {
            "data1": Target(lambda: one),
            "data30": Target(lambda: thirty),
            "dashboard": Target(lambda: day),
            "focus": Target(lambda: focus),
            "ingest": Target(lambda: self.api("POST", "/api/v1/events", self.ingest.next_body())),
        }


def load_average() -> str:
    """The machine's 1-minute load average (other work on it makes the figures noisy)."""
    return Path("/proc/loadavg").read_text().split()[0]


def sign_in(server: BenchServer) -> httpx.Cookies:
    """The cookies of the first user's web session."""
    with httpx.Client(base_url=server.url, timeout=60) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        fields = {"csrf": token.group(1), "email": server.email, "password": server.password}
        answer = client.post("/login", data={**fields, "next": "/"})
        assert answer.status_code == 303, answer.text
        return client.cookies


class Reopened(BenchServer):
    """`dayglass serve` again on a data directory already served (the account is known)."""

    def __init__(self, first: BenchServer, data_dir: Path, env: dict[str, str], workers: int):
        self._known = (first.email, first.password, first.key)
        self.workers = workers
        super().__init__(data_dir, env, workers)

    def _wait_ready(self) -> None:
        # Each worker catches up on closed days at start: on a loaded year that takes a while.
        began = time.perf_counter()
        deadline = began + 300
        while time.perf_counter() < deadline:
            try:
                httpx.get(self.url + "/api/v1/keys", params={"key": self.key}, timeout=5)
                self.started_in = time.perf_counter() - began
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def _read_account(self) -> str:
        self.email, self.password, key = self._known
        # Keep the pipe drained so a chatty server never blocks on it.
        assert self.process.stdout is not None
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        return key


def _load(server: BenchServer, days: int) -> int:
    events = list(synthetic_year(days=days))
    headers = {"Authorization": f"Bearer {server.key}", "Content-Type": "application/json"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=300) as client:
        for body in batches(events):
            client.post("/api/v1/events", content=orjson.dumps(body)).raise_for_status()
    return len(events)


def run_server(
    name: str, server: Reopened, ingest: IngestBatches, args: argparse.Namespace
) -> None:
    """Every level of every endpoint, then the mixed case, against one running server."""
    session = Session(server, sign_in(server), ingest)
    workers = server.workers
    targets = session.targets()
    url = session.url
    started = getattr(server, "started_in", 0.0)
    idle = settle(server)
    print(f"{name}, --workers {workers} (answered after {started:.1f} s, idle after {idle:.1f} s):")
    for endpoint in args.endpoints:
        target = targets[endpoint]
        drive(url, [(target, 1)], 1.0)  # warm up
        for clients in args.levels:
            load = load_average()
            (tally,) = drive(url, [(target, clients)], args.seconds)
            print(f"{tally.line(endpoint, clients, args.seconds)}  load {load}", flush=True)
    if args.mixed:
        load = load_average()
        groups = [(targets["ingest"], 4), (targets["data1"], 16)]
        ingest, query = drive(url, groups, args.seconds * 2)
        print(f"  mixed: 4 ingesting while 16 query one-day /anapi/data  load {load}")
        print(ingest.line("ingest", 4, args.seconds * 2))
        print(query.line("data1", 16, args.seconds * 2), flush=True)


def run_database(name: str, url: str | None, args: argparse.Namespace) -> None:
    """Load the synthetic year once, then serve it with each worker count in turn."""
    env = {"DAYGLASS_DATABASE_URL": url} if url else {}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        first = BenchServer(data_dir, env)
        try:
            began = time.perf_counter()
            loaded = _load(first, args.days)
            print(f"{name}: loaded {loaded:,} events in {time.perf_counter() - began:.0f} s")
        finally:
            first.stop()
        # One series for the database: every batch is new to it.
        ingest = IngestBatches(args.devices)
        for workers in args.workers:
            server = Reopened(first, data_dir, env, workers)
            try:
                run_server(name, server, ingest, args)
            finally:
                server.stop()


def run_postgres(args: argparse.Namespace) -> None:
    """The benchmark on a database of its own on a PostgreSQL server, dropped afterwards."""
    with scratch_postgres(PG_DATABASE, args.postgres) as url:
        run_database("postgresql", url, args)


def _names(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _numbers(raw: str) -> list[int]:
    return [int(part) for part in _names(raw)]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--databases", type=_names, default=["sqlite", "postgresql"])
    parser.add_argument("--workers", type=_numbers, default=[1, 2])
    parser.add_argument("--levels", type=_numbers, default=[1, 4, 16, 64])
    parser.add_argument(
        "--endpoints", type=_names, default=["data1", "data30", "dashboard", "focus", "ingest"]
    )
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each level")
    parser.add_argument("--no-mixed", dest="mixed", action="store_false")
    parser.add_argument(
        "--devices", type=int, default=1, help="devices the ingest batches come from, in turn"
    )
    parser.add_argument("--days", type=int, default=365, help="synthetic days to load")
    parser.add_argument("--postgres", help="a PostgreSQL URL allowed to create databases")
    return parser.parse_args(argv)


def main() -> None:
    """Run the benchmark and print its figures."""
    args = parse_args()
    print(f"{os.cpu_count()} cores; load average at start {load_average()}")
    if "sqlite" in args.databases:
        run_database("sqlite", None, args)
    if "postgresql" in args.databases:
        run_postgres(args)


if __name__ == "__main__":
    main()
