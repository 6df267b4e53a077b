"""A server process keeps the personal API keys it found active, checked against the owner's
row on each use, so a request does not read its key again; a key revoked or a user deleted by
any process is refused at its next request, and a key is read again at least once a minute.
Every database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, update

from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.core.errors import NotAuthenticated
from dayglass.services.registry import Services
from dayglass.storage.engine import writer
from dayglass.storage.tables import api_keys
from serving import Account
from test_report_reads import statements


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock.at_local("2026-03-04T10:00")


def _accepted(services: Services, account: Account) -> bool:
    try:
        services.accounts.authenticate_key(account.key)
    except NotAuthenticated:
        return False
    return True


def _key_reads(sql: list[str]) -> list[str]:
    return [s for s in sql if s.startswith("SELECT") and "FROM api_keys" in s]


def test_a_kept_key_is_checked_against_its_owners_row_not_read_again(
    services: Services, engine: Engine, account: Account
) -> None:
    first = services.accounts.authenticate_key(account.key)
    with statements(engine) as sql:
        again = services.accounts.authenticate_key(account.key)
    assert (again.id, again.user_id) == (first.id, account.user_id)
    assert _key_reads(sql) == []
    assert [s for s in sql if "FROM users" in s]


def _revoke_key(other: Services, account: Account) -> None:
    other.accounts.revoke_key(other.accounts.keys(account.user_id)[0].id, account.user_id)


def _delete_user(other: Services, account: Account) -> None:
    other.deletions.delete_account(account.user_id, account.email)


@pytest.mark.parametrize("ending", [_revoke_key, _delete_user], ids=["revoked", "user-deleted"])
def test_a_key_ended_by_another_process_is_refused_at_its_next_use(
    services: Services,
    engine: Engine,
    clock: ManualClock,
    account: Account,
    ending: Callable[[Services, Account], None],
) -> None:
    other = build_services(engine, clock)  # another server process, or a command
    for _ in range(2):  # kept by the second
        services.accounts.authenticate_key(account.key)
    ending(other, account)
    assert not _accepted(services, account)


def test_a_kept_key_is_read_again_after_a_minute(
    services: Services, engine: Engine, clock: ManualClock, account: Account
) -> None:
    services.accounts.authenticate_key(account.key)
    # Revoked behind Dayglass's back (no stamp raised): a minute later it is refused all the same.
    with writer(engine).begin() as conn:
        conn.execute(update(api_keys).values(revoked_at=clock.now()))
    clock.advance(seconds=59)
    assert _accepted(services, account)
    clock.advance(seconds=2)
    assert not _accepted(services, account)


def test_a_kept_keys_use_is_noted_once_a_minute(
    services: Services, engine: Engine, clock: ManualClock, account: Account
) -> None:
    services.accounts.authenticate_key(account.key)
    noted = services.accounts.keys(account.user_id)[0].last_used_at
    assert noted == clock.now()
    clock.advance(seconds=30)
    with statements(engine) as sql:
        services.accounts.authenticate_key(account.key)
    assert not [s for s in sql if s.startswith("UPDATE api_keys")]
    clock.advance(seconds=31)
    services.accounts.authenticate_key(account.key)
    assert services.accounts.keys(account.user_id)[0].last_used_at == clock.now()
    clock.advance(seconds=30)
    with statements(engine) as sql:
        services.accounts.authenticate_key(account.key)
    assert not [s for s in sql if s.startswith("UPDATE api_keys")]


def test_an_organizations_key_is_read_every_time(
    services: Services, engine: Engine, account: Account
) -> None:
    org = services.teams.create("Team", account.user_id)
    _, key = services.teams.create_key(account.user_id, org.id)
    services.accounts.authenticate_key(key)
    with statements(engine) as sql:
        assert services.accounts.authenticate_key(key).org_id == org.id
    assert len(_key_reads(sql)) == 1
