"""Reminders end to end below the CLI: real database (SQLite and PostgreSQL), real SMTP server."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, update

from tests.integration.reminders.conftest import SETUP, add_person
from tests.integration.reminders.mailserver import MailServer, free_port
from upright.adapters.notify.mail import SmtpChannel, parse_smtp_url
from upright.adapters.storage import tables as t
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.services import reminder_system, reminders
from upright.services.access import Actor
from upright.services.library import Library

WED_0759 = datetime(2026, 11, 25, 7, 59, tzinfo=UTC)  # London is on UTC in November
WED_0800 = WED_0759 + timedelta(minutes=1)
Uow = Callable[[], SqlUnitOfWork]


def _setup(engine: Engine, uow: Uow, person: int = 1, **changes: object) -> None:
    add_person(engine, uow, person)
    fields = {"time": "08:00", "timezone": "Europe/London", "channels": ["email"]}
    if person == 1:
        fields["email"] = "sam@example.org"
    fields.update(changes)
    reminders.configure(uow(), Actor(person), person, fields, SETUP)  # type: ignore[arg-type]


def _run(
    uow: Uow, library: Library, url: str, now: datetime, worker: str = "w1"
) -> reminder_system.RunReport:
    channel = SmtpChannel(parse_smtp_url(url))
    try:
        return reminder_system.run_due(
            uow(), library, {"email": channel}, now, worker,  # type: ignore[arg-type]
            unsubscribe_url=lambda token: f"http://upright.test/reminders/stop/{token}",
        )  # fmt: skip
    finally:
        channel.close()


def test_the_days_session_arrives_once_at_its_time(
    engine: Engine, uow: Uow, library: Library
) -> None:
    _setup(engine, uow)
    with MailServer() as server:
        assert _run(uow, library, server.url, WED_0759).sent == 0
        report = _run(uow, library, server.url, WED_0800)
        assert report.sent == 1
        _run(uow, library, server.url, WED_0800 + timedelta(minutes=30))
        mails = server.inbox.to("sam@example.org")
    assert len(mails) == 1
    mail = mails[0]
    assert mail["Subject"] == "Today's session"
    assert mail["From"] == "coach@upright.test"
    plain = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert plain.startswith("Today: ") and "not medical advice" in plain
    assert "<p>Today: " in html
    assert mail["List-Unsubscribe"].strip().startswith("<http://upright.test/reminders/stop/")
    assert mail["Message-ID"] == "<reminder-1-session-2026-11-25@upright>"
    rows = reminder_system.outbox(uow())  # type: ignore[arg-type]
    assert [(r["kind"], r["status"]) for r in rows] == [("session", "sent")]


def test_a_day_not_chosen_sends_nothing(engine: Engine, uow: Uow, library: Library) -> None:
    _setup(engine, uow, days=["mon"])
    with MailServer() as server:
        assert _run(uow, library, server.url, WED_0800).sent == 0
        assert server.inbox.messages == []


def test_a_mail_server_that_is_down_is_retried_with_backoff(
    engine: Engine, uow: Uow, library: Library
) -> None:
    _setup(engine, uow)
    server = MailServer()
    url = server.url
    report = _run(uow, library, url, WED_0800)
    assert (report.sent, report.retrying) == (0, 1)
    assert "cannot reach the mail server" in report.errors[0]
    row = reminder_system.outbox(uow())[0]  # type: ignore[arg-type]
    assert (row["status"], row["attempts"]) == ("pending", 1)
    with server:
        # before the wait is over nothing is tried again
        assert _run(uow, library, url, WED_0800 + timedelta(seconds=59)).sent == 0
        assert _run(uow, library, url, WED_0800 + timedelta(minutes=1)).sent == 1
        _run(uow, library, url, WED_0800 + timedelta(minutes=5))
        assert len(server.inbox.messages) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_says_so_and_is_retried(engine: Engine, uow: Uow, library: Library) -> None:
    _setup(engine, uow)
    with MailServer(password="right") as server:
        wrong = f"smtp://coach:wrong@127.0.0.1:{server.port}"
        report = _run(uow, library, wrong, WED_0800)
        assert report.retrying == 1
        assert "refused the user name or password" in report.errors[0]
        right = f"smtp://coach:right@127.0.0.1:{server.port}"
        assert _run(uow, library, right, WED_0800 + timedelta(minutes=1)).sent == 1
        assert len(server.inbox.messages) == 1


def test_a_refused_address_is_given_up_not_retried(
    engine: Engine, uow: Uow, library: Library
) -> None:
    _setup(engine, uow)
    with MailServer() as server:
        server.inbox.refuse.add("sam@example.org")
        report = _run(uow, library, server.url, WED_0800)
        assert report.failed == 1 and "refused the address" in report.errors[0]
        assert _run(uow, library, server.url, WED_0800 + timedelta(hours=2)).failed == 0
    assert reminder_system.outbox(uow())[0]["status"] == "failed"  # type: ignore[arg-type]


def test_unsubscribe_link_turns_email_off(engine: Engine, uow: Uow, library: Library) -> None:
    _setup(engine, uow)
    with MailServer() as server:
        _run(uow, library, server.url, WED_0800)
        link = server.inbox.messages[0]["List-Unsubscribe"].strip().strip("<>")
    token = link.rsplit("/", 1)[1]
    assert reminder_system.unsubscribe(uow(), token)  # type: ignore[arg-type]
    assert not reminder_system.unsubscribe(uow(), "not-a-token")  # type: ignore[arg-type]
    settings, _ = reminders.show(uow(), Actor(1), 1)  # type: ignore[arg-type]
    assert settings is not None and "email" not in settings.channels


def test_two_processes_racing_send_each_message_once(
    engine: Engine, uow: Uow, library: Library
) -> None:
    for person in range(1, 13):
        _setup(engine, uow, person)
    with MailServer() as server:
        errors: list[BaseException] = []

        def work(name: str) -> None:
            try:
                _run(uow, library, server.url, WED_0800, worker=name)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        ids = [m["Message-ID"] for m in server.inbox.messages]
    assert len(ids) == 12 and len(set(ids)) == 12


def test_unreachable_port_is_a_clear_message() -> None:
    from upright.domain.errors import DeliveryFailed, InvalidInput
    from upright.services.reminder_ports import Outgoing

    channel = SmtpChannel(parse_smtp_url(f"smtp://127.0.0.1:{free_port()}"))
    with pytest.raises(DeliveryFailed, match="cannot reach"):
        channel.send(Outgoing("k", "s", "b", email="a@b.c"))
    with pytest.raises(InvalidInput, match="UPRIGHT_SMTP_URL"):
        parse_smtp_url("http://example.org")
    assert SETUP.tzinfo is UTC


def test_a_worker_whose_lease_ran_out_does_not_send(
    engine: Engine, uow: Uow, library: Library
) -> None:
    _setup(engine, uow)
    reminder_system.queue_due(uow(), library, WED_0800)  # type: ignore[arg-type]
    with MailServer() as server:
        channel = SmtpChannel(parse_smtp_url(server.url))
        # claimed at 08:00 with a 2-minute lease, but the next look at the clock is 08:05
        times = iter([WED_0800, WED_0800 + timedelta(minutes=5)])
        slow = reminder_system.deliver(
            uow(), {"email": channel}, WED_0800, "slow",  # type: ignore[arg-type]
            clock=lambda: next(times, WED_0800 + timedelta(minutes=5)),
            lease=timedelta(minutes=2),
        )  # fmt: skip
        assert slow.sent == 0 and server.inbox.messages == []
        later = WED_0800 + timedelta(minutes=6)
        other = reminder_system.deliver(uow(), {"email": channel}, later, "other")  # type: ignore[arg-type]
        channel.close()
        assert other.sent == 1 and len(server.inbox.messages) == 1


def test_one_persons_broken_data_holds_up_nobody(
    engine: Engine, uow: Uow, library: Library
) -> None:
    _setup(engine, uow, 1)
    _setup(engine, uow, 2)
    with engine.begin() as conn:  # a stored profile that no longer reads (out of range)
        conn.execute(
            update(t.profile_versions)
            .where(t.profile_versions.c.person_id == 2)
            .values(data={"pain_now": 99})
        )
    with MailServer() as server:
        report = _run(uow, library, server.url, WED_0800)
        assert report.sent == 1 and [m["To"] for m in server.inbox.messages] == ["sam@example.org"]
        assert "skipped for one person" in report.errors[0]
