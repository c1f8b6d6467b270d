"""Reminder rounds: what is due (into the outbox), and delivery with retries; links by token.

These run for everyone (the web loop, `upright remind --due`, `upright worker`) or are reached
by a secret link (unsubscribe, calendar feed), so they take no signed-in actor: each person is
read as themself (``Actor(person_id)``), and a token names exactly one person.

Every due message is written to the outbox under its unique key (person, kind, local day)
before anything is sent; delivery claims rows with a lease, so a message goes out at most once
even when processes race, and a failed channel is retried later with a growing wait.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final

from upright.domain.errors import DeliveryFailed, NotFound, UprightError
from upright.domain.planning.plan import Plan
from upright.domain.profile import parse_profile
from upright.domain.reminders import (
    Due,
    ReminderSettings,
    Situation,
    due,
    local_now,
    parse_settings,
)
from upright.domain.reminders.schedule import MAX_ATTEMPTS, backoff, next_check
from upright.domain.reminders.text import NOT_ADVICE, session_line
from upright.services import planning, progress_state
from upright.services.access import Actor
from upright.services.credits import device_credits
from upright.services.library import Library
from upright.services.reminder_ports import (
    Channel,
    OutboxRow,
    Outgoing,
    ReminderUnitOfWork,
)

#: a claimed message is someone's for this long; a worker that dies lets go when it ends
LEASE: Final = timedelta(minutes=2)
#: people looked at, and messages claimed, per round trip to the database
BATCH: Final = 200
#: messages one process claims at a time: small, so several workers share a busy minute
CLAIM: Final = 20
#: a person whose data cannot be read now is looked at again after this long
BROKEN_RETRY: Final = timedelta(hours=1)
#: a later hook (buddy nudges, issue 10) may add messages of other kinds for a person and day
ExtraFn = Callable[[ReminderUnitOfWork, int, date, datetime], Sequence[Due]]


@dataclass
class RunReport:
    queued: list[dict[str, Any]] = field(default_factory=list)
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "queued": self.queued,
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
            "errors": self.errors,
        }


def situation(
    uow: ReminderUnitOfWork, person_id: int, day: date, library: Library, now: datetime
) -> Situation:
    """The facts about one person on their local ``day``: the plan, the logs, what was sent."""
    with uow:
        data = uow.profiles.latest(person_id)
        if data is None:
            raise NotFound("profile", "me", "answer the questions first")
        history = list(uow.sessions.all(person_id))
        first = min((date.fromisoformat(h["date"]) for h in history), default=day)
        # the reminder service acts for the person themself, never for anyone else
        credits = device_credits(uow, Actor(person_id).grant(), first, day)
        last_sent = uow.reminders.last_sent(person_id)
    profile = parse_profile(data)
    plan, screening = planning.plan_for(profile, day, library, history, credits)
    logs = progress_state.sessions_of(screening, history)
    active = frozenset(s.day for s in logs if s.active) | frozenset(
        d for d, done in credits.items() if done
    )
    return Situation(
        today=day,
        session_line=_line(plan, day),
        stop=plan.stop.message if plan.stop is not None else None,
        reentry_step=_reentry_step(plan),
        active_days=active,
        last_sent=last_sent,
    )


def _line(plan: Plan, day: date) -> str | None:
    plan_day = plan.day(day)
    if plan_day is None or not plan_day.items:
        return None
    return session_line([i.name for i in plan_day.items], plan_day.minutes)


def _reentry_step(plan: Plan) -> int | None:
    step = plan.progress.get("walking_step") if plan.progress else None
    return int(step) if isinstance(step, int) else None


def due_for(
    uow: ReminderUnitOfWork,
    person_id: int,
    settings: ReminderSettings,
    library: Library,
    now: datetime,
    extra: ExtraFn | None = None,
) -> list[Due]:
    day = local_now(settings, now).date()
    try:
        facts = situation(uow, person_id, day, library, now)
    except NotFound:
        return []  # no profile yet, nothing to remind about
    more = extra(uow, person_id, day, now) if extra else ()
    return due(settings, facts, now, more)


def queue_due(
    uow: ReminderUnitOfWork,
    library: Library,
    now: datetime,
    dry_run: bool = False,
    extra: ExtraFn | None = None,
    limit: int = BATCH,
    errors: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Write what is due now into the outbox (or, dry run, only say what would be)."""
    found: list[dict[str, Any]] = []
    seen: set[int] = set()
    while True:
        with uow:
            people = [p for p in uow.reminders.due_people(now, limit) if p.person_id not in seen]
        if not people:
            return found
        for person in people:
            seen.add(person.person_id)
            try:
                settings = parse_settings(person.data)
                messages = due_for(uow, person.person_id, settings, library, now, extra)
            except UprightError as error:
                # one person's unreadable data must not hold up everyone else's reminders
                if errors is not None:
                    errors.append(f"reminders skipped for one person: {error.message}")
                if not dry_run:
                    with uow:
                        uow.reminders.set_next_check(person.person_id, now + BROKEN_RETRY)
                        uow.commit()
                continue
            for message in messages:
                found.append(
                    {"person": person.person_id, "kind": message.kind,
                     "local_date": message.local_date.isoformat(), "subject": message.subject,
                     "text": message.text, "channels": _pushed(settings)}
                )  # fmt: skip
            if dry_run:
                continue
            with uow:
                for message in messages:
                    uow.reminders.add_to_outbox(person.person_id, message, _pushed(settings), now)
                uow.reminders.set_next_check(person.person_id, next_check(settings, now))
                uow.commit()
        if dry_run or len(people) < limit:
            return found


def _pushed(settings: ReminderSettings) -> list[str]:
    # the calendar feed is read by the phone; it is not sent
    return [c for c in settings.channels if c != "calendar"]


def _outgoing(
    uow: ReminderUnitOfWork, row: OutboxRow, unsubscribe_url: Callable[[str], str | None]
) -> Outgoing:
    """The message with every address a channel may need (read inside the caller's transaction)."""
    stored = uow.reminders.settings(row.person_id)
    account = uow.reminders.account_email(row.person_id)
    targets = tuple(uow.reminders.push_targets(row.person_id)) if "push" in row.channels else ()
    token = stored.unsubscribe_token if stored else None
    return Outgoing(
        key=f"{row.person_id}-{row.kind}-{row.local_date.isoformat()}",
        subject=row.subject,
        body=f"{row.body}\n\n{NOT_ADVICE}",
        email=(stored.email if stored else None) or account,
        unsubscribe_url=unsubscribe_url(token) if token else None,
        push=targets,
        apprise_url=(stored.data.get("apprise_url") if stored else None) or None,
    )


def deliver(
    uow: ReminderUnitOfWork,
    channels: Mapping[str, Channel],
    now: datetime,
    worker: str,
    unsubscribe_url: Callable[[str], str | None] = lambda token: None,
    clock: Callable[[], datetime] | None = None,
    limit: int = CLAIM,
    lease: timedelta = LEASE,
) -> RunReport:
    """Send what the outbox holds, a few claimed rows at a time, until nothing is left."""
    report = RunReport()
    while True:
        moment = clock() if clock else now
        with uow:
            rows = uow.reminders.claim(moment, moment + lease, worker, limit)
            messages = [_outgoing(uow, row, unsubscribe_url) for row in rows]
            uow.commit()
        if not rows:
            return report
        for row, message in zip(rows, messages, strict=True):
            # a slow batch can outlive the lease taken at claim time: renew it before each send,
            # and leave the row alone when another worker has taken it over meanwhile
            moment = clock() if clock else now
            with uow:
                ours = uow.reminders.renew(row.id, worker, moment, moment + lease)
                uow.commit()
            if ours:
                _send(uow, row, message, channels, worker, clock or (lambda: now), report)
        if len(rows) < limit:
            return report


def _send(
    uow: ReminderUnitOfWork,
    row: OutboxRow,
    message: Outgoing,
    channels: Mapping[str, Channel],
    worker: str,
    clock: Callable[[], datetime],
    report: RunReport,
) -> None:
    """One message on each of its channels; what happened is stored in one commit at the end
    (and after each channel when more follow, so a crash never repeats a channel that worked)."""
    done = list(row.done)
    pending = [name for name in row.channels if name not in done]
    error: str | None = None
    permanent = False
    gone: list[str] = []
    for index, name in enumerate(pending):
        channel = channels.get(name)
        if channel is None:
            error, permanent = f"{name}: this server has no {name} set up", True
            continue
        try:
            gone.extend(channel.send(message))
        except DeliveryFailed as failure:
            error = failure.message
            permanent = permanent or not failure.temporary
            continue
        done.append(name)
        if index < len(pending) - 1:
            with uow:
                uow.reminders.channel_done(row.id, done, worker)
                uow.commit()
    with uow:
        for endpoint in gone:
            uow.reminders.remove_push(endpoint)
        uow.reminders.channel_done(row.id, done, worker)
        if error is None:
            uow.reminders.finish(row.id, worker, clock())
            report.sent += 1
        else:
            give_up = permanent or row.attempts + 1 >= MAX_ATTEMPTS
            wait = backoff(row.attempts + 1)
            uow.reminders.retry_later(row.id, worker, error, clock() + wait, give_up)
            report.errors.append(error)
            if give_up:
                report.failed += 1
            else:
                report.retrying += 1
        uow.commit()


def run_due(
    uow: ReminderUnitOfWork,
    library: Library,
    channels: Mapping[str, Channel],
    now: datetime,
    worker: str,
    unsubscribe_url: Callable[[str], str | None] = lambda token: None,
    extra: ExtraFn | None = None,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] | None = None,
) -> RunReport:
    """One round: queue what is due, then deliver everything waiting (including retries)."""
    problems: list[str] = []
    queued = queue_due(uow, library, now, extra=extra, errors=problems)
    report = deliver(uow, channels, now, worker, unsubscribe_url, clock=clock, lease=lease)
    report.queued = queued
    report.errors[:0] = problems
    return report


def unsubscribe(uow: ReminderUnitOfWork, token: str) -> bool:
    with uow:
        person = uow.reminders.unsubscribe(token)
        uow.commit()
    return person is not None


def outbox(uow: ReminderUnitOfWork, person_id: int | None = None) -> list[dict[str, Any]]:
    """The outbox as stored (operators and tests; no person-facing page shows it)."""
    with uow:
        return list(uow.reminders.outbox(person_id))


def feed_owner(uow: ReminderUnitOfWork, token: str) -> int:
    with uow:
        person = uow.reminders.feed_person(token) if token else None
    if person is None:
        raise NotFound("calendar link", "this link", "it was renewed or never existed")
    return person
