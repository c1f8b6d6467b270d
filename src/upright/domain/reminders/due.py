"""What is due now for one person: at most one nudge a day, kind and true to the plan.

The rules, in order:
- nothing when reminders are off, no channel is chosen, in quiet hours, on a day not chosen,
  or before the reminder time (local wall time; see ``times`` for daylight-saving days);
- during a red-flag stop only what to do, at most once every ``STOP_REPEAT_DAYS``;
- nothing on a rest day or once today's session is logged;
- after a break of a week or more, once, a suggestion to restart at the gentler re-entry step;
- after a missed planned day, once per break, one gentle note with today's session;
- otherwise the day's session in one line.
No kind is sent twice on one local day, and the daily nudge is one of the three, never two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from upright.domain.progression.engine import GAP_REENTRY_DAYS
from upright.domain.reminders import text
from upright.domain.reminders.settings import WEEKDAYS, ReminderSettings
from upright.domain.reminders.times import fire_at, in_quiet_hours, local_now

#: during a stop, what to do is repeated at most this often (it must not become nagging)
STOP_REPEAT_DAYS: Final = 7
#: the daily nudges: only one of these goes out on a local day
DAILY_KINDS: Final = ("session", "missed_day", "restart")


@dataclass(frozen=True)
class Situation:
    """The facts about one person on the local day ``today`` (the service gathers them)."""

    today: date
    session_line: str | None = None  # today's session in one line; None on a rest day
    stop: str | None = None  # what to do, when a red flag stopped the plan
    reentry_step: int | None = None  # the walking step the plan restarts at after a break
    active_days: frozenset[date] = frozenset()  # local days with a logged session
    last_sent: Mapping[str, date] = field(default_factory=dict)  # latest local day per kind


@dataclass(frozen=True)
class Due:
    kind: str
    local_date: date
    subject: str
    text: str


def _sent_since(situation: Situation, kinds: Sequence[str], after: date | None) -> bool:
    for kind in kinds:
        sent = situation.last_sent.get(kind)
        if sent is not None and (after is None or sent > after):
            return True
    return False


def _previous_planned(settings: ReminderSettings, day: date) -> date | None:
    for back in range(1, 8):
        earlier = day - timedelta(days=back)
        if WEEKDAYS[earlier.weekday()] in settings.days:
            return earlier
    return None


def _daily(settings: ReminderSettings, s: Situation) -> Due | None:
    day = s.today
    if s.session_line is None or day in s.active_days:
        return None
    if any(s.last_sent.get(kind) == day for kind in DAILY_KINDS):
        return None
    last_active = max((d for d in s.active_days if d < day), default=None)
    if last_active is not None and (day - last_active).days - 1 >= GAP_REENTRY_DAYS:
        if not _sent_since(s, ("restart",), last_active):
            return Due("restart", day, *text.restart(s.session_line, s.reentry_step))
    elif last_active is not None:
        previous = _previous_planned(settings, day)
        missed = previous is not None and previous > last_active
        if missed and not _sent_since(s, ("missed_day", "restart"), last_active):
            return Due("missed_day", day, *text.missed_day(s.session_line))
    return Due("session", day, *text.session(s.session_line))


def due(
    settings: ReminderSettings,
    situation: Situation,
    now: datetime,
    extra: Sequence[Due] = (),
) -> list[Due]:
    """The messages due at ``now`` (aware). ``extra`` (buddy nudges) passes the same gates."""
    local = local_now(settings, now)
    day = local.date()
    if situation.today != day:
        raise ValueError(f"the situation is for {situation.today}, but the local day is {day}")
    if not settings.enabled or not settings.channels or in_quiet_hours(settings, local):
        return []
    if WEEKDAYS[day.weekday()] not in settings.days or now < fire_at(
        day, settings.at, settings.zone
    ):
        return []
    if situation.stop is not None:
        last = situation.last_sent.get("stop")
        if last is not None and (day - last).days < STOP_REPEAT_DAYS:
            return []
        return [Due("stop", day, *text.stop(situation.stop))]
    daily = _daily(settings, situation)
    found = [daily] if daily is not None else []
    for message in extra:
        if message.kind in DAILY_KINDS or message.kind == "stop":
            continue  # a hook may add other kinds only
        if message.local_date == day and situation.last_sent.get(message.kind) != day:
            found.append(message)
    unique: dict[str, Due] = {}
    for message in found:
        unique.setdefault(message.kind, message)
    return list(unique.values())
