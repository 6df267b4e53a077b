"""Schemathesis over the app's own OpenAPI document: no native API input gets a 500."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error


def test_no_input_gets_a_server_error(live_server, account):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/openapi.json")
    headers = {"Authorization": f"Bearer {account.key}"}
    calls = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case) -> None:
            response = case.call_and_validate(
                base_url=live_server.url, headers=headers, checks=[not_a_server_error]
            )
            calls.append((case.operation.label, response.status_code))

        no_server_error()
    assert len({label for label, _ in calls}) >= 25  # every native operation was exercised
    assert len(calls) >= 200
