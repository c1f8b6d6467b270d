"""Sessions a phone or watch recorded, as (kind, minutes) per day that the progression can credit."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from upright.services.access import Grant
from upright.services.ports import UnitOfWork


def device_credits(
    uow: UnitOfWork, grant: Grant, start: date, end: date
) -> dict[date, list[tuple[str, float]]]:
    """Counted sessions imported from devices, by local day: (kind, minutes).

    Called inside a transaction that already asked the policy (``grant``)."""
    credits: dict[date, list[tuple[str, float]]] = defaultdict(list)
    begin = datetime.combine(start - timedelta(days=1), time(), tzinfo=UTC)
    finish = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    for activity in uow.activities.between(grant.subject_id, begin, finish):
        if activity.counted:
            minutes = round(activity.moving_minutes or activity.minutes, 1)
            credits[activity.start.date()].append((activity.kind, minutes))
    return dict(credits)
