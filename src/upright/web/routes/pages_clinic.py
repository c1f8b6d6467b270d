"""A clinician's pages (server mode): linked people by who needs attention, a person's report,
and recording their clearance. Every read and change is in the person's audit log (the
services write it); the access policy refuses anyone not linked, in the same words whether the
person exists or not."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from upright.adapters.reports.pdf import render_pdf
from upright.services import clinician as clinician_service
from upright.services.access import Actor
from upright.web.context import WebContext
from upright.web.deps import CheckedForm, Ctx, Me
from upright.web.errors import FormPage
from upright.web.render import page
from upright.web.routes.pages_doctor import (
    _text,
    clearance_context,
    clearance_from_form,
    pdf_response,
    report_html,
    report_period,
)

router = APIRouter(include_in_schema=False)


def _list_context(ctx: WebContext, me: Actor, values: dict[str, Any]) -> dict[str, Any]:
    svc = ctx.services
    people = clinician_service.linked_people(
        svc.uow(), me, svc.clock.today(), svc.library, svc.clock.now()
    )
    return {"people": people, "values": values}


@router.get("/clinic")
def clinic(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "clinic.html", linked=request.query_params.get("linked"),
                **_list_context(ctx, me, {}))  # fmt: skip


@router.post("/clinic/link")
def link(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage("clinic.html", lambda v: _list_context(ctx, me, v))
    with ctx.write_lock:
        clinician_service.use_link_code(
            ctx.services.uow(), me, _text(form, "code"), ctx.services.clock.now()
        )
    return RedirectResponse("/clinic?linked=1", status_code=303)


def _report(ctx: WebContext, me: Actor, person_id: int, request: Request) -> dict[str, Any]:
    svc = ctx.services
    start, end, _ = report_period(ctx, request)  # a clinician never gets the person's notes
    with ctx.write_lock:  # the read is written to the audit log
        return clinician_service.read_report(
            svc.uow(), me, person_id, svc.clock.today(), svc.library, svc.clock.now(), start, end
        )


@router.get("/clinic/people/{person_id}/report")
def person_report(request: Request, ctx: Ctx, me: Me, person_id: int) -> Response:
    base = f"/clinic/people/{person_id}"
    html = report_html(
        _report(ctx, me, person_id, request), request, "/doctor/print.css",
        base=f"{base}/clearance", pdf=f"{base}/report.pdf",
    )  # fmt: skip
    return Response(html, media_type="text/html", headers={"cache-control": "no-cache, private"})


@router.get("/clinic/people/{person_id}/report.pdf")
def person_report_pdf(request: Request, ctx: Ctx, me: Me, person_id: int) -> Response:
    body = render_pdf(
        report_html(_report(ctx, me, person_id, request), request, None), "Progress report"
    )
    return pdf_response(body, f"upright-report-{person_id}.pdf")


def _person_context(
    ctx: WebContext, me: Actor, person_id: int, values: dict[str, Any]
) -> dict[str, Any]:
    return {"person_id": person_id, **clearance_context(ctx, me, person_id, values)}


@router.get("/clinic/people/{person_id}/clearance")
def person_clearance(request: Request, ctx: Ctx, me: Me, person_id: int) -> Response:
    return page(request, "clinic_person.html", saved=request.query_params.get("saved"),
                **_person_context(ctx, me, person_id, {}))  # fmt: skip


@router.post("/clinic/people/{person_id}/clearance")
def person_clearance_post(
    request: Request, ctx: Ctx, me: Me, person_id: int, form: CheckedForm
) -> Response:
    request.state.form_page = FormPage(
        "clinic_person.html", lambda v: _person_context(ctx, me, person_id, v)
    )
    svc = ctx.services
    with ctx.write_lock:
        clinician_service.set_clearance(
            svc.uow(), me, person_id, clearance_from_form(form), svc.library,
            svc.clock.today(), svc.clock.now(),
        )  # fmt: skip
    return RedirectResponse(f"/clinic/people/{person_id}/clearance?saved=1", status_code=303)
