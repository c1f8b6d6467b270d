"""JSON API: the profile (every save is a new version; earlier ones stay)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from upright.domain.errors import NotFound
from upright.services.access import Actor
from upright.web import actions
from upright.web.context import WebContext
from upright.web.deps import Ctx, Me
from upright.web.forms import ClearanceIn, ProfileIn
from upright.web.routes.api_common import IdempotencyKey, api_router

router = api_router("profile")


def _saved(ctx: WebContext, me: Actor) -> JSONResponse:
    plan, _, profile = actions.current(ctx, me, ctx.services.clock.today())
    return JSONResponse({"profile": profile.to_dict(), "plan": plan.to_json()}, status_code=201)


@router.get("/profile")
def get_profile(ctx: Ctx, me: Me) -> dict[str, Any]:
    current = actions.stored_profile(ctx, me)
    if current is None:
        raise NotFound("profile", "me", "answer the questions first (POST /api/profile)")
    return current


@router.post("/profile", status_code=201)
def post_profile(
    ctx: Ctx, me: Me, body: ProfileIn, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Answer the onboarding questions (or change them). The plan in the answer may hold a
    ``stop`` (a red flag): then there is no plan, only the message and how urgently to act."""
    actions.save_profile(ctx, me, body.to_profile(), idempotency_key)
    return _saved(ctx, me)


@router.post("/profile/clearance", status_code=201)
def post_clearance(
    ctx: Ctx, me: Me, body: ClearanceIn, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Record what the doctor said: clearance, restrictions, a walking limit."""
    current = actions.stored_profile(ctx, me)
    if current is None:
        raise NotFound("profile", "me", "answer the questions first (POST /api/profile)")
    data = {**current, **body.model_dump(exclude_none=True)}
    if body.max_walk_minutes is None:
        data.pop("max_walk_minutes", None)
    actions.save_profile(ctx, me, data, idempotency_key)
    return _saved(ctx, me)


@router.get("/profile/history")
def history(ctx: Ctx, me: Me) -> list[dict[str, Any]]:
    return actions.profile_history(ctx, me)
