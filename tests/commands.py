"""The `dayglass` command: as a real process, or through the same entry point in this process.

Starting an interpreter and importing Dayglass takes most of a second; a test that runs a dozen
commands spends nearly all its time there. Each command test runs some commands as real
processes (the entry point, stdin, exit status and output as a shell sees them) and the rest in
this process through `main()`, with the same arguments, environment, stdin, exit status,
stdout and stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from click.testing import CliRunner
from sqlalchemy import Engine

import dayglass.cli.context
from dayglass.cli.main import main


def run(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `dayglass ARGS` as a real process and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "dayglass", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def run_here(
    *args: str, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run `dayglass ARGS` in this process, answering as run() does."""
    with (
        CliRunner().isolation(input=stdin, env=env) as (stdout, stderr, _),
        mock.patch.object(sys, "argv", ["dayglass", *args]),
        _engines_disposed(),
    ):
        try:
            main()
            status = 0
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else int(done.code is not None)
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = stdout.getvalue().decode(), stderr.getvalue().decode()
    return subprocess.CompletedProcess(["dayglass", *args], status, out, err)


@contextmanager
def _engines_disposed() -> Iterator[None]:
    """Dispose the engines a command opens (a process would close their connections on exit)."""
    opened: list[Engine] = []
    create = dayglass.cli.context.create_db_engine

    def recorded(url: str, **kwargs: object) -> Engine:
        engine = create(url, **kwargs)
        opened.append(engine)
        return engine

    try:
        with mock.patch.object(dayglass.cli.context, "create_db_engine", recorded):
            yield
    finally:
        for engine in opened:
            engine.dispose()
