"""The calendar feed's use cases: a private, renewable link and the coming weeks' sessions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from upright.domain.errors import NotFound
from upright.domain.profile import parse_profile
from upright.domain.reminders import WEEKDAYS, ReminderSettings, local_now
from upright.domain.reminders.settings import DEFAULT_TIME
from upright.domain.reminders.text import NOT_ADVICE, session_line
from upright.services import planning
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.reminder_ports import ReminderUnitOfWork

#: how far ahead the feed reaches (the plan past next week is the plan as it stands today)
FEED_WEEKS: Final = 4


@dataclass(frozen=True)
class FeedSession:
    uid: str
    day: date
    at: time
    minutes: float
    title: str
    text: str


def feed_link(
    uow: ReminderUnitOfWork, actor: Actor, subject_id: int, now: datetime, renew: bool = False
) -> str:
    """The secret token of this person's feed; ``renew`` makes a new one (the old stops working)."""
    with uow:
        check(uow, actor, subject_id, Action.CHANGE_PROFILE)
        token = uow.reminders.feed_token(subject_id)
        if token is None or renew:
            token = secrets.token_urlsafe(24)
            uow.reminders.set_feed_token(subject_id, token, now)
            uow.commit()
    return token


def feed_token(uow: ReminderUnitOfWork, actor: Actor, subject_id: int) -> str | None:
    """The feed's current token, or None when no link was made yet."""
    with uow:
        check(uow, actor, subject_id, Action.READ_PROFILE)
        return uow.reminders.feed_token(subject_id)


def feed_sessions(
    uow: ReminderUnitOfWork,
    actor: Actor,
    subject_id: int,
    library: Library,
    now: datetime,
    settings: ReminderSettings | None,
    weeks: int = FEED_WEEKS,
) -> list[FeedSession]:
    """The sessions from today on, at the reminder time (on the reminder days, when set)."""
    with uow:
        check(uow, actor, subject_id, Action.READ_PLAN)
        data = uow.profiles.latest(subject_id)
        history = list(uow.sessions.all(subject_id))
    if data is None:
        raise NotFound("profile", "me", "answer the questions first")
    profile = parse_profile(data)
    today = local_now(settings, now).date() if settings else now.date()
    at = settings.at if settings else DEFAULT_TIME
    days = set(settings.days) if settings and settings.days else set(WEEKDAYS)
    found: list[FeedSession] = []
    for week in range(weeks):
        plan, _ = planning.plan_for(profile, today + timedelta(days=7 * week), library, history)
        if plan.stop is not None:
            return []  # during a stop the only message is what to do, never a session
        for plan_day in plan.days:
            if plan_day.date < today or not plan_day.items:
                continue
            if WEEKDAYS[plan_day.date.weekday()] not in days:
                continue
            line = session_line([i.name for i in plan_day.items], plan_day.minutes)
            found.append(
                FeedSession(
                    uid=f"upright-{subject_id}-{plan_day.date.isoformat()}",
                    day=plan_day.date,
                    at=at,
                    minutes=plan_day.minutes,
                    title="Upright: today's session",
                    text=f"{line}.\n{NOT_ADVICE}",
                )
            )
    return sorted({s.day: s for s in found}.values(), key=lambda s: s.day)
