"""Sessions a phone or watch recorded, as (kind, minutes) per day that the progression can credit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from upright.domain.tracking.activity import Activity
from upright.services.access import Grant
from upright.services.ports import UnitOfWork


def device_credits(
    uow: UnitOfWork, grant: Grant, start: date, end: date
) -> dict[date, list[tuple[str, float]]]:
    """Counted sessions imported from devices, by local day: (kind, minutes).

    Called inside a transaction that already asked the policy (``grant``)."""
    begin, finish = credit_window(start, end)
    return credits_of(uow.activities.between(grant.subject_id, begin, finish))


def credit_window(start: date, end: date) -> tuple[datetime, datetime]:
    """The UTC span of activities that can fall on a local day from ``start`` to ``end``."""
    begin = datetime.combine(start - timedelta(days=1), time(), tzinfo=UTC)
    finish = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    return begin, finish


def credits_of(activities: Iterable[Activity]) -> dict[date, list[tuple[str, float]]]:
    """The counted ones of these activities, by local day: (kind, minutes)."""
    credits: dict[date, list[tuple[str, float]]] = defaultdict(list)
    for activity in activities:
        if activity.counted:
            minutes = round(activity.moving_minutes or activity.minutes, 1)
            credits[activity.start.date()].append((activity.kind, minutes))
    return dict(credits)
