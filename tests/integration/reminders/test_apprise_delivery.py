"""The optional Apprise channel, against a real HTTP receiver (Apprise's json:// service)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.reminders.conftest import SETUP, add_person
from upright.adapters.notify.apprise_channel import AppriseChannel
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.domain.errors import InvalidInput
from upright.services import reminder_system, reminders
from upright.services.access import Actor
from upright.services.library import Library

WED_0800 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
Uow = Callable[[], SqlUnitOfWork]


class Receiver:
    def __init__(self) -> None:
        self.got: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.got.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.http.server_port}/notify"

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


def test_apprise_delivers_once(engine: Engine, uow: Uow, library: Library) -> None:
    receiver = Receiver()
    try:
        add_person(engine, uow, 1)
        reminders.configure(
            uow(), Actor(1), 1,  # type: ignore[arg-type]
            {"time": "08:00", "timezone": "UTC", "channels": ["apprise"], "apprise_url": receiver.url},
            SETUP,
        )  # fmt: skip
        for hour in (0, 1):
            now = WED_0800.replace(hour=8 + hour)
            reminder_system.run_due(uow(), library, {"apprise": AppriseChannel()}, now, "w1")  # type: ignore[arg-type]
        assert len(receiver.got) == 1
        assert receiver.got[0]["title"] == "Today's session"
        assert receiver.got[0]["message"].startswith("Today: ")
    finally:
        receiver.close()


def test_apprise_needs_an_address(engine: Engine, uow: Uow) -> None:
    add_person(engine, uow, 1)
    with pytest.raises(InvalidInput, match="apprise address"):
        reminders.configure(uow(), Actor(1), 1, {"channels": ["apprise"]}, SETUP)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="not an address"):
        reminders.configure(
            uow(),
            Actor(1),
            1,
            {"channels": ["apprise"], "apprise_url": "my-topic"},
            SETUP,  # type: ignore[arg-type]
        )
