"""Web push end to end: VAPID keys made once, payload encrypted for the subscriber, gone
subscriptions removed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from tests.integration.reminders.conftest import SETUP, add_person
from tests.integration.reminders.pushserver import PushServer
from upright.adapters.notify.push import PushChannel, public_key, server_vapid
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.services import reminder_system, reminders
from upright.services.access import Actor
from upright.services.library import Library

WED_0800 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
Uow = Callable[[], SqlUnitOfWork]


def _run(uow: Uow, library: Library, now: datetime) -> reminder_system.RunReport:
    channel = PushChannel(server_vapid(uow), "mailto:admin@upright.test", timeout=5)  # type: ignore[arg-type]
    return reminder_system.run_due(uow(), library, {"push": channel}, now, "w1")  # type: ignore[arg-type]


def test_vapid_keys_are_made_once_and_kept(uow: Uow) -> None:
    first = public_key(server_vapid(uow))  # type: ignore[arg-type]
    assert public_key(server_vapid(uow)) == first  # type: ignore[arg-type]
    assert len(first) == 87  # 65 bytes, base64url without padding


def test_push_arrives_encrypted_and_gone_devices_are_removed(
    engine: Engine, uow: Uow, library: Library
) -> None:
    add_person(engine, uow, 1)
    reminders.configure(
        uow(),
        Actor(1),
        1,
        {"time": "08:00", "timezone": "UTC", "channels": ["push"]},
        SETUP,  # type: ignore[arg-type]
    )
    with PushServer() as push:
        phone = push.subscribe("phone")
        old = push.subscribe("old-laptop")
        push.answer["/push/old-laptop"] = 410
        for target in (phone, old):
            reminders.add_push(uow(), Actor(1), 1, target, SETUP)  # type: ignore[arg-type]
        report = _run(uow, library, WED_0800)
        assert report.sent == 1
        assert len(push.received) == 1
        assert push.received[0]["title"] == "Today's session"
        assert push.received[0]["body"].startswith("Today: ")
        auth = push.headers[0]["authorization"]
        assert auth.startswith("vapid t=") and public_key(server_vapid(uow)) in auth  # type: ignore[arg-type]
        assert push.headers[0]["content-encoding"] == "aes128gcm"
        remaining = reminders.push_targets(uow(), Actor(1), 1)  # type: ignore[arg-type]
        assert [t.endpoint for t in remaining] == [phone.endpoint]
        _run(uow, library, WED_0800 + timedelta(hours=1))
        assert len(push.received) == 1


def test_a_push_service_error_is_retried(engine: Engine, uow: Uow, library: Library) -> None:
    add_person(engine, uow, 1)
    reminders.configure(
        uow(),
        Actor(1),
        1,
        {"time": "08:00", "timezone": "UTC", "channels": ["push"]},
        SETUP,  # type: ignore[arg-type]
    )
    with PushServer() as push:
        phone = push.subscribe("phone")
        reminders.add_push(uow(), Actor(1), 1, phone, SETUP)  # type: ignore[arg-type]
        push.answer["/push/phone"] = 503
        report = _run(uow, library, WED_0800)
        assert report.retrying == 1 and "503" in report.errors[0]
        del push.answer["/push/phone"]
        assert _run(uow, library, WED_0800 + timedelta(minutes=1)).sent == 1
        assert len(push.received) == 1
