"""A planned walk as a calendar invite for a friend (works on a laptop, no server needed)."""

from __future__ import annotations

from datetime import datetime

from upright.domain.social.walks import WalkInvite, walk_invite
from upright.services import planning
from upright.services.library import Library
from upright.services.planning import StateFn
from upright.services.ports import UnitOfWork


def plan_walk_invite(
    uow: UnitOfWork,
    person_id: int,
    library: Library,
    start: datetime,
    now: datetime,
    place: str | None = None,
    friend: str | None = None,
    state_fn: StateFn | None = None,
) -> WalkInvite:
    """The invite for the walk in the person's plan on ``start``'s day, at that time."""
    plan, _, _ = planning.current_plan(uow, person_id, start.date(), library, now, state_fn)
    return walk_invite(plan, start, place, friend)
