"""Engine creation and migrations (Alembic, run programmatically)."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from upright.adapters.storage import tables as t
from upright.domain.errors import StorageError

LOCAL_PERSON_ID = 1
#: key of the PostgreSQL advisory lock that start-up work (migrations, the local person) runs
#: under, so that many workers starting at once take turns instead of racing
STARTUP_LOCK = 0x75707269  # "upri"
#: errors that mean "cannot reach or use the database now" (not a bug in a query)
OUTAGE_ERRORS: tuple[type[Exception], ...] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,
)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a commit is safe against an application crash; only a power cut can
            # lose the last transactions (never corrupt the file) - the usual choice for WAL
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("upright.adapters.storage") / "migrations")
    )
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _take_startup_lock(connection: Connection) -> None:
    """On PostgreSQL, wait for the start-up lock; it is released when the transaction ends.

    Without it, workers started together (``--workers 4``) each see an empty database and run
    the same migration; all but one fail on the unique ``alembic_version`` row. The second
    worker waits here, then finds the schema current and does nothing. SQLite serialises
    writers on its own (one writer at a time), so no lock is needed there.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STARTUP_LOCK})


def upgrade(engine: Engine) -> None:
    """Bring the database to the latest schema (idempotent; one worker at a time)."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        with engine.begin() as connection:
            _take_startup_lock(connection)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise StorageError(f"cannot open the database at {engine.url!r}: {exc.orig}") from None
    except SQLAlchemyError as exc:
        raise StorageError(f"database migration failed: {exc}") from None


def ensure_local_person(engine: Engine) -> int:
    """The single person of a local (no-account) installation."""
    with engine.begin() as connection:
        _take_startup_lock(connection)  # two workers must not both insert the local person
        found = connection.scalar(select(t.people.c.id).where(t.people.c.id == LOCAL_PERSON_ID))
        if found is None:
            connection.execute(
                insert(t.people).values(
                    id=LOCAL_PERSON_ID, display_name="me", created_at=datetime.now(UTC)
                )
            )
    align_people_ids(engine)  # the explicit id does not advance PostgreSQL's sequence
    return LOCAL_PERSON_ID


def align_people_ids(engine: Engine) -> None:
    """Move PostgreSQL's id sequence for people past the highest id in use.

    The local person is inserted with an explicit id (1), which does not advance the sequence;
    the first account created afterwards would then collide with it. Only ever moves forward
    (``nextval``), so a worker starting while another one inserts cannot hand out an id twice.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('people', 'id'), GREATEST("
                "(SELECT COALESCE(MAX(id), 1) FROM people), "
                "nextval(pg_get_serial_sequence('people', 'id'))))"
            )
        )
