from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from upright.adapters.storage import database


def _postgres_engine() -> Iterator[Engine]:
    url = os.environ.get("UPRIGHT_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostgreSQL server (UPRIGHT_TEST_POSTGRES_URL unset)")
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = database.make_engine(url.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Engine]:
    """A migrated database: an SQLite file, and a real PostgreSQL when one is available."""
    if request.param == "sqlite":
        eng = database.make_engine(f"sqlite:///{tmp_path}/upright.db")
        database.upgrade(eng)
        yield eng
        eng.dispose()
    else:
        for eng in _postgres_engine():
            database.upgrade(eng)
            yield eng
