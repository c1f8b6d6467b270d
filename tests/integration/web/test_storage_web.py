"""The web tables: migration 0002 both ways, and the repositories' duplicate handling."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Engine, inspect
from sqlalchemy.orm import sessionmaker

from upright.adapters.storage import database
from upright.adapters.storage.accounts import IdempotencyKeys, WebUnitOfWork
from upright.adapters.storage.database import align_people_ids

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_migration_0002_adds_and_removes_the_web_tables(engine: Engine) -> None:
    assert {"web_sessions", "login_attempts"} <= set(inspect(engine).get_table_names())
    cfg = database.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001")
    assert "web_sessions" not in set(inspect(engine).get_table_names())
    database.upgrade(engine)
    assert {"web_sessions", "login_attempts"} <= set(inspect(engine).get_table_names())


def test_claims_and_accounts_refuse_duplicates_without_errors(engine: Engine) -> None:
    person = database.ensure_local_person(engine)
    align_people_ids(engine)  # what ensure_local_person does (the local person has an explicit id)
    factory = sessionmaker(engine, expire_on_commit=False)
    keys = IdempotencyKeys(engine)
    assert keys.claim(person, "k", {"state": "running"}, NOW) is True
    assert keys.claim(person, "k", {"state": "running"}, NOW) is False
    keys.put(person, "k", {"state": "done"}, NOW)
    with WebUnitOfWork(factory) as uow:
        first = uow.accounts.create("x@example.org", "h", None, NOW)
        assert first is not None and first != person
        assert uow.accounts.create("x@example.org", "h", None, NOW) is None
        uow.commit()
    with WebUnitOfWork(factory) as uow:
        assert uow.accounts.by_email("x@example.org") == (first, "h")
    assert keys.get(person, "k") == {"state": "done"}
    keys.release(person, "k")
    assert keys.get(person, "k") is None
