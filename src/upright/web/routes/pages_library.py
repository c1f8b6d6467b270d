"""The exercise library ("not for you, because ...") and the education cards."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from upright.adapters import pictures
from upright.domain.errors import NotFound
from upright.services.access import Actor
from upright.web import actions, views
from upright.web.context import WebContext
from upright.web.deps import Ctx, Me
from upright.web.render import page

router = APIRouter(include_in_schema=False)
#: which level's picture to show (1 = easiest); an unknown level shows the person's own
LevelQuery = Annotated[int | None, Query(ge=1, le=20)]


def library(ctx: WebContext, me: Actor) -> list[dict[str, Any]]:
    """Every catalog entry with its verdict for this person (none before onboarding)."""
    plan = screening = None
    if actions.has_profile(ctx, me):
        plan, screening, _ = actions.current(ctx, me, ctx.services.clock.today())
    return [
        views.exercise_view(e, screening, plan, ctx.illustrations)
        for e in ctx.services.library.catalog.exercises
    ]


def one(ctx: WebContext, me: Actor, exercise_id: str, level: int | None = None) -> dict[str, Any]:
    exercise = ctx.services.library.catalog.get(exercise_id)
    if exercise is None:
        raise NotFound("exercise", exercise_id[:64], "see the exercise library for the ids")
    plan = screening = None
    if actions.has_profile(ctx, me):
        plan, screening, _ = actions.current(ctx, me, ctx.services.clock.today())
    return views.exercise_view(exercise, screening, plan, ctx.illustrations, level)


@router.get("/exercises")
def exercises(request: Request, ctx: Ctx, me: Me) -> Response:
    entries = library(ctx, me)
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["category"], []).append(entry)
    return page(request, "library.html", groups=groups)


@router.get("/exercises/{exercise_id}")
def exercise(
    request: Request, ctx: Ctx, me: Me, exercise_id: str, level: LevelQuery = None
) -> Response:
    return page(request, "exercise.html", e=one(ctx, me, exercise_id, level))


@router.get("/exercises/{exercise_id}/picture.svg")
def exercise_picture(exercise_id: str, level: LevelQuery = None) -> Response:
    """One level's start and hold, side by side, as a standalone SVG file (no person's data)."""
    found = pictures.picture(exercise_id[:64], level or 1, "file")
    if found is None:
        raise NotFound("picture", exercise_id[:64], "see the exercise library for the ids")
    return Response(found.still, media_type="image/svg+xml")


#: "2.svg" (the moving picture) or "2-still.svg" (the start and the hold, for reduced motion)
_PICTURE_NAME = re.compile(r"([1-9][0-9]?)(-still)?\.svg")
#: a picture's address carries its version (``?v=``): the same address never changes content
_FOREVER = "public, max-age=31536000, immutable"
_A_DAY = "public, max-age=86400"


@router.get("/pictures/{exercise_id}/{name}")
def picture_file(request: Request, exercise_id: str, name: str) -> Response:
    """One level's picture as its own file, so pages link to it and browsers cache it."""
    found = _PICTURE_NAME.fullmatch(name)
    drawn = pictures.picture(exercise_id[:64], int(found.group(1)), "file") if found else None
    if found is None or drawn is None:
        raise NotFound("picture", exercise_id[:64], "see the exercise library for the ids")
    ref = pictures.picture_file(exercise_id[:64], int(found.group(1)))
    tag = f'"{ref.tag}"' if ref else '""'
    headers = {
        "ETag": tag,
        "Cache-Control": _FOREVER if ref and request.query_params.get("v") == ref.tag else _A_DAY,
    }
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    body = drawn.still if found.group(2) else drawn.animated
    return Response(body, media_type="image/svg+xml", headers=headers)


@router.get("/learn")
def learn(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "learn.html", cards=ctx.services.library.catalog.cards)
