"""Builds the wired services once per CLI run (never at import time)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from upright.domain.errors import InvalidInput

if TYPE_CHECKING:  # the real imports wait until a command needs them: `--help` stays quick
    from upright import bootstrap
    from upright.config import Settings
    from upright.services.library import Library
    from upright.services.ports import Clock


def load_settings() -> Settings:
    """Settings from the environment; a bad value names its UPRIGHT_ variable."""
    from pydantic import ValidationError

    from upright.config import Settings

    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "UPRIGHT_" + str(first["loc"][0]).upper() if first.get("loc") else "UPRIGHT_*"
        raise InvalidInput(name, str(first.get("msg", "is not valid"))) from None


@cache
def services() -> bootstrap.Services:
    from upright import bootstrap

    return bootstrap.build(load_settings(), parsed=parsed_folder())


def clock() -> Clock:
    """Today and now without opening the database (settings.today moves the day)."""
    from upright import bootstrap

    return bootstrap.clock(load_settings())


def library() -> Library:
    """The catalog and the rule book (bundled data; no database)."""
    from upright import bootstrap

    return bootstrap.library(parsed_folder())


def parsed_folder() -> Path:
    """Where the parsed catalog and rule book are kept between runs: the user's cache folder
    (``XDG_CACHE_HOME`` moves it; anything wrong there just means parsing again)."""
    import platformdirs

    return platformdirs.user_cache_path("upright", appauthor=False)
