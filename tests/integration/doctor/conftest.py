from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import base_profile
from upright import bootstrap
from upright.config import Settings
from upright.services import planning

DAY = date(2026, 11, 2)  # a Monday


@pytest.fixture
def make_services(engine: Engine, tmp_path: Path) -> Iterator[Callable[..., bootstrap.Services]]:
    built: list[bootstrap.Services] = []

    def _make(today: date = DAY) -> bootstrap.Services:
        settings = Settings(
            data_dir=tmp_path / "data",
            database_url=engine.url.render_as_string(hide_password=False),
            today=today,
        )
        services = bootstrap.build(settings)
        built.append(services)
        return services

    yield _make
    for services in built:
        services.close()


@pytest.fixture
def svc(make_services: Callable[..., bootstrap.Services]) -> bootstrap.Services:
    services = make_services()
    planning.save_profile(
        services.uow(),
        services.actor,
        services.actor.person_id,
        base_profile(),
        services.clock.now(),
    )
    return services
