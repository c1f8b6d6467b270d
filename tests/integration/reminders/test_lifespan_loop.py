"""On SQLite the web server sends reminders itself, from a loop in its lifespan."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import base_profile
from tests.integration.reminders.mailserver import MailServer
from upright import bootstrap
from upright.config import Settings
from upright.services import planning, reminders
from upright.web.app import create_app

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_the_web_server_sends_due_reminders_while_it_runs(tmp_path: Path) -> None:
    with MailServer() as server:
        settings = Settings(data_dir=tmp_path, smtp_url=server.url, reminder_loop_seconds=1)
        services = bootstrap.build(settings)
        now = datetime.now(UTC)
        me = services.actor
        planning.save_profile(services.uow(), me, me.person_id, base_profile(days=EVERY_DAY), now)
        reminders.configure(
            services.uow(), me, me.person_id,  # type: ignore[arg-type]
            {"time": "00:00", "timezone": "UTC", "channels": ["email"], "days": EVERY_DAY,
             "email": "sam@example.org"},
            now,
        )  # fmt: skip
        app = create_app(settings, services, reminder_loop=True)
        with TestClient(app):
            end = time.monotonic() + 30
            while not server.inbox.messages and time.monotonic() < end:
                time.sleep(0.1)
            time.sleep(1.5)  # a second round must not send it again
        services.close()
        assert [m["To"] for m in server.inbox.messages] == ["sam@example.org"]
