"""Schema fuzzing: generated requests for every route in the OpenAPI schema, signed in and not.

No answer may be a 5xx, and every documented answer must match its declared schema. The number of
examples per route is bounded (FUZZ_EXAMPLES, default 12) so CI stays quick; raise it locally to dig deeper.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from tests.conftest import register

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))


@pytest.fixture
def fuzz_app(app_env):
    from vibecraft.main import create_app

    return create_app(run_sweeps=False)


@pytest.fixture
def signed_in(fuzz_app):
    from fastapi.testclient import TestClient

    with TestClient(fuzz_app) as client:
        return register(client)


def test_no_server_error_and_answers_match_their_schema(fuzz_app, signed_in):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", fuzz_app)
    # Logout revokes the token every other request is signed with, so it goes last.
    operations = sorted((result.ok() for result in schema.get_all_operations()), key=lambda op: op.path == "/api/auth/logout")
    assert len(operations) >= 30, "the schema lost routes"
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def fuzz(case):
            case.headers = {**(case.headers or {}), **signed_in}  # bad tokens are the access matrix's job
            response = case.call_and_validate(
                checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
            statuses.append(response.status_code)

        try:
            fuzz()
        except Exception as e:
            raise AssertionError(f"{operation.method.upper()} {operation.path}: {e}") from e
    assert len(statuses) >= 3 * len(operations), "hypothesis generated too few requests to mean anything"
    assert any(200 <= s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses)
