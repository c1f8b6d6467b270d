"""The dialect's own INSERT (with ON CONFLICT), loaded when a statement needs it.

Importing SQLAlchemy's PostgreSQL dialect costs more than `upright today` on SQLite spends on its
own work, so it waits until a PostgreSQL session builds an upsert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert


def dialect_insert(dialect: str, table: Any) -> PostgresInsert | SqliteInsert:
    """``INSERT INTO table`` that supports ``on_conflict_do_*`` on PostgreSQL and SQLite."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)
