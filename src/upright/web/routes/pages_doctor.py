"""For your doctor: the outcome questions, the clearance sheet and entering the answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from upright.adapters.reports import documents
from upright.adapters.reports.pdf import render_pdf
from upright.domain.errors import InvalidInput
from upright.domain.outcomes.measures import NRS_ITEMS, PEG_ITEMS, PSFS_MAX_ACTIVITIES
from upright.services import clearance as clearance_service
from upright.services import clinician as clinician_service
from upright.services import outcomes as outcome_service
from upright.services.access import Actor
from upright.services.reports import report_data
from upright.services.sheet import sheet_data
from upright.web.context import WebContext
from upright.web.deps import CheckedForm, Ctx, Me, parse_day
from upright.web.errors import FormPage
from upright.web.progress_view import progress_charts
from upright.web.render import page
from upright.web.views import label

router = APIRouter(include_in_schema=False)
PICTURES = documents.pictures()


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


def _outcome_context(ctx: WebContext, me: Actor, values: dict[str, Any]) -> dict[str, Any]:
    status = outcome_service.outcome_status(
        ctx.services.uow(), me, me.person_id, ctx.services.clock.today()
    )
    return {
        "outcome": status,
        "q": outcome_service.questions(),
        "names": status["psfs_names"],
        "values": values,
    }


@router.get("/outcomes")
def outcomes(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(
        request, "outcomes.html", saved=request.query_params.get("saved"),
        **_outcome_context(ctx, me, {}),
    )  # fmt: skip


@router.post("/outcomes")
def outcomes_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage(
        "outcomes.html", lambda values: _outcome_context(ctx, me, values)
    )
    svc = ctx.services
    with ctx.write_lock:
        outcome_service.record_outcomes(
            svc.uow(), me, me.person_id, answers_from_form(form), svc.clock.today(), svc.clock.now()
        )
    return RedirectResponse("/outcomes?saved=1", status_code=303)


# ------------------------------------------------------------------ the clearance sheet


def sheet_html(
    ctx: WebContext, me: Actor, subject_id: int, css_href: str | None, base: str = ""
) -> str:
    svc = ctx.services
    data = sheet_data(svc.uow(), me, subject_id, svc.clock.today(), svc.library)
    links = (
        {base or "/doctor": "Back", f"{base}/sheet.pdf": "Download as PDF"} if css_href else None
    )
    return documents.render("sheet.html", data, label, PICTURES, css_href=css_href, links=links)


@router.get("/doctor/print.css")
def print_css() -> Response:
    return PlainTextResponse(documents.css(), media_type="text/css")


@router.get("/sheet")
def sheet(ctx: Ctx, me: Me) -> Response:
    html = sheet_html(ctx, me, me.person_id, "/doctor/print.css")
    return Response(html, media_type="text/html", headers={"cache-control": "no-cache, private"})


def pdf_response(body: bytes, filename: str) -> Response:
    return Response(
        body, media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{filename}"',
                 "cache-control": "no-store, private"},
    )  # fmt: skip


@router.get("/sheet.pdf")
def sheet_pdf(ctx: Ctx, me: Me) -> Response:
    body = render_pdf(sheet_html(ctx, me, me.person_id, None), "Clearance sheet")
    return pdf_response(body, "upright-clearance-sheet.pdf")


# ------------------------------------------------------------------ entering the answers


def clearance_from_form(form: FormData) -> dict[str, Any]:
    restricted = _text(form, "clearance") == "cleared_with_restrictions"
    return {
        "clearance": _text(form, "clearance"),
        "restrictions": [v for v in form.getlist("restrictions") if isinstance(v, str)]
        if restricted else [],
        "max_walk_minutes": (_text(form, "max_walk_minutes") or None) if restricted else None,
        "avoid_exercises": [v for v in form.getlist("avoid_exercises") if isinstance(v, str)]
        if restricted else [],
        "valid_until": _text(form, "valid_until") or None,
        "note": _text(form, "note"),
    }  # fmt: skip


def clearance_context(
    ctx: WebContext, me: Actor, subject_id: int, values: dict[str, Any]
) -> dict[str, Any]:
    svc = ctx.services
    data = sheet_data(svc.uow(), me, subject_id, svc.clock.today(), svc.library)
    names = {e.id: e.name for e in svc.library.catalog.exercises}
    records = []
    for r in clearance_service.clearance_history(svc.uow(), me, subject_id):
        d = r["data"]
        words = [label(w) for w in d["restrictions"]]
        if d["max_walk_minutes"]:
            words.append(f"walks up to {d['max_walk_minutes']} minutes")
        words += [f"avoid {names.get(i, i)}" for i in d["avoid_exercises"]]
        records.append({**r, "restrictions_text": "; ".join(words) or "none"})
    return {
        "current": data["clearance"],
        "choices": data["choices"],
        "exercises": data["choices"]["exercises"],
        "records": records,
        **(_links_context(ctx, me) if ctx.server and me.person_id == subject_id else {}),
        "values": values,
    }


@router.get("/doctor")
def doctor(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(
        request, "doctor.html", saved=request.query_params.get("saved"),
        **clearance_context(ctx, me, me.person_id, {}),
    )  # fmt: skip


@router.post("/clearance")
def clearance_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage(
        "doctor.html", lambda values: clearance_context(ctx, me, me.person_id, values)
    )
    svc = ctx.services
    with ctx.write_lock:
        clearance_service.record_clearance(
            svc.uow(), me, me.person_id, clearance_from_form(form), svc.library,
            svc.clock.today(), svc.clock.now(), entered_by_name=_text(form, "by"), role="self",
        )  # fmt: skip
    return RedirectResponse("/doctor?saved=1", status_code=303)


# ------------------------------------------------------------------ the progress report


def report_period(ctx: WebContext, request: Request) -> tuple[date | None, date | None, bool]:
    today = ctx.services.clock.today()
    q = request.query_params
    start = parse_day(q["from"], today, "from") if q.get("from") else None
    end = parse_day(q["to"], today, "to") if q.get("to") else None
    return start, end, q.get("notes") in ("1", "yes", "on")


def report_html(
    data: dict[str, Any], request: Request, css_href: str | None, base: str = "/doctor",
    pdf: str = "/report.pdf",
) -> str:  # fmt: skip
    query = request.url.query
    links = (
        {base: "Back", pdf + (f"?{query}" if query else ""): "Download as PDF"}
        if css_href else None
    )  # fmt: skip
    return documents.render(
        "report.html", data, label, PICTURES, css_href=css_href, links=links,
        charts=progress_charts(data["progress"], []),
    )  # fmt: skip


def _own_report(ctx: WebContext, me: Actor, request: Request) -> dict[str, Any]:
    svc = ctx.services
    start, end, notes = report_period(ctx, request)
    return report_data(
        svc.uow(), me, me.person_id, svc.clock.today(), svc.library, start, end, notes
    )


@router.get("/report")
def report(request: Request, ctx: Ctx, me: Me) -> Response:
    html = report_html(_own_report(ctx, me, request), request, "/doctor/print.css")
    return Response(html, media_type="text/html", headers={"cache-control": "no-cache, private"})


@router.get("/report.pdf")
def report_pdf(request: Request, ctx: Ctx, me: Me) -> Response:
    body = render_pdf(report_html(_own_report(ctx, me, request), request, None), "Progress report")
    return pdf_response(body, "upright-progress-report.pdf")


# ------------------------------------------------------------------ server mode: your clinicians


def _links_context(ctx: WebContext, me: Actor) -> dict[str, Any]:
    uow = ctx.services.uow
    return {
        "clinicians": clinician_service.clinicians_of(uow(), me, me.person_id),
        "audit": clinician_service.audit_log(uow(), me, me.person_id),
    }


@router.post("/doctor/code")
def link_code(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    with ctx.write_lock:
        code = clinician_service.make_link_code(
            ctx.services.uow(), me, me.person_id, ctx.services.clock.now()
        )
    return page(
        request, "doctor.html", new_code=code, **clearance_context(ctx, me, me.person_id, {})
    )


@router.post("/doctor/revoke")
def revoke(ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    try:
        clinician_id = int(_text(form, "clinician_id"))
    except ValueError:
        raise InvalidInput("clinician_id", "expected a clinician from your list") from None
    with ctx.write_lock:
        clinician_service.revoke(
            ctx.services.uow(), me, me.person_id, clinician_id, ctx.services.clock.now()
        )
    return RedirectResponse("/doctor?revoked=1", status_code=303)
