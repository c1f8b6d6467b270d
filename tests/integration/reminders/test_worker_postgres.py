"""On a real PostgreSQL: two `upright worker` processes, everyone due in the same minute, one
worker killed with SIGKILL in the middle of a send. Every message arrives exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import sessionmaker

from tests.conftest import base_profile
from tests.e2e.conftest import UPRIGHT
from tests.integration.conftest import _postgres_engine
from tests.integration.reminders.mailserver import Inbox, MailServer
from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.services import planning, reminders
from upright.services.access import Actor

PEOPLE = 40
SLOW = 6  # this person's first delivery hangs in the SMTP conversation until the kill


class SlowInbox(Inbox):
    def __init__(self, slow: str) -> None:
        super().__init__()
        self.slow = slow
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address == self.slow and not self.stalled.is_set():
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return await super().handle_RCPT(server, session, envelope, address, options)


def _wait(condition: Any, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    yield from _postgres_engine()


@pytest.mark.postgres
def test_two_workers_one_killed_mid_send_every_message_once(
    pg_engine: Engine, tmp_path: Path
) -> None:
    engine = pg_engine
    database.upgrade(engine)
    database.ensure_local_person(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    now = datetime.now(UTC)
    everyday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for n in range(2, PEOPLE + 2):
        with engine.begin() as conn:
            conn.execute(
                insert(t.people).values(
                    id=n, email=f"p{n}@example.org", display_name=f"p{n}", created_at=now
                )
            )
        planning.save_profile(SqlUnitOfWork(factory), Actor(n), n, base_profile(days=everyday), now)
        reminders.configure(
            SqlUnitOfWork(factory), Actor(n), n,
            {"time": "00:00", "timezone": "UTC", "channels": ["email"], "days": everyday},
            now,
        )  # fmt: skip
    database.align_people_ids(engine)
    slow = f"p{SLOW}@example.org"
    server = MailServer()
    server.inbox = SlowInbox(slow)
    server.controller.handler = server.inbox
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
    env.update(
        UPRIGHT_DATABASE_URL=engine.url.render_as_string(hide_password=False),
        UPRIGHT_SMTP_URL=server.url,
        UPRIGHT_DATA_DIR=str(tmp_path),
        UPRIGHT_REMINDER_LOOP_SECONDS="1",
        UPRIGHT_REMINDER_LEASE_SECONDS="3",
    )
    workers: list[subprocess.Popen[bytes]] = []
    with server:
        try:
            for i in range(2):
                log = (tmp_path / f"worker{i}.log").open("wb")
                workers.append(
                    subprocess.Popen([UPRIGHT, "worker"], env=env, stdout=log, stderr=log)
                )
            assert _wait(server.inbox.stalled.is_set, 45), _logs(tmp_path)
            # the worker holding the slow message is the one to kill
            with engine.connect() as conn:
                holder = conn.scalar(
                    select(t.reminder_outbox.c.claimed_by).where(
                        t.reminder_outbox.c.person_id == SLOW
                    )
                )
            pid = int(str(holder).rsplit("-", 1)[1])
            assert pid in [w.pid for w in workers]
            os.kill(pid, signal.SIGKILL)
            server.inbox.release.set()
            everyone = {f"p{n}@example.org" for n in range(2, PEOPLE + 2)}
            assert _wait(lambda: {m["To"] for m in server.inbox.messages} >= everyone, 45), _logs(
                tmp_path
            )
            time.sleep(2)  # room for a duplicate to show up, if there were one
            sent = sorted(m["To"] for m in server.inbox.messages)
        finally:
            for w in workers:
                if w.poll() is None:
                    w.send_signal(signal.SIGTERM)
            for w in workers:
                try:
                    w.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    w.kill()
                    w.wait()
    assert sent == sorted(everyone), "a message went out twice or not at all"
    with engine.connect() as conn:
        statuses = conn.execute(select(t.reminder_outbox.c.status)).scalars().all()
    assert statuses == ["sent"] * PEOPLE


def _logs(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(folder.glob("*.log")))
