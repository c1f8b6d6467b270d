"""Progress: how the weeks went, with charts drawn on the server."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from upright.services.progress import walking_target_words
from upright.web import actions
from upright.web.deps import Ctx, Me
from upright.web.progress_view import level_rows, progress_charts, week_rows
from upright.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/progress")
def progress(request: Request, ctx: Ctx, me: Me) -> Response:
    report = actions.progress(ctx, me)
    plan, _, _ = actions.current(ctx, me, ctx.services.clock.today())
    levels = level_rows(plan, ctx.services.library.catalog)
    return page(
        request, "progress.html", report=report, charts=progress_charts(report, levels),
        weeks=week_rows(report), saved=request.query_params.get("saved"),
        target=walking_target_words(report.get("walking_target")),
    )  # fmt: skip
