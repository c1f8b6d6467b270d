"""More (the pages behind the fifth tab), the month at a glance, and the walks a device recorded."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from upright.domain.tracking.activity import Activity
from upright.services.imports import SOURCE_WORDS, list_activities
from upright.web import actions
from upright.web.deps import Ctx, Me
from upright.web.month_view import month_days, month_view, parse_month
from upright.web.render import page

router = APIRouter(include_in_schema=False)

#: an imported activity's kind, in words
KIND_WORDS = {
    "walk": "Walk", "run": "Run", "bike": "Bike ride", "elliptical": "Elliptical",
    "swim": "Swim", "water": "Water exercise", "other": "Other activity",
}  # fmt: skip


@router.get("/more")
def more(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "more.html")


@router.get("/month")
def month(
    request: Request,
    ctx: Ctx,
    me: Me,
    month: Annotated[str | None, Query(max_length=7)] = None,
) -> Response:
    today = ctx.services.clock.today()
    first = parse_month(month, today)
    marks = actions.day_marks(ctx, me, [d for d in month_days(first) if d.month == first.month])
    return page(request, "month.html", month=month_view(first, today, marks))


def walk_view(a: Activity) -> dict[str, Any]:
    source = SOURCE_WORDS.get(a.source, "an imported file")
    return {
        "date": a.start.date(),
        "time": f"{a.start:%H:%M}",
        "kind": KIND_WORDS.get(a.kind, "Activity"),
        "minutes": round(a.minutes),
        "brisk": round(a.brisk_minutes) if a.brisk_minutes else 0,
        "km": round(a.distance_km, 1) if a.distance_km else None,
        "source": f"{a.device}, {source}" if a.device else source[:1].upper() + source[1:],
        "counted": a.counted,
        "note": a.note or "",
    }


@router.get("/walks")
def walks(request: Request, ctx: Ctx, me: Me) -> Response:
    found = list_activities(ctx.services.uow, me, me.person_id)
    rows = [walk_view(a) for a in reversed(found)]  # newest first
    return page(request, "walks.html", walks=rows)
