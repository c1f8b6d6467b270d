"""What is already logged for a day or a week: the "today remembers" view of the sessions.

A day's mark, in the words the pages show:
- ``done``: every logged item was done;
- ``partly``: some items done or partly done, not all;
- ``skipped``: a session was saved with every item skipped;
- ``device``: no session logged, but an imported walk or other activity that day;
- no mark (``None``): nothing stored for that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from upright.services.access import Action, Actor, check
from upright.services.ports import UnitOfWork

#: the marks a day can have, most complete first (the vocabulary the pages and tests use)
MARKS = ("done", "partly", "skipped", "device")


def day_mark(session: Mapping[str, Any] | None, device_minutes: float = 0.0) -> str | None:
    """The mark of one day from its stored session (or none) and the minutes imported that day."""
    items = [i for i in (session or {}).get("items") or [] if isinstance(i, Mapping)]
    if items:
        statuses = [i.get("status", "done") for i in items]
        if all(s == "done" for s in statuses):
            return "done"
        if all(s == "skipped" for s in statuses):
            return "skipped"
        return "partly"
    if device_minutes > 0:
        return "device"
    return None


def logged_session(
    uow: UnitOfWork, actor: Actor, subject_id: int, day: date
) -> dict[str, Any] | None:
    """The session stored for ``day`` when it has logged items (a check alone is not a log)."""
    with uow:
        person_id = check(uow, actor, subject_id, Action.READ_SESSIONS).subject_id
        found = uow.sessions.get(person_id, day)
    return found if found is not None and found.get("items") else None


def day_marks(
    uow: UnitOfWork, actor: Actor, subject_id: int, days: Iterable[date]
) -> dict[date, str | None]:
    """The mark of each of ``days`` (sessions and imported activities read once)."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    begin = datetime.combine(wanted[0] - timedelta(days=1), time(), tzinfo=UTC)
    finish = datetime.combine(wanted[-1] + timedelta(days=2), time(), tzinfo=UTC)
    with uow:
        person_id = check(uow, actor, subject_id, Action.READ_SESSIONS).subject_id
        sessions = {day: uow.sessions.get(person_id, day) for day in wanted}
        activities = uow.activities.between(person_id, begin, finish)
    minutes: dict[date, float] = {}
    for activity in activities:  # the activity's own local day, as progress counts it
        minutes[activity.start.date()] = minutes.get(activity.start.date(), 0.0) + activity.minutes
    return {day: day_mark(sessions[day], minutes.get(day, 0.0)) for day in wanted}
