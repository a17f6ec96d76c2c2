"""Property-based fuzzing of the API from its own OpenAPI document (schemathesis): whatever
the input, no endpoint answers 5xx, and answers conform to the documented schemas.

Bounded: a few dozen generated requests per operation, in process (ASGI), so the suite stays
fast. Writes are fuzzed with the token (so validation, not only auth, is exercised) against a
private copy of the seeded store.
"""

from __future__ import annotations

import os

import pytest

pytest.importorskip("fastapi", reason="the web dependencies are not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eventwire.api import create_app  # noqa: E402
from test_api_support import TOKEN, copy_of_seeded  # noqa: E402
from test_api_support import settings as app_settings  # noqa: E402

APP = create_app(app_settings(copy_of_seeded("fuzz")))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)
READS = schema.include(method="GET")
WRITES = schema.include(method="POST")
# EVENTWIRE_FUZZ_EXAMPLES raises the bound for a longer local run
EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]


@READS.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_reads_never_fail_and_match_their_schema(case):
    case.call_and_validate(checks=CHECKS)


@WRITES.parametrize()
@settings(max_examples=max(5, EXAMPLES * 3 // 5), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_writes_never_fail_with_or_without_the_token(case):
    case.call_and_validate(checks=[not_a_server_error], headers={"Authorization": f"Bearer {TOKEN}"})
    case.call_and_validate(checks=[not_a_server_error])
