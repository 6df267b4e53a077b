"""`dayglass export`, `import dayglass` and `delete`, as a person would run them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import orjson
import pytest
from sqlalchemy import func, select

from commands import run_here
from dayglass.composition import build_services
from dayglass.core.clock import Clock, SystemClock
from dayglass.services.registry import Services
from dayglass.storage.engine import create_db_engine
from dayglass.storage.tables import raw_events, users
from serving import Account

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def clock() -> Clock:
    """The real clock, which the commands read too."""
    return SystemClock()


def _days_ago(days: int) -> str:
    # The commands read the real clock, so the time is put a few days before it.
    return (datetime.now(BERLIN) - timedelta(days=days)).strftime("%Y-%m-%dT10:00:00%z")


def _seed(services: Services, account: Account) -> list[str]:
    days = [_days_ago(n) for n in (3, 2, 1)]
    events = [
        {"id": f"e{n}", "start": start, "duration": 600 + n, "app": "code", "title": "t"}
        for n, start in enumerate(days)
    ]
    result = services.ingest.ingest(account.user_id, {"device": "laptop", "events": events})
    assert result.stored == 3, result
    return [d[:10] for d in days]


def test_export_import_and_delete_from_the_command_line(
    services: Services, account: Account, database_url: str, tmp_path
) -> None:
    """A CSV export restores into another server; then a day, then the account, are deleted."""
    days = _seed(services, account)
    here = {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}
    out = tmp_path / "export"
    done = run_here(
        "export", "--user", account.email, "--format", "csv", "--out", str(out), env=here
    )
    assert done.returncode == 0, done.stderr
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert manifest["kinds"]["events"]["rows"] == 3
    other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    there = {"DAYGLASS_DATABASE_URL": other_url, "DAYGLASS_DATA_DIR": str(tmp_path / "other")}
    added = run_here(
        "user", "add", account.email, "--password-stdin", env=there, stdin="pw123456\n"
    )
    assert added.returncode == 0, added.stderr
    restored = run_here("import", "dayglass", str(out), "--user", account.email, env=there)
    assert restored.returncode == 0, restored.stderr
    assert "3 stored" in restored.stderr
    engine = create_db_engine(other_url)
    try:
        copy = build_services(engine, SystemClock())
        user = copy.accounts.user_by_email(account.email)
        assert user.timezone == "Europe/Berlin"
        gone = run_here(
            "delete",
            "--user",
            account.email,
            "--from",
            days[1],
            "--to",
            days[1],
            "--yes",
            env=there,
        )
        assert gone.returncode == 0, gone.stderr
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(raw_events)).scalar() == 2
        asked = run_here("delete", "--user", account.email, env=there, stdin="n\n")
        assert asked.returncode == 1  # declined: nothing deleted
        assert copy.accounts.user(user.id).email == account.email
        gone = run_here("delete", "--user", account.email, "--yes", env=there)
        assert gone.returncode == 0, gone.stderr
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(users)).scalar() == 0
            assert conn.execute(select(func.count()).select_from(raw_events)).scalar() == 0
    finally:
        engine.dispose()
