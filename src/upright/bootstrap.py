"""The composition root: the one place that builds concrete adapters from settings.

Everything else gets what it needs from ``Services``, typed by the ports: the web and the CLI
call services with these, and never open a database session themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from upright.adapters import data_files
from upright.adapters.clock import SystemClock
from upright.adapters.passwords import Argon2Hasher
from upright.adapters.person_files import PersonFolders
from upright.adapters.storage import database
from upright.adapters.storage.accounts import DataVersions, IdempotencyKeys, WebUnitOfWork
from upright.adapters.storage.unit_of_work import SqlUnitOfWork, Translating, translated
from upright.config import Settings
from upright.services.access import Actor, actor_for
from upright.services.library import Library
from upright.services.ports import (
    Clock,
    DataVersionReader,
    IdempotencyStore,
    PersonFiles,
    UnitOfWork,
)

if TYPE_CHECKING:  # types only: a quick command (`upright today`) never loads these
    from upright.services.accounts import AccountsUnitOfWork, Hasher
    from upright.services.imports import DeviceFiles, ParsedDeviceFile
    from upright.services.reminder_ports import Channel
    from upright.services.reminder_system import RunReport


@dataclass
class Services:
    settings: Settings
    uow: Callable[[], UnitOfWork]
    clock: Clock
    #: the installation's one person (local mode: the CLI and the web without accounts)
    actor: Actor
    library: Library
    files: DeviceFiles
    hasher: Hasher
    #: the core unit of work plus accounts, sign-in sessions and failed sign-ins (server mode)
    accounts_uow: Callable[[], AccountsUnitOfWork]
    versions: DataVersionReader
    idempotency: IdempotencyStore
    #: release the database connections (tests, and a server shutting down)
    close: Callable[[], None]
    #: the storage library's "cannot reach the database now" errors (the web answers 503)
    outage_errors: tuple[type[Exception], ...] = database.OUTAGE_ERRORS
    #: opens the e-mail channel for one message (password resets); None: no UPRIGHT_SMTP_URL
    mail: Callable[[], AbstractContextManager[Channel]] | None = None
    #: files kept about a person beside the database (the CLI's saved `today`); None: none kept
    person_files: PersonFiles | None = None


def clock(settings: Settings) -> Clock:
    """The clock alone, for commands that touch no database (``plan --profile``, ``simulate``)."""
    return SystemClock(settings.today)


def library(parsed: Path | None = None) -> Library:
    """The catalog and the rule book; with ``parsed``, kept parsed in that folder between runs
    (the command line: its runs are short)."""
    if parsed is None:
        catalog, rules = data_files.load_catalog(), data_files.load_rulebook()
    else:
        from upright.adapters import parsed_data

        catalog, rules = parsed_data.load(parsed)
    return Library(catalog=catalog, rules=rules, version=data_files.data_version())


class LazyDeviceFiles:
    """The device-file reader, loaded on first use: the importers take longer to load than a
    quick command takes to run."""

    def __init__(self) -> None:
        self._reader: DeviceFiles | None = None

    def _loaded(self) -> DeviceFiles:
        if self._reader is None:
            from upright.adapters.importers import DeviceFileReader

            self._reader = DeviceFileReader()
        return self._reader

    def sha256(self, path: str) -> str:
        return self._loaded().sha256(path)

    def read(
        self, path: str, progress: Callable[[int, int], None] | None, since: float | None = None
    ) -> ParsedDeviceFile:
        return self._loaded().read(path, progress, since)


def build(settings: Settings, hasher: Hasher | None = None, parsed: Path | None = None) -> Services:
    """Everything wired; ``parsed``: a folder to keep the parsed data files in (``library``)."""
    engine = database.make_engine(settings.url)
    database.upgrade(engine)
    person_id = translated(database.ensure_local_person)(engine)
    factory = engine.connect  # Core connections: the repositories run Core statements only

    def uow() -> UnitOfWork:
        return SqlUnitOfWork(factory)

    def accounts_uow() -> AccountsUnitOfWork:
        return WebUnitOfWork(factory)

    return Services(
        settings=settings,
        uow=uow,
        clock=clock(settings),
        actor=actor_for(uow(), person_id),
        library=library(parsed),
        files=LazyDeviceFiles(),
        hasher=hasher or Argon2Hasher(),
        accounts_uow=accounts_uow,
        versions=Translating(DataVersions(engine)),
        idempotency=Translating(IdempotencyKeys(engine, settings.idempotency_claim_seconds)),
        close=engine.dispose,
        mail=mail_opener(settings),
        person_files=PersonFolders(settings.data_dir),
    )


def mail_opener(settings: Settings) -> Callable[[], AbstractContextManager[Channel]] | None:
    """E-mail for one message at a time (a password-reset link), over UPRIGHT_SMTP_URL;
    None when the installation has no e-mail set up."""
    url = settings.smtp_url
    if not url:
        return None

    @contextmanager
    def open_mail() -> Iterator[Channel]:
        from upright.adapters.notify.mail import SmtpChannel, parse_smtp_url  # only when sending

        channel = SmtpChannel(parse_smtp_url(url))
        try:
            yield channel
        finally:
            channel.close()

    return open_mail


def reminder_channels(services: Services) -> AbstractContextManager[dict[str, Channel]]:
    """The reminder channels this installation has set up (e-mail when UPRIGHT_SMTP_URL is set,
    web push with this server's VAPID key), for one round; connections close afterwards."""
    from upright.adapters.notify.channels import open_channels  # smtplib, ssl: only when sending

    keys: Any = services.uow  # the VAPID key pair is kept in the database
    return open_channels(services.settings, keys)


def send_due_reminders(
    services: Services,
    now: datetime,
    worker: str,
    lease: timedelta | None = None,
    clock: Callable[[], datetime] | None = None,
) -> RunReport:
    """One round of due reminders through this installation's channels, with its stop links
    (the CLI's ``remind --due``, the web server's loop and the PostgreSQL worker all call this)."""
    from upright.adapters.notify.channels import unsubscribe_link
    from upright.services import reminder_system

    tx: Any = services.uow()  # the core unit of work also holds the reminder repositories
    extra: dict[str, Any] = {"clock": clock}
    if lease is not None:
        extra["lease"] = lease
    with reminder_channels(services) as channels:
        return reminder_system.run_due(
            tx,
            services.library,
            channels,
            now,
            worker,
            unsubscribe_link(services.settings),
            **extra,
        )
