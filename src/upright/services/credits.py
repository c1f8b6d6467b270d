"""Walks a phone or watch recorded, as minutes per day the progression can credit."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from upright.services.ports import UnitOfWork


def walk_credits(
    uow: UnitOfWork, person_id: int, start: date, end: date
) -> dict[date, list[float]]:
    """Minutes of counted walks imported from devices, by local day."""
    credits: dict[date, list[float]] = defaultdict(list)
    begin = datetime.combine(start - timedelta(days=1), time(), tzinfo=UTC)
    finish = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    for activity in uow.activities.between(person_id, begin, finish):
        if activity.kind == "walk" and activity.counted:
            credits[activity.start.date()].append(
                round(activity.moving_minutes or activity.minutes, 1)
            )
    return dict(credits)
