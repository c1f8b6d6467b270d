"""JSON API: who am I, sign up / in / out, export, delete, imports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import File, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.background import BackgroundTask

from upright.services import accounts, password_reset
from upright.web import actions
from upright.web.context import WebContext
from upright.web.deps import Ctx, Me, acting_person
from upright.web.forms import PasswordChangeIn, ResetIn, ResetRequestIn, SignInIn, SignUpIn
from upright.web.routes.api_common import api_router
from upright.web.routes.pages_account import client_of, server_only
from upright.web.security import SESSION_COOKIE, cookie_options, csrf_token

router = api_router("account")


def _with_session(request: Request, ctx: WebContext, person_id: int, status: int) -> JSONResponse:
    token = accounts.open_session(ctx.web_uow, person_id, ctx.services.clock.now())
    response = JSONResponse(
        {"person": accounts.account(ctx.web_uow, person_id)}, status_code=status
    )
    response.set_cookie(
        SESSION_COOKIE, token, max_age=accounts.SESSION_DAYS * 86400, **cookie_options(request)
    )
    return response


@router.get("/me")
def me(request: Request, ctx: Ctx) -> dict[str, Any]:
    """The mode, the signed-in person (null when nobody is), and the CSRF token for forms."""
    try:
        actor = acting_person(request, ctx)
    except accounts.NotSignedIn:
        person = None
    else:
        found = accounts.account(ctx.web_uow, actor.person_id) if ctx.server else {}
        person = {"id": actor.person_id, **found, "role": actor.role.value}
    return {
        "mode": ctx.settings.mode,
        "person": person,
        "csrf_token": csrf_token(ctx.secret, request),
    }


@router.post("/auth/signup", status_code=201)
def signup(request: Request, ctx: Ctx, body: SignUpIn) -> JSONResponse:
    """Create an account (server mode) and sign in."""
    server_only(ctx)
    person_id = accounts.register(
        ctx.web_uow, body.email, body.password, body.display_name, ctx.services.clock.now(),
        ctx.hasher, client_of(request), ctx.policy,
    )  # fmt: skip
    return _with_session(request, ctx, person_id, 201)


@router.post("/auth/signin")
def signin(request: Request, ctx: Ctx, body: SignInIn) -> JSONResponse:
    """Sign in (server mode); rate limited per account and per client."""
    server_only(ctx)
    person_id = accounts.sign_in(
        ctx.web_uow, body.email, body.password, client_of(request), ctx.services.clock.now(),
        ctx.hasher, ctx.policy,
    )  # fmt: skip
    return _with_session(request, ctx, person_id, 200)


@router.post("/auth/password")
def change_password(request: Request, ctx: Ctx, me: Me, body: PasswordChangeIn) -> JSONResponse:
    """Change my password (server mode); other sessions end, this one gets a fresh cookie.

    A forgotten password is reset by e-mail instead (``/api/auth/reset``).
    """
    server_only(ctx)
    accounts.change_password(
        ctx.web_uow, me.person_id, body.current_password, body.new_password, client_of(request),
        ctx.services.clock.now(), ctx.hasher, ctx.policy,
    )  # fmt: skip
    return _with_session(request, ctx, me.person_id, 200)


@router.post("/auth/reset", status_code=202)
def request_reset(request: Request, ctx: Ctx, body: ResetRequestIn) -> JSONResponse:
    """Ask for a password-reset link by e-mail (server mode).

    The same answer whether or not the address has an account; the e-mail goes out after it.
    409 ``reset_unavailable`` when this server has no e-mail set up. Throttled per address
    and per client (429 with Retry-After).
    """
    server_only(ctx)
    message = password_reset.request_reset(
        ctx.web_uow, body.email, client_of(request), ctx.services.clock.now(),
        password_reset.link_maker(ctx.settings.public_url), ctx.services.mail is not None,
        ctx.policy,
    )  # fmt: skip
    task = None
    if message is not None and ctx.services.mail is not None:
        task = BackgroundTask(password_reset.send, ctx.services.mail, message)
    return JSONResponse(
        {"status": "requested", "message": password_reset.REQUESTED}, status_code=202,
        background=task,
    )  # fmt: skip


@router.post("/auth/reset/confirm")
def confirm_reset(request: Request, ctx: Ctx, body: ResetIn) -> JSONResponse:
    """Choose a new password with the token of a reset link (single use, 30 minutes); every
    other session of the account ends and this one is signed in. A used, expired or unknown
    token: 422 with field ``token``."""
    server_only(ctx)
    person_id = password_reset.reset_password(
        ctx.web_uow, body.token, body.new_password, ctx.services.clock.now(), ctx.hasher
    )
    return _with_session(request, ctx, person_id, 200)


@router.post("/auth/signout", status_code=204)
def signout(request: Request, ctx: Ctx) -> Response:
    server_only(ctx)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.close_session(ctx.web_uow, token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/export")
def export(ctx: Ctx, me: Me) -> dict[str, Any]:
    """Everything stored for me: profile versions, sessions, imported activities."""
    return actions.export_json(ctx, me)


@router.get("/export.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(ctx: Ctx, me: Me) -> Response:
    """My sessions as CSV, one row per item."""
    return Response(actions.export_csv(ctx, me), media_type="text/csv; charset=utf-8")


@router.delete("/account", status_code=204)
def delete_account(ctx: Ctx, me: Me) -> Response:
    """Delete my account and all my data (local mode: all data; the app starts over)."""
    actions.delete_everything(ctx, me)
    response = Response(status_code=204)
    if ctx.server:
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/imports")
def imports(ctx: Ctx, me: Me, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
    """Import GPX, TCX, FIT files or an Apple Health export; a file already imported is skipped."""
    return actions.import_uploads(ctx, me, [(f.filename or "upload", f.file) for f in files])
