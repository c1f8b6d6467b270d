"""Onboarding and the profile: the same questions as `upright start`, red flags first."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from upright.domain import vocab
from upright.domain.errors import NotFound
from upright.domain.profile import LIMITS
from upright.services.access import Actor
from upright.web import actions
from upright.web.context import WebContext
from upright.web.deps import CheckedForm, Ctx, Me
from upright.web.errors import FormPage
from upright.web.forms import clearance_from_form, profile_from_form
from upright.web.render import page

router = APIRouter(include_in_schema=False)

LISTS = ("conditions", "red_flags", "restrictions", "equipment", "days")


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    """Form values as the template reads them: lists for ticked boxes, text for the rest."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in LISTS:
            out[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        elif isinstance(value, list):
            out[key] = str(value[0]) if value else ""
        else:
            out[key] = "" if value is None else str(value)
    return out


def questions(ctx: WebContext, values: dict[str, Any], action: str) -> dict[str, Any]:
    book = ctx.services.library.rules
    return {
        "action": action,
        "values": _normalise(values),
        "flags": [{"id": f.id, "question": f.question, "level": f.level} for f in book.red_flags],
        "levels": {lv.level: lv.message for lv in book.levels},
        "conditions": vocab.CONDITIONS[:-1],
        "clearances": vocab.CLEARANCE,
        "restrictions": tuple(vocab.RESTRICTIONS),
        "equipment": vocab.EQUIPMENT,
        "prefers": vocab.PREFERS,
        "days": vocab.DAYS,
        "limits": LIMITS,
    }


def _saved(request: Request, ctx: WebContext, me: Actor, then: str) -> Response:
    plan, _, _ = actions.current(ctx, me, ctx.services.clock.today())
    if plan.stop is not None:
        return page(
            request, "urgent.html", level=plan.stop.level, message=plan.stop.message,
            reasons=list(plan.stop.reasons),
        )  # fmt: skip
    return RedirectResponse(then, status_code=303)


@router.get("/")
def home(ctx: Ctx, me: Me) -> Response:
    if me.role == "clinician":  # a clinician's start page is their list of linked people
        return RedirectResponse("/clinic", 303)
    return RedirectResponse("/today" if actions.has_profile(ctx, me) else "/start", 303)


@router.get("/start")
def start(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "onboarding.html", **questions(ctx, {}, "/start"))


@router.post("/start")
def start_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage(
        "onboarding.html", lambda values: questions(ctx, values, "/start")
    )
    token = form.get("form_token")
    data = profile_from_form(form)
    actions.save_profile(ctx, me, data, token if isinstance(token, str) else None)
    return _saved(request, ctx, me, "/today")


@router.get("/profile")
def profile(request: Request, ctx: Ctx, me: Me) -> Response:
    current = actions.stored_profile(ctx, me)
    if current is None:
        raise NotFound("profile", "me")
    return page(
        request, "profile.html", history=actions.profile_history(ctx, me),
        saved=request.query_params.get("saved"), **questions(ctx, current, "/profile"),
    )  # fmt: skip


@router.post("/profile")
def profile_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    history = actions.profile_history(ctx, me)
    request.state.form_page = FormPage(
        "profile.html", lambda values: {"history": history, **questions(ctx, values, "/profile")}
    )
    token = form.get("form_token")
    data = profile_from_form(form)
    actions.save_profile(ctx, me, data, token if isinstance(token, str) else None)
    return _saved(request, ctx, me, "/profile?saved=1")


@router.post("/profile/clearance")
def clearance_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    current = actions.stored_profile(ctx, me)
    if current is None:
        raise NotFound("profile", "me")
    history = actions.profile_history(ctx, me)
    request.state.form_page = FormPage(
        "profile.html", lambda values: {"history": history, **questions(ctx, current, "/profile")}
    )
    token = form.get("form_token")
    data = clearance_from_form(form, current)
    actions.save_profile(ctx, me, data, token if isinstance(token, str) else None)
    return _saved(request, ctx, me, "/profile?saved=1")
