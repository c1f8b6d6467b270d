"""`upright worker`: sends reminders on a PostgreSQL server, as many processes as wanted."""

from __future__ import annotations

import logging

from upright.cli.context import services
from upright.domain.errors import InvalidInput


def worker() -> None:
    """Run a background worker (PostgreSQL only): sends due reminders, retries failed ones.

    Start as many as you like, on as many machines: each reminder is still sent once.
    On one machine with SQLite, `upright serve` sends reminders itself (or use
    `upright remind --due` from cron). Stop it with Ctrl+C or SIGTERM.
    """
    svc = services()
    if svc.settings.is_sqlite:
        raise InvalidInput(
            "UPRIGHT_DATABASE_URL",
            "the worker needs PostgreSQL; on one machine `upright serve` sends reminders itself, "
            "or run `upright remind --due` from cron",
            "postgresql+psycopg://user:password@host/db",
        )
    try:
        from upright.adapters.notify import queue
    except ImportError:
        raise InvalidInput(
            "worker", "the worker needs the postgres extra", "pip install 'upright[postgres]'"
        ) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    queue.run(svc)
