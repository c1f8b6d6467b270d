"""JSON API: log a session (the offline outbox sends here), the morning check, progress."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import JSONResponse

from upright.web import actions
from upright.web.deps import Ctx, Me
from upright.web.forms import MorningIn, SessionIn
from upright.web.routes.api_common import IdempotencyKey, api_router

router = api_router("sessions")


@router.post("/sessions", status_code=201)
def log_session(
    ctx: Ctx, me: Me, body: SessionIn, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Log one day's session. The same day logged again is refused (409, ``already_logged``)
    unless the body says ``"replace": true``; the same Idempotency-Key sent again returns the
    first answer and stores nothing."""
    session, replayed = actions.log_session(
        ctx, me, body.to_entry(), idempotency_key, replace=body.replace
    )
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    return JSONResponse(
        {"session": session, "replayed": replayed}, status_code=201, headers=headers
    )


@router.post("/morning", status_code=201)
def morning(
    ctx: Ctx, me: Me, body: MorningIn, idempotency_key: IdempotencyKey = None
) -> dict[str, Any]:
    """How the back felt the morning after ``date``'s session."""
    return actions.record_morning(ctx, me, body.date, body.pain, idempotency_key)


@router.get("/progress")
def progress(ctx: Ctx, me: Me, weeks: Annotated[int, Query(ge=1, le=104)] = 12) -> dict[str, Any]:
    """Weeks of sessions against plan, walking against the goal, pain trend, levels, streak."""
    report = actions.progress(ctx, me, weeks)
    return report
