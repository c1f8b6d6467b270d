"""Reminder settings a person changes: days, time, quiet hours, time zone, channels, push.

What is due and the sending live in ``reminder_system`` (rounds run for everyone).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from upright.domain.errors import InvalidInput
from upright.domain.profile import parse_profile
from upright.domain.reminders import ReminderSettings, parse_settings
from upright.domain.reminders.schedule import next_check
from upright.services.access import Action, Actor, check
from upright.services.reminder_ports import PushTarget, ReminderUnitOfWork


def settings_of(data: Mapping[str, Any]) -> ReminderSettings:
    return parse_settings(data)


def show(
    uow: ReminderUnitOfWork, actor: Actor, subject_id: int
) -> tuple[ReminderSettings | None, str | None]:
    with uow:
        check(uow, actor, subject_id, Action.READ_PROFILE)
        stored = uow.reminders.settings(subject_id)
        email = uow.reminders.account_email(subject_id)
    if stored is None:
        return None, email
    return parse_settings(stored.data), stored.email or email


def plan_days(uow: ReminderUnitOfWork, actor: Actor, subject_id: int) -> tuple[str, ...]:
    """The days the person chose for exercise in their profile (the default reminder days)."""
    with uow:
        check(uow, actor, subject_id, Action.READ_PROFILE)
        data = uow.profiles.latest(subject_id)
    return tuple(parse_profile(data).days) if data else ()


def configure(
    uow: ReminderUnitOfWork,
    actor: Actor,
    subject_id: int,
    changes: Mapping[str, Any],
    now: datetime,
) -> ReminderSettings:
    """Change some settings (the rest stay); days default to the plan's days."""
    with uow:
        check(uow, actor, subject_id, Action.CHANGE_PROFILE)
        stored = uow.reminders.settings(subject_id)
        profile = uow.profiles.latest(subject_id)
        account = uow.reminders.account_email(subject_id)
    fields: dict[str, Any] = dict(stored.data) if stored else {}
    if not fields.get("days") and "days" not in changes and profile is not None:
        fields["days"] = list(parse_profile(profile).days)
    email = changes.get("email", stored.email if stored else None) or None
    fields.update({k: v for k, v in changes.items() if k != "email"})
    result = parse_settings(fields)
    if "email" in result.channels and not (email or account):
        raise InvalidInput("email", "e-mail reminders need an address", "an e-mail address")
    with uow:
        uow.reminders.save_settings(
            subject_id, result.to_dict(), email, next_check(result, now), now
        )
        uow.commit()
    return result


def add_push(
    uow: ReminderUnitOfWork, actor: Actor, subject_id: int, target: PushTarget, now: datetime
) -> None:
    """Keep a browser's push subscription (the same endpoint again replaces it)."""
    if (
        not target.endpoint.startswith(("https://", "http://"))
        or not target.p256dh
        or not target.auth
    ):
        raise InvalidInput(
            "subscription", "is not a web-push subscription", "endpoint, p256dh and auth"
        )
    with uow:
        check(uow, actor, subject_id, Action.CHANGE_PROFILE)
        uow.reminders.add_push(subject_id, target, now)
        uow.commit()


def push_targets(uow: ReminderUnitOfWork, actor: Actor, subject_id: int) -> list[PushTarget]:
    with uow:
        check(uow, actor, subject_id, Action.READ_PROFILE)
        return list(uow.reminders.push_targets(subject_id))
