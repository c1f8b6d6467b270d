"""JSON API: the plan (the same contract as `upright plan --json`), today, the library."""

from __future__ import annotations

from typing import Any

from upright.web import actions, views
from upright.web.deps import Ctx, DateQuery, Me, day_param
from upright.web.routes.api_common import api_router
from upright.web.routes.pages_library import library, one

router = api_router("plan")


@router.get("/plan")
def plan(ctx: Ctx, me: Me, date: DateQuery = None) -> dict[str, Any]:
    """The week holding ``date``: days, items with dose and why, excluded exercises, stop."""
    found, _, _ = actions.current(ctx, me, day_param(date, ctx))
    return found.to_json()


@router.get("/today")
def today(ctx: Ctx, me: Me, date: DateQuery = None) -> dict[str, Any]:
    """One day's items with instructions, plus the stop (red flag) when there is one."""
    day = day_param(date, ctx)
    found, _, _ = actions.current(ctx, me, day)
    view = views.day_view(found, day, ctx.services.library.catalog, ctx.illustrations)
    plan_day = found.day(day)
    stop = found.to_json()["stop"]
    return {
        "date": day.isoformat(),
        "stop": stop,
        "items": [
            {**item.to_json(), "steps": v["steps"], "feel": v["feel"], "stop_if": v["stop_if"],
             "dose_text": v["dose_text"], "timer": v["timer"], "illustration": v["illustration"]}
            for item, v in zip(plan_day.items if plan_day else (), view["items"], strict=True)
        ],
        "notes": view["notes"],
        "mode": view["mode"],
        "card": found.card,
        "morning_check": (m.isoformat() if (m := actions.pending_morning(ctx, me)) else None),
    }  # fmt: skip


@router.get("/exercises")
def exercises(ctx: Ctx, me: Me) -> list[dict[str, Any]]:
    """The catalog; ``for_you`` false with ``reasons`` when an exercise is not for you."""
    return [views.exercise_json(v) for v in library(ctx, me)]


@router.get("/exercises/{exercise_id}")
def exercise(ctx: Ctx, me: Me, exercise_id: str) -> dict[str, Any]:
    return views.exercise_json(one(ctx, me, exercise_id))


@router.get("/cards")
def cards(ctx: Ctx, me: Me) -> list[dict[str, Any]]:
    """The education cards (short, plain, with sources)."""
    return [
        {"id": c.id, "title": c.title, "topic": c.topic, "body": list(c.body), "sources": list(c.sources)}
        for c in ctx.services.library.catalog.cards
    ]  # fmt: skip
