"""A planned walk as a calendar invite for a friend (works on a laptop, no server needed)."""

from __future__ import annotations

from datetime import datetime

from upright.domain.social.walks import WalkInvite, walk_invite
from upright.services import planning
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.ports import UnitOfWork


def plan_walk_invite(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    library: Library,
    start: datetime,
    now: datetime,
    place: str | None = None,
    friend: str | None = None,
) -> WalkInvite:
    """The invite for the walk in the actor's own plan on ``start``'s day, at that time."""
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PLAN)
    plan, _, _ = planning.current_plan(uow, actor, grant.subject_id, start.date(), library, now)
    return walk_invite(plan, start, place, friend)
