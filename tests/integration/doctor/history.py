"""Live a few weeks through the real services: log every planned day, with chosen pain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from upright import bootstrap
from upright.services import logging as log_service
from upright.services import planning

#: week index -> (pain before, pain during); a "during" above 5 makes the week a flare
Pain = Callable[[int], tuple[int, int]]


def live(
    svc: bootstrap.Services, first: date, weeks: int, pain: Pain, note: str = "",
    legs: Callable[[int], str] | None = None,
) -> int:  # fmt: skip
    """Log every planned day from ``first`` for ``weeks`` weeks; returns the sessions logged."""
    count = 0
    for offset in range(weeks * 7):
        day = first + timedelta(days=offset)
        now = datetime.combine(day, time(18)).astimezone()
        me = svc.actor
        plan, _, _ = planning.current_plan(svc.uow(), me, me.person_id, day, svc.library, now)
        today = plan.day(day)
        if today is None or not today.items:
            continue
        before, during = pain(offset // 7)
        entry = {
            "date": day.isoformat(), "pain_before": before, "pain_during": during,
            "pain_after": during, "pain_next_morning": before,
            "items": [{"id": i.id, "status": "done"} for i in today.items],
        }  # fmt: skip
        if legs is not None:
            entry["leg_symptoms"] = legs(offset // 7)
        if note and offset == 0:
            entry["note"] = note
        log_service.log_session(svc.uow(), me, me.person_id, entry, day, svc.library, now)
        count += 1
    return count
