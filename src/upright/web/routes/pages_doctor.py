"""For your doctor: the outcome questions (more pages join here: the sheet, the report)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from upright.domain.outcomes.measures import NRS_ITEMS, PEG_ITEMS, PSFS_MAX_ACTIVITIES
from upright.services import outcomes as outcome_service
from upright.web.deps import CheckedForm, Ctx, PersonId
from upright.web.errors import FormPage
from upright.web.render import page

router = APIRouter(include_in_schema=False)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def answers_from_form(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {k: _text(form, k) or None for k in (*NRS_ITEMS, *PEG_ITEMS)}
    data["psfs"] = [
        {"name": _text(form, f"psfs_name_{n}"), "score": _text(form, f"psfs_score_{n}") or None}
        for n in range(1, PSFS_MAX_ACTIVITIES + 1)
    ]
    return data


def _context(ctx: Any, person_id: int, values: dict[str, Any]) -> dict[str, Any]:
    status = outcome_service.outcome_status(
        ctx.services.uow(), person_id, ctx.services.clock.today()
    )
    return {
        "outcome": status,
        "q": outcome_service.questions(),
        "names": status["psfs_names"],
        "values": values,
    }


@router.get("/outcomes")
def outcomes(request: Request, ctx: Ctx, person_id: PersonId) -> Response:
    return page(
        request, "outcomes.html", saved=request.query_params.get("saved"),
        **_context(ctx, person_id, {}),
    )  # fmt: skip


@router.post("/outcomes")
def outcomes_post(request: Request, ctx: Ctx, person_id: PersonId, form: CheckedForm) -> Response:
    request.state.form_page = FormPage(
        "outcomes.html", lambda values: _context(ctx, person_id, values)
    )
    svc = ctx.services
    with ctx.write_lock:
        outcome_service.record_outcomes(
            svc.uow(), person_id, answers_from_form(form), svc.clock.today(), svc.clock.now()
        )
    return RedirectResponse("/outcomes?saved=1", status_code=303)
