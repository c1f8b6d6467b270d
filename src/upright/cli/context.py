"""Builds the wired services once per CLI run (never at import time)."""

from __future__ import annotations

from functools import cache

from upright import bootstrap
from upright.config import Settings


@cache
def services() -> bootstrap.Services:
    return bootstrap.build(Settings())
