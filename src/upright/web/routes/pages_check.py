"""The short safety check page: asked once a week and at once after a flare or worse legs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from upright.domain.safety.checks import CHECK_FLAGS
from upright.web import actions
from upright.web.deps import CheckedForm, Ctx, DateQuery, Me, day_param
from upright.web.errors import FormPage
from upright.web.forms import check_from_form
from upright.web.render import page

router = APIRouter(include_in_schema=False)


def _context(ctx: Any, me: Any, day: Any, after: str | None) -> dict[str, Any]:
    book = ctx.services.library.rules
    return {
        "day": day,
        "after": after,
        "reasons": list(actions.check_due(ctx, me, day)),
        "flags": [{"id": f, "question": book.flag(f).question} for f in CHECK_FLAGS],
    }


@router.get("/check")
def check_page(request: Request, ctx: Ctx, me: Me, date: DateQuery = None) -> Response:
    day = day_param(date, ctx)
    return page(request, "check.html", **_context(ctx, me, day, request.query_params.get("after")))


@router.post("/check")
def check_answer(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    def again(values: dict[str, Any]) -> dict[str, Any]:
        return _context(ctx, me, ctx.services.clock.today(), None)

    request.state.form_page = FormPage("check.html", again)
    day, flags = check_from_form(form)
    token = form.get("form_token")
    actions.record_check(ctx, me, day, flags, token if isinstance(token, str) else None)
    if flags:  # a yes: the today page now says what to do, and shows no plan
        return RedirectResponse(f"/today?date={day}", status_code=303)
    return RedirectResponse(f"/today?date={day}&saved=check", status_code=303)
