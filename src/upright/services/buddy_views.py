"""What one person may see of another: only the items shared with them, computed on demand.

``shared_items`` asks the access policy once per shareable item; an item the subject did not
share is simply absent. Pain, conditions, red flags and notes have no item, so no route can
show them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from upright.domain.profile import parse_profile
from upright.domain.safety.screening import screen
from upright.domain.social.buddies import goal_progress
from upright.services.access import SHARED, Action, Actor, Forbidden, Grant, Scope, check
from upright.services.buddies import _require_buddy, week_of
from upright.services.credits import device_credits
from upright.services.library import Library
from upright.services.planning import plan_for
from upright.services.progress import WeekRow, streak
from upright.services.progress_state import replay_for
from upright.services.social_ports import SocialUnitOfWork


def _did(session: Mapping[str, Any], only: frozenset[str] | None = None) -> bool:
    return any(
        (i.get("status", "done" if i.get("done", True) else "skipped") != "skipped")
        and (only is None or i.get("id") in only)
        for i in session.get("items") or []
    )


def walks_this_week(history: Sequence[Mapping[str, Any]], today: date, library: Library) -> int:
    """Days this week (to today) with an aerobic item done: what a shared goal counts."""
    aerobic = frozenset(e.id for e in library.catalog.by_category("aerobic"))
    start, _ = week_of(today)
    return sum(
        1
        for s in history
        if start.isoformat() <= str(s.get("date")) <= today.isoformat() and _did(s, aerobic)
    )


def shared_items(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, today: date, library: Library
) -> dict[str, Any]:
    """The items ``subject_id`` shares with ``actor``, keyed by item; nothing else."""
    with uow:
        granted: set[Scope] = set()
        for action, scope in SHARED.items():  # one question per item; strangers stop here
            try:
                check(uow, actor, subject_id, action)
            except Forbidden:
                continue
            granted.add(scope)
        scopes = frozenset(granted)
        if not scopes:
            return {}
        data = uow.profiles.latest(subject_id)
        history = list(uow.sessions.all(subject_id))
        start, _ = week_of(today)
        credits = device_credits(
            uow,
            Grant(actor=actor, subject_id=subject_id, scopes=scopes),
            start - timedelta(weeks=60),
            today,
        )
    out: dict[str, Any] = {}
    if Scope.SESSION_DONE in scopes:
        done = sorted(
            str(s["date"])
            for s in history
            if start.isoformat() <= str(s.get("date")) <= today.isoformat() and _did(s)
        )
        out["session_done"] = {"today": today.isoformat() in done, "days_this_week": done}
    if data is None:
        return out
    profile = parse_profile(data)
    screening = screen(profile, library.catalog, library.rules)
    if Scope.WEEKLY_MINUTES in scopes or Scope.STREAK in scopes:
        _, records = replay_for(profile, screening, history, today + timedelta(days=7), credits)
        rows = [WeekRow.of(r) for r in records]
        this_week = next((r for r in records if r.week_start == start), None)
        if Scope.WEEKLY_MINUTES in scopes:
            out["weekly_minutes"] = round(this_week.walking_done) if this_week else 0
        if Scope.STREAK in scopes:
            out["streak"] = streak(rows[-60:], start)
    if Scope.PLANNED_WALKS in scopes:
        walks = []
        for week in (today, today + timedelta(days=7)):
            plan, _ = plan_for(profile, week, library, history, credits)
            for day in plan.days:
                if not today <= day.date < today + timedelta(days=7):
                    continue
                for item in day.items:
                    if item.category == "aerobic":
                        walks.append(
                            {
                                "date": day.date.isoformat(),
                                "minutes": item.dose.get("minutes"),
                                "times": item.dose.get("times", 1),
                            }
                        )
        out["planned_walks"] = walks
    return out


def goal_view(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    buddy_id: int,
    today: date,
    library: Library,
) -> dict[str, Any] | None:
    """The pair's goal and this week's walks toward it (agreeing to a goal shares that count)."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, buddy_id)
        goal = uow.social.goal(actor.person_id, buddy_id)
        if goal is None:
            return None
        mine = walks_this_week(uow.sessions.all(actor.person_id), today, library)
        theirs = walks_this_week(uow.sessions.all(buddy_id), today, library)
    progress = goal_progress(goal.walks_per_week, mine, theirs, theirs_visible=goal.accepted)
    return {
        "walks_per_week": goal.walks_per_week,
        "agreed": goal.accepted,
        "suggested_by_me": goal.proposed_by == actor.person_id,
        "mine": progress.mine,
        "theirs": progress.theirs,
        "both_done": progress.both_done,
    }
