"""Idempotency records on the connection of a unit of work: a keyed use case reads and writes
its key in its own transaction, so the key and what the use case stored commit together (or not
at all). No rules here: what a record means is decided in ``upright.web.idempotency``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, select, update

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc
from upright.adapters.storage.sessions import dialect_name
from upright.adapters.storage.upsert import dialect_insert

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession

_K = t.idempotency_keys.c
_MATCH = and_(_K.person_id == bindparam("p"), _K.key == bindparam("k"))
# built once: constructing a statement costs more than running it, and every keyed log runs these
_FIND = select(_K.response, _K.created_at).where(_MATCH)
_TAKE_OVER = (
    update(t.idempotency_keys)
    .where(_MATCH, _K.created_at == bindparam("seen"))
    .values(response=bindparam("r"), created_at=bindparam("at"))
)
_ADD: dict[str, Any] = {}


def _add(dialect: str) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: a key already stored is an expected outcome
    (a retry), and an IntegrityError would poison a PostgreSQL transaction."""
    statement = dialect_insert(dialect, t.idempotency_keys).values(
        person_id=bindparam("p"),
        key=bindparam("k"),
        response=bindparam("r"),
        created_at=bindparam("at"),
    )
    return statement.on_conflict_do_nothing(index_elements=["person_id", "key"]).returning(_K.key)


class SqlIdempotency:
    """The records of requests sent with an idempotency key, inside a unit of work."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def find(self, person_id: int, key: str) -> tuple[dict[str, Any], datetime] | None:
        """The stored record and when it was last written (claimed or finished)."""
        row = self.session.execute(_FIND, {"p": person_id, "k": key}).first()
        return (dict(row[0]), aware(row[1])) if row else None

    def add(self, person_id: int, key: str, record: dict[str, Any], now: datetime) -> bool:
        """Store ``record`` under the key unless the key exists; True when this call stored it.

        On PostgreSQL a key inserted by a transaction still open makes this wait for its end.
        """
        statement = _ADD.get(dialect := dialect_name(self.session))
        if statement is None:
            statement = _ADD[dialect] = _add(dialect)
        values = {"p": person_id, "k": key, "r": record, "at": utc(now)}
        return self.session.execute(statement, values).first() is not None

    def take_over(
        self, person_id: int, key: str, seen_at: datetime, record: dict[str, Any], now: datetime
    ) -> bool:
        """Write the key again, only if nobody wrote it since ``seen_at`` (compare and swap)."""
        found = {"p": person_id, "k": key, "seen": utc(seen_at), "r": record, "at": utc(now)}
        result: Any = self.session.execute(_TAKE_OVER, found)  # a CursorResult: it has rowcount
        return bool(result.rowcount == 1)
