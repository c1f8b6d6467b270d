"""A database lost after start-up: every edge says so (CLI exit 4, HTTP 503), no traceback."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.conftest import base_profile
from upright import bootstrap
from upright.adapters.passwords import Argon2Hasher
from upright.cli import app as cli_app
from upright.cli import context
from upright.config import Settings
from upright.domain.errors import StorageError
from upright.services import planning
from upright.web.app import create_app


@pytest.fixture
def lost_database(tmp_path: Path) -> Iterator[tuple[Settings, bootstrap.Services, object]]:
    """Services built on a real PostgreSQL database, and a function that drops it under them."""
    url = os.environ.get("UPRIGHT_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostgreSQL server (UPRIGHT_TEST_POSTGRES_URL unset)")
    name = "lost_" + uuid.uuid4().hex[:10]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    settings = Settings(
        data_dir=tmp_path, database_url=url.rsplit("/", 1)[0] + "/" + name, today=date(2026, 11, 25)
    )
    services = bootstrap.build(settings, hasher=Argon2Hasher(time_cost=1, memory_cost=1024))
    planning.save_profile(
        services.uow(),
        services.actor,
        services.actor.person_id,
        base_profile(),
        services.clock.now(),
    )

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))

    try:
        yield settings, services, drop
    finally:
        services.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_service_reports_a_lost_database_as_storage_error(lost_database: tuple) -> None:
    _, services, drop = lost_database
    me = services.actor
    assert planning.load_profile(services.uow(), me, me.person_id).age == base_profile()["age"]
    drop()
    with pytest.raises(StorageError) as lost:
        planning.load_profile(services.uow(), me, me.person_id)
    assert "not available" in str(lost.value)
    with pytest.raises(StorageError):
        services.versions.of(me.person_id)


def test_the_cli_exits_4_with_one_line(
    lost_database: tuple, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, _, drop = lost_database
    monkeypatch.setenv("UPRIGHT_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("UPRIGHT_TODAY", "2026-11-25")
    context.services.cache_clear()
    try:
        monkeypatch.setattr("sys.argv", ["upright", "today"])
        cli_app.main()  # started: the services are built and kept for the run
        drop()
        monkeypatch.setattr("sys.argv", ["upright", "progress"])
        with pytest.raises(SystemExit) as lost:
            cli_app.main()
    finally:
        if context.services.cache_info().currsize:
            context.services().close()
        context.services.cache_clear()
    assert lost.value.code == 4
    err = capsys.readouterr().err
    assert "database is not available" in err and "Traceback" not in err


def test_the_web_answers_503(lost_database: tuple) -> None:
    settings, services, drop = lost_database
    with TestClient(create_app(settings, services), raise_server_exceptions=False) as client:
        assert client.get("/api/plan").status_code == 200
        drop()
        for path in ("/api/plan", "/api/progress", "/today"):
            answer = client.get(path)
            assert answer.status_code == 503, (path, answer.text[:300])
            assert "Traceback" not in answer.text
        body = client.get("/api/plan").json()
        assert body["error"] == "storage_error" and "not available" in body["message"]
        assert "lost_" not in body["message"] and "5433" not in body["message"]
