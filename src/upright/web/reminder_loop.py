"""On one machine (SQLite), the web server sends due reminders itself: a small loop in its
lifespan. With PostgreSQL, `upright worker` processes do this instead (see docs/deploy.md)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI

from upright import bootstrap
from upright.domain.errors import UprightError
from upright.services import reminder_system

log = logging.getLogger("upright.reminders")


def run_once(services: bootstrap.Services, now: datetime) -> reminder_system.RunReport:
    worker = f"{socket.gethostname()}-{os.getpid()}-web"
    return bootstrap.send_due_reminders(services, now, worker)


async def _loop(services: bootstrap.Services, every: float) -> None:
    while True:
        try:
            report = await asyncio.to_thread(run_once, services, datetime.now(UTC))
            if report.sent or report.errors:
                log.info("reminders: sent %s, errors %s", report.sent, report.errors)
        except UprightError as error:  # a reminder must never take the web server down
            log.warning("reminders: %s", error.message)
        await asyncio.sleep(every)


def lifespan(services: bootstrap.Services) -> Any:
    @asynccontextmanager
    async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_loop(services, services.settings.reminder_loop_seconds))
        try:
            yield
        finally:
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - shutting down
                pass

    return _lifespan
