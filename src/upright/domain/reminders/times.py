"""Local time for reminders, with daylight-saving changes handled on purpose.

A reminder time that a change skips (02:30 on the spring-forward night) fires at the same
distance after the gap (03:30): ``fold=0`` on a missing wall time means the offset from before
the change, which lands after it. A time that a change repeats (01:30 on the fall-back night)
fires at its first occurrence (``fold=0``); the outbox's key on the local date stops a second.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from upright.domain.reminders.settings import ReminderSettings


def local_now(settings: ReminderSettings, now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    return now.astimezone(settings.zone)


def fire_at(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant (UTC) of the wall time ``at`` on ``day`` in ``zone``."""
    return datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(UTC)


def in_quiet_hours(settings: ReminderSettings, local: datetime) -> bool:
    """True in quiet hours; a span like 22:00-07:00 runs over midnight. End is not quiet."""
    start, end = settings.quiet_start, settings.quiet_end
    if start is None or end is None or start == end:
        return False
    now = local.time().replace(tzinfo=None)
    if start < end:
        return start <= now < end
    return now >= start or now < end
