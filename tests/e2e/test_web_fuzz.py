"""Fuzz the JSON API from its OpenAPI description (schemathesis): no input gives a server error.

Valid and invalid requests are generated for every operation, in local mode (one person, with
a profile) and in server mode (signed in). Each must answer below 500.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright import bootstrap
from upright.adapters.passwords import Argon2Hasher
from upright.config import Settings
from upright.web.app import create_app

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

SECRET = "fuzz-s3rv3r-k3y-0123456789-abcdefghijklmnopqrstuvwxyz"
#: examples per operation and mode; CI uses the default, a deeper run sets UPRIGHT_FUZZ_EXAMPLES
EXAMPLES = int(os.environ.get("UPRIGHT_FUZZ_EXAMPLES", "25"))
#: signing out or deleting the account mid-run would leave the rest of the run answering 401
SKIP_IN_SERVER = {"DELETE /api/account", "POST /api/auth/signout"}


@pytest.fixture(params=["local", "server"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    mode = request.param
    settings_ = Settings(
        data_dir=tmp_path, mode=mode, secret_key=SECRET if mode == "server" else "",
        today="2026-11-25",
    )  # fmt: skip
    services = bootstrap.build(settings_)
    built = create_app(
        settings_, services, Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    headers: dict[str, str] = {}
    with TestClient(built) as client:
        if mode == "server":
            client.post(
                "/api/auth/signup", json={"email": "fuzz@example.org", "password": "fuzzing pass"}
            )
            headers["Cookie"] = f"upright_session={client.cookies['upright_session']}"
        assert client.post("/api/profile", json=base_profile(), headers=headers).status_code == 201
    yield built, headers
    services.close()


def test_no_api_input_causes_a_server_error(app: tuple[FastAPI, dict[str, str]]) -> None:
    built, headers = app
    schema = schemathesis.openapi.from_asgi("/openapi.json", built)
    server_mode = bool(headers)
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if server_mode and operation.label in SKIP_IN_SERVER:
            continue
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()
        tried += 1
    assert tried >= 15
