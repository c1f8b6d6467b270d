"""The composition root: the one place that builds concrete adapters from settings.

Everything else gets what it needs from ``Services``, typed by the ports: the web and the CLI
call services with these, and never open a database session themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import sessionmaker

from upright.adapters import data_files
from upright.adapters.clock import SystemClock
from upright.adapters.importers import DeviceFileReader
from upright.adapters.passwords import Argon2Hasher
from upright.adapters.storage import database
from upright.adapters.storage.accounts import DataVersions, IdempotencyKeys, WebUnitOfWork
from upright.adapters.storage.unit_of_work import SqlUnitOfWork, Translating, translated
from upright.config import Settings
from upright.services.access import Actor, actor_for
from upright.services.accounts import AccountsUnitOfWork, Hasher
from upright.services.imports import DeviceFiles
from upright.services.library import Library
from upright.services.ports import Clock, DataVersionReader, IdempotencyStore, UnitOfWork
from upright.services.reminder_ports import Channel


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


def clock(settings: Settings) -> Clock:
    """The clock alone, for commands that touch no database (``plan --profile``, ``simulate``)."""
    return SystemClock(settings.today)


def library() -> Library:
    return Library(
        catalog=data_files.load_catalog(),
        rules=data_files.load_rulebook(),
        version=data_files.data_version(),
    )


def build(settings: Settings, hasher: Hasher | None = None) -> Services:
    engine = database.make_engine(settings.url)
    database.upgrade(engine)
    person_id = translated(database.ensure_local_person)(engine)
    factory = sessionmaker(engine, expire_on_commit=False)

    def uow() -> UnitOfWork:
        return SqlUnitOfWork(factory)

    def accounts_uow() -> AccountsUnitOfWork:
        return WebUnitOfWork(factory)

    return Services(
        settings=settings,
        uow=uow,
        clock=clock(settings),
        actor=actor_for(uow(), person_id),
        library=library(),
        files=DeviceFileReader(),
        hasher=hasher or Argon2Hasher(),
        accounts_uow=accounts_uow,
        versions=Translating(DataVersions(engine)),
        idempotency=Translating(IdempotencyKeys(engine, settings.idempotency_claim_seconds)),
        close=engine.dispose,
    )


def reminder_channels(services: Services) -> AbstractContextManager[dict[str, Channel]]:
    """The reminder channels this installation has set up (e-mail when UPRIGHT_SMTP_URL is set,
    web push with this server's VAPID key), for one round; connections close afterwards."""
    from upright.adapters.notify.channels import open_channels  # smtplib, ssl: only when sending

    keys: Any = services.uow  # the VAPID key pair is kept in the database
    return open_channels(services.settings, keys)
