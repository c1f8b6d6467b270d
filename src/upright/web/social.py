"""The social services wired with this app's context (used by the friends pages and the API)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any, cast

from upright.adapters.calendars import CalendarFiles, Fetcher, load_class_kinds
from upright.adapters.calendars.schedule import GroupSchedules
from upright.domain.social.kinds import ClassKind
from upright.services.access import Scope
from upright.services.social_ports import SocialUnitOfWork
from upright.web.context import WebContext


def uow(ctx: WebContext) -> SocialUnitOfWork:
    """The unit of work with the social repositories (the SQL one has them all)."""
    return cast(SocialUnitOfWork, ctx.services.uow())


def now(ctx: WebContext) -> datetime:
    return ctx.services.clock.now()


def zone(ctx: WebContext) -> tzinfo:
    return ctx.services.clock.now().tzinfo or UTC


def schedules() -> GroupSchedules:
    return GroupSchedules()


def reader(ctx: WebContext) -> CalendarFiles:
    # a server never fetches from its own private network; a laptop may
    return CalendarFiles(Fetcher(allow_private=not ctx.server))


def kinds() -> tuple[ClassKind, ...]:
    return load_class_kinds()


def scope_list(scopes: frozenset[Scope]) -> list[str]:
    return sorted(s.value for s in scopes)


def goal_json(goal: Any) -> dict[str, Any] | None:
    if goal is None:
        return None
    return {"walks_per_week": goal.walks_per_week, "agreed": goal.accepted}
