from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.orm import sessionmaker

from tests.conftest import base_profile
from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.services import planning
from upright.services.access import Actor

SETUP = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def uow(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    factory = sessionmaker(engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(factory)


def add_person(engine: Engine, uow: Callable[[], SqlUnitOfWork], n: int, **profile: object) -> int:
    if n == 1:
        database.ensure_local_person(engine)
    else:
        with engine.begin() as conn:
            conn.execute(
                insert(t.people).values(
                    id=n, email=f"p{n}@example.org", display_name=f"p{n}", created_at=SETUP
                )
            )
    planning.save_profile(uow(), Actor(n), n, base_profile(**profile), SETUP)  # type: ignore[arg-type]
    return n
