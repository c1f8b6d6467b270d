"""Storage for the web edge: accounts, sign-in sessions, failed sign-ins, password-reset links,
idempotency keys.

Repositories here decide nothing: the rules (password policy, rate limits, what an idempotent
replay returns) live in ``upright.services.accounts`` and ``upright.web.idempotency``.
``WebUnitOfWork`` is the core unit of work plus these repositories, so one transaction can
touch both (deleting an account and everything of it, for example).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Engine,
    Insert,
    Select,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc
from upright.adapters.storage.sessions import dialect_name
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.adapters.storage.upsert import dialect_insert
from upright.domain.errors import StorageError

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession


def _insert_ignoring_duplicates(
    dialect: str, table: Any, values: dict[str, Any], returning: Any, unique: list[str]
) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING in the session's dialect.

    A duplicate is an expected outcome (an email already registered, an idempotency key already
    claimed). Raising and catching IntegrityError would poison a PostgreSQL transaction and needs
    savepoints that the pysqlite driver does not handle well, so the database is asked to skip it.
    RETURNING tells whether the row went in (rowcount is not reliable across drivers).
    """
    if dialect in ("postgresql", "sqlite"):
        found = dialect_insert(dialect, table).values(**values)
        return found.on_conflict_do_nothing(index_elements=unique).returning(returning)
    return insert(table).values(**values).returning(returning)  # elsewhere a duplicate raises


class SqlAccounts:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def create(
        self, email: str, password_hash: str, display_name: str | None, now: datetime
    ) -> int | None:
        """The new person's id, or None when the email is already taken."""
        values = {
            "email": email,
            "password_hash": password_hash,
            "display_name": display_name,
            "created_at": utc(now),
        }
        found = self.session.execute(
            _insert_ignoring_duplicates(
                dialect_name(self.session), t.people, values, t.people.c.id, ["email"]
            )
        ).first()
        return int(found[0]) if found is not None else None

    def by_email(self, email: str) -> tuple[int, str] | None:
        row = self.session.execute(
            select(t.people.c.id, t.people.c.password_hash).where(t.people.c.email == email)
        ).first()
        if row is None or row[1] is None:
            return None
        return int(row[0]), str(row[1])

    def get(self, person_id: int) -> dict[str, Any] | None:
        row = self.session.execute(
            select(t.people.c.id, t.people.c.email, t.people.c.display_name, t.people.c.created_at)
            .where(t.people.c.id == person_id)
        ).first()  # fmt: skip
        if row is None:
            return None
        return {
            "id": row.id,
            "email": row.email,
            "display_name": row.display_name,
            "created_at": aware(row.created_at).isoformat(),
        }

    def set_password_hash(self, person_id: int, password_hash: str) -> None:
        self.session.execute(
            update(t.people).where(t.people.c.id == person_id).values(password_hash=password_hash)
        )

    def delete(self, person_id: int) -> None:
        """Delete the person; every table refers to people with ON DELETE CASCADE."""
        self.session.execute(delete(t.people).where(t.people.c.id == person_id))


class SqlWebSessions:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def add(self, token_hash: str, person_id: int, created_at: datetime, expires: datetime) -> None:
        self.session.execute(
            insert(t.web_sessions).values(
                token_hash=token_hash,
                person_id=person_id,
                created_at=utc(created_at),
                expires_at=utc(expires),
            )
        )

    def person_for(self, token_hash: str, now: datetime) -> int | None:
        found = self.session.scalar(
            select(t.web_sessions.c.person_id).where(
                and_(
                    t.web_sessions.c.token_hash == token_hash,
                    t.web_sessions.c.expires_at > utc(now),
                )
            )
        )
        return int(found) if found is not None else None

    def delete(self, token_hash: str) -> None:
        self.session.execute(
            delete(t.web_sessions).where(t.web_sessions.c.token_hash == token_hash)
        )

    def delete_expired(self, now: datetime) -> None:
        self.session.execute(delete(t.web_sessions).where(t.web_sessions.c.expires_at <= utc(now)))

    def delete_person(self, person_id: int) -> None:
        self.session.execute(delete(t.web_sessions).where(t.web_sessions.c.person_id == person_id))


class SqlLoginAttempts:
    """Throttle counters (``login_counters``); the service decides what the numbers mean."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def hold(self, key: str) -> tuple[int, datetime | None]:
        # the row must exist to be locked; then FOR UPDATE (PostgreSQL) holds it until commit.
        # SQLite: the INSERT takes the database's write lock first, which serialises as well
        c = t.login_counters.c
        dialect = dialect_name(self.session)
        self.session.execute(
            _insert_ignoring_duplicates(
                dialect, t.login_counters, {"key": key, "count": 0, "last_at": None}, c.key, ["key"]
            )
        )
        row = self.session.execute(
            select(c.count, c.last_at).where(c.key == key).with_for_update()
        ).one()
        count, last_at = row[0], row[1]  # (Row.count is tuple.count)
        return int(count), (aware(last_at) if last_at is not None else None)

    def put(self, key: str, count: int, at: datetime | None) -> None:
        c = t.login_counters.c
        self.session.execute(
            update(t.login_counters)
            .where(c.key == key)
            .values(count=count, last_at=utc(at) if at is not None else None)
        )

    def prune(self, before: datetime) -> None:
        self.session.execute(
            delete(t.login_counters).where(t.login_counters.c.last_at <= utc(before))
        )


class SqlPasswordResets:
    """Password-reset links by the hash of their token; the service decides what is valid."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def add(self, token_hash: str, person_id: int, created_at: datetime, expires: datetime) -> None:
        self.session.execute(
            insert(t.password_resets).values(
                token_hash=token_hash,
                person_id=person_id,
                created_at=utc(created_at),
                expires_at=utc(expires),
                used_at=None,
            )
        )

    def find(self, token_hash: str) -> tuple[int, datetime, datetime | None] | None:
        """The person, the expiry and when the link was used (None: never)."""
        c = t.password_resets.c
        row = self.session.execute(
            select(c.person_id, c.expires_at, c.used_at).where(c.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        return int(row[0]), aware(row[1]), (aware(row[2]) if row[2] is not None else None)

    def take(self, token_hash: str, now: datetime) -> int | None:
        """Mark the link used if it is unused and unexpired; its person, or None.

        One UPDATE with the conditions in its WHERE: of two requests racing with the same link,
        only one changes the row.
        """
        c = t.password_resets.c
        found = self.session.execute(
            update(t.password_resets)
            .where(c.token_hash == token_hash, c.used_at.is_(None), c.expires_at > utc(now))
            .values(used_at=utc(now))
            .returning(c.person_id)
        ).first()
        return int(found[0]) if found is not None else None

    def delete_person(self, person_id: int, keep: str = "") -> None:
        c = t.password_resets.c
        self.session.execute(
            delete(t.password_resets).where(c.person_id == person_id, c.token_hash != keep)
        )

    def prune(self, before: datetime) -> None:
        self.session.execute(
            delete(t.password_resets).where(t.password_resets.c.expires_at <= utc(before))
        )


class IdempotencyKeys:
    """Idempotency keys, each call its own short transaction on a Core connection.

    Every keyed POST (the offline outbox always sends a key) claims and records one, so this
    avoids the cost of an ORM session per step.
    """

    def __init__(self, engine: Engine, claim_seconds: int = 60) -> None:
        self.engine = engine
        #: how long an unfinished claim holds its key (read by upright.web.idempotency)
        self.claim_seconds = claim_seconds
        k = t.idempotency_keys.c
        self._match = and_(k.person_id == bindparam("p"), k.key == bindparam("k"))

    def claim(self, person_id: int, key: str, record: dict[str, Any], now: datetime) -> bool:
        """Store ``record`` under the key unless the key exists; True when this call stored it."""
        values = {"person_id": person_id, "key": key, "response": record, "created_at": utc(now)}
        statement = _insert_ignoring_duplicates(
            self.engine.dialect.name, t.idempotency_keys, values, t.idempotency_keys.c.key,
            ["person_id", "key"],
        )  # fmt: skip
        with self.engine.begin() as connection:
            return connection.execute(statement).first() is not None

    def get(self, person_id: int, key: str) -> dict[str, Any] | None:
        found = self.get_with_time(person_id, key)
        return found[0] if found else None

    def get_with_time(self, person_id: int, key: str) -> tuple[dict[str, Any], datetime] | None:
        """The stored record and when it was last written (claimed or finished)."""
        c = t.idempotency_keys.c
        query = select(c.response, c.created_at).where(self._match)
        with self.engine.connect() as connection:
            row = connection.execute(query, {"p": person_id, "k": key}).first()
        return (dict(row[0]), aware(row[1])) if row else None

    def take_over(
        self, person_id: int, key: str, seen_at: datetime, record: dict[str, Any], now: datetime
    ) -> bool:
        """Claim a key again, only if nobody wrote it since ``seen_at`` (compare and swap)."""
        c = t.idempotency_keys.c
        statement = (
            update(t.idempotency_keys)
            .where(self._match, c.created_at == utc(seen_at))
            .values(response=record, created_at=utc(now))
        )
        with self.engine.begin() as connection:
            return connection.execute(statement, {"p": person_id, "k": key}).rowcount == 1

    def put(self, person_id: int, key: str, record: dict[str, Any], now: datetime) -> None:
        statement = (
            update(t.idempotency_keys)
            .where(self._match)
            .values(response=record, created_at=utc(now))
        )
        with self.engine.begin() as connection:
            connection.execute(statement, {"p": person_id, "k": key})

    def release(self, person_id: int, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                delete(t.idempotency_keys).where(self._match), {"p": person_id, "k": key}
            )


def data_version_query(person_id: Any) -> Select[Any]:
    """A fingerprint of everything a person's plan is computed from, as one indexed query.

    Counts and latest timestamps of the profile versions, the logged sessions and the imported
    files (activities only arrive through imports). Any write to them changes the answer.
    """
    pv, ss, fi = t.profile_versions.c, t.sessions.c, t.file_imports.c
    columns = (
        select(func.count()).where(pv.person_id == person_id),
        select(func.max(pv.id)).where(pv.person_id == person_id),
        select(func.max(pv.created_at)).where(pv.person_id == person_id),
        select(func.count()).where(ss.person_id == person_id),
        select(func.max(ss.updated_at)).where(ss.person_id == person_id),
        select(func.count()).where(fi.person_id == person_id),
        select(func.max(fi.imported_at)).where(fi.person_id == person_id),
    )
    return select(*(c.scalar_subquery() for c in columns))


class DataVersions:
    """Reads data versions on a plain connection: this runs on every page view, and a Core
    connection costs a fraction of an ORM session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # built once: constructing the statement costs more than running it
        self.query = data_version_query(bindparam("person_id"))

    def of(self, person_id: int) -> tuple[str, ...]:
        with self.engine.connect() as connection:
            row = connection.execute(self.query, {"person_id": person_id}).one()
        return tuple(str(value) for value in row)


class WebUnitOfWork(SqlUnitOfWork):
    """The core unit of work plus the web edge's repositories (same session, same transaction)."""

    def __enter__(self) -> WebUnitOfWork:
        super().__enter__()
        session = self.session
        if session is None:  # SqlUnitOfWork.__enter__ always opens one
            raise StorageError("no database session")
        self.accounts = SqlAccounts(session)
        self.web_sessions = SqlWebSessions(session)
        self.login_attempts = SqlLoginAttempts(session)
        self.password_resets = SqlPasswordResets(session)
        return self
