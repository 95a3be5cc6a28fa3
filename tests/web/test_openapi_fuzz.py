"""Schemathesis generates requests from the OpenAPI spec: none may end in a server error.

The operations are fuzzed with Hypothesis directly (schemathesis's lazy pytest fixture does not
run under pytest 9): valid requests, then requests that break the spec on purpose.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from veille.web import create_app


@pytest.fixture(scope="module")
def api_schema(dashboard_db: str):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(dashboard_db))


def _operations(schema):  # type: ignore[no-untyped-def]
    return [result.ok() for result in schema.get_all_operations()]


def test_the_spec_has_the_api_operations(api_schema) -> None:  # type: ignore[no-untyped-def]
    paths = {op.path for op in _operations(api_schema)}
    assert paths == {"/api/events", "/api/events/{event_id}", "/api/articles/{article_key}",
                     "/api/actors", "/api/dyads", "/api/stats"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
def test_no_request_ends_in_a_server_error(api_schema, mode) -> None:  # type: ignore[no-untyped-def]
    for operation in _operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def no_server_error(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call()
            assert response.status_code < 500, (case.as_curl_command(), response.text[:300])

        try:
            no_server_error()
        except Unsatisfiable:
            # Any string is a valid event or article id: there is no invalid request to make.
            if mode is GenerationMode.POSITIVE or "{" not in operation.path:
                raise
