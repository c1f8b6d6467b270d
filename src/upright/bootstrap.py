"""The composition root: the one place that builds concrete adapters from settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from upright.adapters import data_files
from upright.adapters.importers import DeviceFileReader
from upright.adapters.storage import database
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.config import Settings
from upright.services.library import Library


class SystemClock:
    """The real clock; ``fixed_today`` moves it to another day (settings.today) for demos and tests."""

    def __init__(self, fixed_today: date | None = None) -> None:
        self.fixed_today = fixed_today

    def now(self) -> datetime:
        real = datetime.now().astimezone()
        if self.fixed_today is None:
            return real
        return datetime.combine(self.fixed_today, real.timetz())

    def today(self) -> date:
        return self.now().date()


@dataclass
class Services:
    settings: Settings
    engine: Engine
    uow: Callable[[], SqlUnitOfWork]
    clock: SystemClock
    person_id: int
    library: Library
    files: DeviceFileReader


def library() -> Library:
    return Library(catalog=data_files.load_catalog(), rules=data_files.load_rulebook())


def build(settings: Settings) -> Services:
    engine = database.make_engine(settings.url)
    database.upgrade(engine)
    person_id = database.ensure_local_person(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    return Services(
        settings=settings,
        engine=engine,
        uow=lambda: SqlUnitOfWork(factory),
        clock=SystemClock(settings.today),
        person_id=person_id,
        library=library(),
        files=DeviceFileReader(),
    )
