"""When to look at a person again, and how long to wait before retrying a failed send."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from upright.domain.reminders.settings import WEEKDAYS, ReminderSettings
from upright.domain.reminders.times import fire_at, in_quiet_hours, local_now

#: retries after a channel fails: 1, 2, 4 ... minutes, never more than an hour apart
FIRST_RETRY: Final = timedelta(minutes=1)
LONGEST_RETRY: Final = timedelta(hours=1)
#: after this many failed tries the message is given up (and says so in the outbox)
MAX_ATTEMPTS: Final = 8
#: when nothing is chosen, look again after a week (settings may change before then)
IDLE_CHECK: Final = timedelta(days=7)
_STEP: Final = timedelta(minutes=5)


def backoff(attempts: int) -> timedelta:
    """The wait after ``attempts`` failed tries (1 -> 1 minute, doubling, capped)."""
    if attempts < 1:
        return timedelta(0)
    return min(FIRST_RETRY * int(2 ** min(attempts - 1, 16)), LONGEST_RETRY)


def next_check(settings: ReminderSettings, now: datetime) -> datetime:
    """The first instant after ``now`` at which a reminder could become due.

    That is the reminder time of the next chosen day, or, when it falls in quiet hours, the
    first moment after them on that same local day. The person is not looked at before it.
    """
    if not settings.enabled or not settings.channels or not settings.days:
        return now + IDLE_CHECK
    zone = settings.zone
    today = local_now(settings, now).date()
    for offset in range(8):
        day = today + timedelta(days=offset)
        if WEEKDAYS[day.weekday()] not in settings.days:
            continue
        moment = max(fire_at(day, settings.at, zone), now + timedelta(microseconds=1))
        # walk out of quiet hours in small steps, staying on the same local day
        while in_quiet_hours(settings, moment.astimezone(zone)):
            moment = _after_quiet(settings, moment)
        if moment.astimezone(zone).date() == day and moment > now:
            return moment
    return now + IDLE_CHECK


def _after_quiet(settings: ReminderSettings, moment: datetime) -> datetime:
    end = settings.quiet_end
    zone = settings.zone
    if end is None:
        return moment + _STEP
    local = moment.astimezone(zone)
    candidate = fire_at(local.date(), end, zone)
    if candidate <= moment:
        candidate = fire_at(local.date() + timedelta(days=1), end, zone)
    return candidate
