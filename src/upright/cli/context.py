"""Builds the wired services once per CLI run (never at import time)."""

from __future__ import annotations

from functools import cache

from pydantic import ValidationError

from upright import bootstrap
from upright.config import Settings
from upright.domain.errors import InvalidInput
from upright.services.ports import Clock


def load_settings() -> Settings:
    """Settings from the environment; a bad value names its UPRIGHT_ variable."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "UPRIGHT_" + str(first["loc"][0]).upper() if first.get("loc") else "UPRIGHT_*"
        raise InvalidInput(name, str(first.get("msg", "is not valid"))) from None


@cache
def services() -> bootstrap.Services:
    return bootstrap.build(load_settings())


def clock() -> Clock:
    """Today and now without opening the database (settings.today moves the day)."""
    return bootstrap.clock(load_settings())
