"""What every request handler needs, built once per app by ``create_app`` (never at import)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates

from upright.bootstrap import Services
from upright.config import Settings
from upright.services.accounts import AccountsUnitOfWork, GatedHasher, LoginPolicy
from upright.services.ports import DataVersionReader, IdempotencyStore
from upright.web.cache import Cache

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class WebContext:
    settings: Settings
    services: Services
    #: the core unit of work plus the web repositories (accounts, sessions, idempotency keys)
    web_uow: Callable[[], AccountsUnitOfWork]
    #: each person's data version, the key of the plan and page cache
    versions: DataVersionReader
    #: stored answers of POSTs sent with an Idempotency-Key (or a form token)
    idempotency: IdempotencyStore
    templates: Jinja2Templates
    secret: bytes
    #: argon2id, a few hashes at a time (GatedHasher)
    hasher: GatedHasher
    policy: LoginPolicy = field(default_factory=LoginPolicy)
    #: exercise ids that have a picture (from the poses, when the app is built)
    illustrations: frozenset[str] = frozenset()
    #: plans and pages keyed by the person's data version (see cache.py)
    cache: Cache = field(default_factory=Cache)
    #: SQLite has one writer at a time, and a writer that finds the file locked sleeps in
    #: steps of up to 100 ms (the busy handler). Taking turns in the process first keeps
    #: writes quick under load; PostgreSQL locks rows itself and needs no such turn-taking.
    write_lock: AbstractContextManager[Any] = field(default_factory=nullcontext)

    @property
    def server(self) -> bool:
        return self.settings.mode == "server"
