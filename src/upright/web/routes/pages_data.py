"""My data: export everything (JSON, CSV), import device files, delete my account."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from upright.domain.errors import InvalidInput
from upright.web import actions
from upright.web.deps import CheckedForm, Ctx, Me
from upright.web.errors import FormPage
from upright.web.render import page
from upright.web.security import SESSION_COOKIE

router = APIRouter(include_in_schema=False)


def _download(body: str, media: str, name: str) -> Response:
    return Response(
        body, media_type=media,
        headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"},
    )  # fmt: skip


@router.get("/data")
def data(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "data.html", deleted=request.query_params.get("deleted"))


@router.get("/data/export.json")
def export_json(ctx: Ctx, me: Me) -> Response:
    body = json.dumps(actions.export_json(ctx, me), indent=2, ensure_ascii=False)
    return _download(body, "application/json", "upright-export.json")


@router.get("/data/export.csv")
def export_csv(ctx: Ctx, me: Me) -> Response:
    return _download(actions.export_csv(ctx, me), "text/csv; charset=utf-8", "upright-sessions.csv")


@router.post("/data/delete")
def delete(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage("data.html", lambda values: {})
    if str(form.get("confirm", "")).strip().lower() != "delete":
        raise InvalidInput("confirm", "type the word delete to confirm", "delete")
    actions.delete_everything(ctx, me)
    if ctx.server:
        response = RedirectResponse("/signup?deleted=1", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
    return RedirectResponse("/start", status_code=303)


@router.get("/import")
def import_page(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "import.html", available=True, report=None)


@router.post("/import")
def import_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage(
        "import.html", lambda values: {"available": True, "report": None}
    )
    uploads: list[tuple[str, Any]] = [
        (f.filename or "upload", f.file)
        for f in form.getlist("files")
        if isinstance(f, UploadFile) and (f.filename or f.size)
    ]
    report = actions.import_uploads(ctx, me, uploads)
    return page(request, "import.html", available=True, report=report)
