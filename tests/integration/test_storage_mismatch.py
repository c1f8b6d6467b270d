"""A database that lacks a table or column the code expects is named as such, not as busy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from upright.adapters.storage.unit_of_work import storage_error


def _failure(path: Path, statement: str) -> SQLAlchemyError:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE IF NOT EXISTS people (id INTEGER)"))
            with pytest.raises(SQLAlchemyError) as failed:
                connection.execute(text(statement))
            return failed.value
    finally:
        engine.dispose()


@pytest.mark.parametrize("statement", ["SELECT role FROM people", "SELECT id FROM reminders"])
def test_a_missing_column_or_table_says_the_database_does_not_match(
    tmp_path: Path, statement: str
) -> None:
    message = str(storage_error(_failure(tmp_path / "old.db", statement)))
    assert message.startswith("the database does not match this version of Upright")
    assert "try again" not in message and "people" not in message and "role" not in message


def test_a_locked_database_still_says_try_again(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE people (id INTEGER)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
        with engine.connect() as connection, pytest.raises(SQLAlchemyError) as failed:
            connection.execute(text("SELECT id FROM people"))
        engine.dispose()
    finally:
        holder.rollback()
        holder.close()
    assert str(storage_error(failed.value)).startswith("the database is not available right now")
