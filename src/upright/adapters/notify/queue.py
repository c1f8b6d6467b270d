"""`upright worker` on PostgreSQL: a procrastinate app with one periodic job, locked in the database.

Every ``UPRIGHT_REMINDER_LOOP_SECONDS`` procrastinate defers one ``reminders_tick`` job (each
periodic moment is deferred once, however many workers run); whichever worker takes it runs a
round: queue what is due into the outbox, then deliver. Several rounds may overlap on several
workers: the outbox's unique key and leased claims keep every message to one send. A worker that
dies mid-round leaves its claimed messages to the next round once their lease runs out; its
stalled job is retried (harmless for the same reason).
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import procrastinate
from sqlalchemy import make_url, text

from upright import bootstrap
from upright.adapters.storage import database

log = logging.getLogger("upright.worker")
#: one number for all Upright processes that might apply procrastinate's schema at once
SCHEMA_LOCK = 0x5550_5249  # "UPRI"


def conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _cron(seconds: int) -> str:
    if seconds >= 60:
        return f"*/{max(1, seconds // 60)} * * * *"
    return f"* * * * * */{seconds}"  # procrastinate's optional 6th column: seconds


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def build_queue(services: bootstrap.Services) -> procrastinate.App:
    settings = services.settings
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.url))
    )
    name = worker_name()
    lease = timedelta(seconds=settings.reminder_lease_seconds)

    @app.periodic(cron=_cron(settings.reminder_loop_seconds))
    @app.task(name="reminders_tick", queueing_lock="reminders_tick", queue="reminders")
    def reminders_tick(timestamp: int) -> None:
        report = bootstrap.send_due_reminders(
            services, datetime.now(UTC), name, lease=lease, clock=lambda: datetime.now(UTC)
        )
        if report.sent or report.errors:
            log.info(
                "sent %s, retrying %s, given up %s", report.sent, report.retrying, report.failed
            )

    @app.periodic(cron="*/5 * * * *")
    @app.task(
        name="retry_stalled", queueing_lock="retry_stalled", queue="reminders", pass_context=True
    )
    async def retry_stalled(context: procrastinate.JobContext, timestamp: int) -> None:
        for job in await app.job_manager.get_stalled_jobs():
            await app.job_manager.retry_job(job)

    return app


def apply_schema(services: bootstrap.Services) -> None:
    """procrastinate's tables, once: the first worker applies them under an advisory lock."""
    engine = database.make_engine(services.settings.url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
            found = connection.scalar(text("SELECT to_regclass('procrastinate_jobs')"))
            if found is None:
                # the raw psycopg connection runs the multi-statement script as it is
                raw: Any = connection.connection.dbapi_connection
                raw.execute(procrastinate.schema.SchemaManager.get_schema())
    finally:
        engine.dispose()


def run(services: bootstrap.Services) -> None:
    apply_schema(services)
    app = build_queue(services)
    with app.open():
        app.run_worker(
            queues=["reminders"], name=worker_name(), install_signal_handlers=True,
            delete_jobs="successful",
            fetch_job_polling_interval=min(5.0, float(services.settings.reminder_loop_seconds)),
        )  # fmt: skip
