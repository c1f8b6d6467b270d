"""Engine creation and migrations (Alembic, run programmatically).

Every start (each CLI command, each web worker) checks the schema. Importing Alembic and
loading its scripts costs about 0.2 s, most of a quick command's time, so the check first
compares the stored ``alembic_version`` with the head read from the migration files as text,
and runs Alembic only when they differ.
"""

from __future__ import annotations

import re
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
