"""Engine creation and migrations (Alembic, run programmatically).

Every start (each CLI command, each web worker) checks the schema. Importing Alembic and
loading its scripts costs about 0.2 s, most of a quick command's time, so the check first
compares the stored ``alembic_version`` with the head read from the migration files as text,
and runs Alembic only when they differ.
"""

from __future__ import annotations

import re
import select as io_select
import time
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from upright.adapters.storage import tables as t
from upright.domain.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

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


def make_engine(url: str, idle_check_seconds: float | None = None) -> Engine:
    """The engine for ``url``; on PostgreSQL a pooled connection idle for ``idle_check_seconds``
    (default ``IDLE_CHECK_SECONDS``) is checked before use."""
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
    engine = create_engine(url, pool_recycle=RECYCLE_SECONDS)
    check_idle_connections(
        engine, IDLE_CHECK_SECONDS if idle_check_seconds is None else idle_check_seconds
    )
    return engine


#: a pooled PostgreSQL connection that sat unused this long is pinged before it is handed out
IDLE_CHECK_SECONDS = 10.0
#: and every connection is replaced after this long (a proxy or firewall may drop old ones)
RECYCLE_SECONDS = 1800


def check_idle_connections(engine: Engine, idle_seconds: float) -> None:
    """Check a pooled connection before use only when there is a reason to.

    ``pool_pre_ping`` pings at every checkout: a round trip per unit of work, paid on every
    request under load, although a connection used a moment ago is as good as checked. Here a
    connection is pinged when it sat unused for ``idle_seconds``, or when the server sent
    something while it sat in the pool: a restart (or ``pg_terminate_backend``) ends each
    session with an error and closes it, and that makes the socket readable, which costs a
    look at the socket to see, not a round trip. A failed ping makes the pool connect afresh.
    A connection that breaks while in use fails its request with ``ConnectionLost`` (the
    session log sends itself once more).
    """

    @event.listens_for(engine.pool, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")  # the info lives as long as the connection
        if returned is None:  # new: just connected
            return
        if time.monotonic() - returned < idle_seconds and not _has_news(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # any failure: this connection is not worth keeping
            raise sa_exc.DisconnectionError("a pooled connection was closed") from error


def _has_news(dbapi_connection: Any) -> bool:
    """Whether the server sent anything on a connection that is between transactions (then it
    is worth a ping): a poll of its socket that returns at once."""
    try:
        fd = dbapi_connection.fileno()
        if hasattr(io_select, "poll"):
            poller = io_select.poll()
            poller.register(fd, io_select.POLLIN | io_select.POLLPRI)
            return bool(poller.poll(0))
        return bool(io_select.select([fd], [], [], 0)[0])
    except Exception:  # no socket to look at (closed, or a driver without one): ping
        return True


def alembic_config(url: str) -> Config:
    from alembic.config import Config

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


_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


@cache
def head_revisions() -> frozenset[str]:
    """The head revision(s) of the migration files, read as text without importing Alembic.

    Empty when a file cannot be read this way (then Alembic decides, as always).
    """
    folder = resources.files("upright.adapters.storage") / "migrations" / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        scripts = [f for f in folder.iterdir() if f.name.endswith(".py")]
        for script in scripts:
            found = {m.group(1): m.group(2) for m in _ASSIGNMENT.finditer(script.read_text())}
            revision = _QUOTED.findall(found.get("revision", ""))
            if len(revision) != 1 or "down_revision" not in found:
                return frozenset()
            revisions.add(revision[0])
            parents.update(_QUOTED.findall(found["down_revision"]))
    except OSError:
        return frozenset()
    return frozenset(revisions - parents)


def at_head(engine: Engine) -> bool:
    """Whether the database's stored revision is the head of the migration files (a quick read
    on its own connection; any doubt, such as no version table yet, answers False)."""
    heads = head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
            return set(stored) == heads
    except SQLAlchemyError:
        return False


def upgrade(engine: Engine) -> None:
    """Bring the database to the latest schema (idempotent; one worker at a time).

    Nothing to do when the stored revision is the head (most starts). Otherwise Alembic runs
    under the start-up lock; it looks again once it holds the lock, so a worker that waited
    while another one migrated finds nothing left to do.
    """
    if at_head(engine):
        return
    from alembic import command

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
