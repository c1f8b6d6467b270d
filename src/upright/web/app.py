"""The web app: ``create_app(settings, services)`` and the ``build_app(settings)`` factory.

Nothing is built at import time. ``upright serve`` calls ``build_app``; uvicorn can also use
``upright.web.app:from_environment`` with ``--factory`` (several workers).
"""

from __future__ import annotations

import threading
from contextlib import nullcontext

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from upright import __version__, bootstrap
from upright.adapters import pictures
from upright.config import Settings
from upright.domain.vocab import DISCLAIMER
from upright.services.accounts import GatedHasher, Hasher
from upright.web import errors
from upright.web.context import STATIC, WebContext
from upright.web.reminder_loop import lifespan as reminder_loop_lifespan
from upright.web.render import make_templates
from upright.web.routes import routers
from upright.web.security import EdgeMiddleware, check_server_secret, web_secret
from upright.web.uploads import UploadGuard

DESCRIPTION = (
    "The JSON API of Upright, a back-health exercise coach: everything the pages do. "
    "Errors are JSON naming the field. POSTs that store accept an `Idempotency-Key` header. "
    "In server mode, sign in first (`/api/auth/signin`); the session cookie scopes every call "
    "to the signed-in person. " + DISCLAIMER
)


def _illustrations() -> frozenset[str]:
    """The exercises with pictures (drawn from the poses in the catalog)."""
    return pictures.drawn()


def create_app(
    settings: Settings,
    services: bootstrap.Services,
    hasher: Hasher | None = None,
    reminder_loop: bool = False,
) -> FastAPI:
    """The app around already-built services (tests pass their own).

    Every adapter comes from ``services`` (the composition root, ``upright.bootstrap``).
    """
    if settings.mode == "server":
        check_server_secret(settings)
    app = FastAPI(
        title="Upright",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; the pages must work offline
        redoc_url=None,
        lifespan=reminder_loop_lifespan(services) if reminder_loop else None,
    )
    app.state.ctx = WebContext(
        settings=settings,
        services=services,
        web_uow=services.accounts_uow,
        versions=services.versions,
        idempotency=services.idempotency,
        templates=make_templates(),
        secret=web_secret(settings),
        hasher=GatedHasher(hasher or services.hasher, settings.hash_slots),
        illustrations=_illustrations(),
        write_lock=threading.RLock() if settings.is_sqlite else nullcontext(),
    )
    errors.install(app, services.outage_errors)
    for router in routers():
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(UploadGuard)  # inside EdgeMiddleware: it needs the anon cookie
    app.add_middleware(EdgeMiddleware)
    return app


def build_app(settings: Settings) -> FastAPI:
    """Build the services from settings, then the app (what `upright serve` runs)."""
    if settings.mode == "server":
        check_server_secret(settings)  # refuse before touching the database
    # one machine (SQLite): the server sends reminders; with PostgreSQL, `upright worker` does
    return create_app(settings, bootstrap.build(settings), reminder_loop=settings.is_sqlite)


def from_environment() -> FastAPI:
    """For ``uvicorn --factory upright.web.app:from_environment`` (settings from UPRIGHT_*)."""
    return build_app(Settings())
