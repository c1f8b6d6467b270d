"""Builds the reminder channels this installation has set up (from settings)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from upright.adapters.notify.mail import SmtpChannel, parse_smtp_url
from upright.config import Settings
from upright.services.reminder_ports import Channel, ReminderUnitOfWork


@contextmanager
def open_channels(
    settings: Settings, uow: Callable[[], ReminderUnitOfWork]
) -> Iterator[dict[str, Channel]]:
    """The channels for one run; connections are closed afterwards."""
    channels: dict[str, Channel] = {}
    mail = SmtpChannel(parse_smtp_url(settings.smtp_url)) if settings.smtp_url else None
    if mail is not None:
        channels["email"] = mail
    push = _push(settings, uow)
    if push is not None:
        channels["push"] = push
    try:
        from upright.adapters.notify.apprise_channel import AppriseChannel
    except ImportError:  # the optional apprise extra is not installed
        pass
    else:
        channels["apprise"] = AppriseChannel()
    try:
        yield channels
    finally:
        if mail is not None:
            mail.close()


def _push(settings: Settings, uow: Callable[[], ReminderUnitOfWork]) -> Channel | None:
    try:
        from upright.adapters.notify.push import PushChannel, server_vapid
    except ImportError:  # the push libraries are not installed
        return None
    return PushChannel(server_vapid(uow), settings.push_contact)


def unsubscribe_link(settings: Settings) -> Callable[[str], str]:
    return lambda token: f"{settings.public_url}/reminders/stop/{token}"


def feed_link(settings: Settings, token: str) -> str:
    return f"{settings.public_url}/reminders/calendar/{token}.ics"
