"""Reminders: how fast a worker sends to a local SMTP server, and how the due query scales.

Usage: .venv/bin/python bench/bench_reminders.py [--postgres URL] [--sizes 1000,10000,100000]

1. Sending: N outbox messages through Upright's delivery (claim, send, mark sent; one SMTP
   connection) against the same N messages sent with bare smtplib on one connection (the peer).
2. The due query (``reminder_settings.next_check <= now``, indexed, 200 rows) at each size,
   against the peer that reads every person's settings and filters in Python.
3. A round's cost per person: the plan, the history and the due rules for 200 people.
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, delete, insert, select, text  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402
from tests.conftest import base_profile  # noqa: E402
from tests.integration.reminders.mailserver import free_port  # noqa: E402

from upright.adapters import data_files  # noqa: E402
from upright.adapters.notify.mail import SmtpChannel, build_message, parse_smtp_url  # noqa: E402
from upright.adapters.storage import database  # noqa: E402
from upright.adapters.storage import tables as t  # noqa: E402
from upright.adapters.storage.reminders import SqlReminders  # noqa: E402
from upright.adapters.storage.unit_of_work import SqlUnitOfWork  # noqa: E402
from upright.domain.reminders import Due, parse_settings  # noqa: E402
from upright.domain.reminders.schedule import next_check  # noqa: E402
from upright.services import planning, reminder_system  # noqa: E402
from upright.services.access import Actor  # noqa: E402
from upright.services.library import Library  # noqa: E402
from upright.services.reminder_ports import Outgoing  # noqa: E402

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
SETTINGS = parse_settings(
    {"days": "mon,wed,fri", "time": "08:00", "timezone": "Europe/London", "channels": "email"}
)


class SinkServer:
    """aiosmtpd in its own process (so it does not share this one's GIL), discarding mail."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}?from=coach@upright.test"

    def __enter__(self) -> SinkServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Sink"]
        )  # fmt: skip
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the SMTP sink did not start")

    def __exit__(self, *args: object) -> None:
        self.process.terminate()
        self.process.wait()


def reset(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in (t.reminder_outbox, t.reminder_settings, t.profile_versions, t.people):
            conn.execute(delete(table))


def add_people(engine: Engine, count: int, spread: bool) -> None:
    rows, settings = [], []
    for n in range(1, count + 1):
        rows.append({"id": n, "email": f"p{n}@example.org", "created_at": NOW})
        # spread: next checks over the coming week (most people are not due now)
        when = NOW + timedelta(minutes=(n * 37) % (7 * 24 * 60)) - timedelta(minutes=30)
        settings.append({
            "person_id": n, "data": SETTINGS.to_dict(), "email": None,
            "unsubscribe_token": f"tok{n}", "next_check": (when if spread else NOW).replace(tzinfo=None),
            "updated_at": NOW.replace(tzinfo=None),
        })  # fmt: skip
    with engine.begin() as conn:
        for i in range(0, count, 5000):
            conn.execute(insert(t.people), rows[i : i + 5000])
            conn.execute(insert(t.reminder_settings), settings[i : i + 5000])
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def bench_send(engine: Engine, count: int) -> None:
    reset(engine)
    add_people(engine, count, spread=False)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session:
        store = SqlReminders(session)
        for n in range(1, count + 1):
            due = Due(
                "session", NOW.date(), "Today's session", "Today: Brisk walk (about 10 minutes)."
            )
            store.add_to_outbox(n, due, ["email"], NOW)
        session.commit()
    with SinkServer() as server:
        channel = SmtpChannel(parse_smtp_url(server.url))
        start = time.perf_counter()
        report = reminder_system.deliver(
            SqlUnitOfWork(factory), {"email": channel}, NOW, "bench",  # type: ignore[arg-type]
            unsubscribe_url=lambda token: f"http://upright.test/reminders/stop/{token}",
        )  # fmt: skip
        ours = time.perf_counter() - start
        channel.close()
        assert report.sent == count, report.to_json()
        config = parse_smtp_url(server.url)
        start = time.perf_counter()
        # the peer builds the same message (plain + HTML) and sends it on one connection
        with smtplib.SMTP(config.host, config.port) as smtp:
            for n in range(count):
                outgoing = Outgoing(
                    f"{n}", "Today's session", "Today: Brisk walk.", email=f"p{n}@example.org",
                    unsubscribe_url=f"http://upright.test/reminders/stop/tok{n}",
                )  # fmt: skip
                smtp.send_message(build_message(config, outgoing))
        bare = time.perf_counter() - start
    print(f"send {count} on {engine.dialect.name}: upright {count / ours:,.0f}/s ({ours:.2f} s); "
          f"bare smtplib {count / bare:,.0f}/s ({bare:.2f} s); upright/bare = {bare / ours:.2f}")  # fmt: skip


def bench_due_query(engine: Engine, count: int) -> None:
    reset(engine)
    add_people(engine, count, spread=True)
    factory = sessionmaker(engine, expire_on_commit=False)
    runs = 20
    with factory() as session:
        store = SqlReminders(session)
        found = len(store.due_people(NOW, 200))
        start = time.perf_counter()
        for _ in range(runs):
            store.due_people(NOW, 200)
        ours = (time.perf_counter() - start) / runs
        cutoff = NOW.replace(tzinfo=None)
        start = time.perf_counter()
        for _ in range(3):
            rows = session.execute(select(t.reminder_settings)).all()
            peer_found = sum(1 for r in rows if r.next_check.replace(tzinfo=None) <= cutoff)
        scan = (time.perf_counter() - start) / 3
    print(f"due query {count:>7,} people on {engine.dialect.name}: {ours * 1000:.2f} ms "
          f"({found} rows); full scan {scan * 1000:.1f} ms ({peer_found} due); scan/query = {scan / ours:,.0f}x")  # fmt: skip


def bench_round(engine: Engine, people: int) -> None:
    reset(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    library = Library(catalog=data_files.load_catalog(), rules=data_files.load_rulebook())
    with engine.begin() as conn:
        conn.execute(
            insert(t.people),
            [
                {"id": n, "email": f"p{n}@example.org", "created_at": NOW}
                for n in range(1, people + 1)
            ],
        )
    for n in range(1, people + 1):
        planning.save_profile(SqlUnitOfWork(factory), Actor(n), n, base_profile(), NOW)  # type: ignore[arg-type]
        with factory() as session:
            SqlReminders(session).save_settings(
                n, SETTINGS.to_dict(), None, next_check(SETTINGS, NOW - timedelta(hours=1)), NOW
            )
            session.commit()
    start = time.perf_counter()
    queued = reminder_system.queue_due(SqlUnitOfWork(factory), library, NOW)  # type: ignore[arg-type]
    took = time.perf_counter() - start
    print(f"round (plan + rules + outbox) for {people} people on {engine.dialect.name}: "
          f"{took:.2f} s, {took / people * 1000:.1f} ms/person, {len(queued)} queued")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--send", type=int, default=500)
    args = parser.parse_args()
    urls = [f"sqlite:///{tempfile.mkdtemp()}/bench.db"]
    if args.postgres:
        urls.append(args.postgres)
    for url in urls:
        engine = database.make_engine(url)
        database.upgrade(engine)
        bench_send(engine, args.send)
        for size in (int(s) for s in args.sizes.split(",")):
            bench_due_query(engine, size)
        bench_round(engine, 200)
        reset(engine)
        engine.dispose()


if __name__ == "__main__":
    main()
