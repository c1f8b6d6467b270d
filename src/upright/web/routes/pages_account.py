"""Sign up, sign in, sign out, change or reset a password (server mode only; a local
installation has no accounts)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.background import BackgroundTask

from upright.domain.errors import NotFound
from upright.services import accounts, password_reset
from upright.web.context import WebContext
from upright.web.deps import CheckedForm, Ctx, Me
from upright.web.errors import FormPage
from upright.web.form_checks import FormProblems, collect
from upright.web.render import page
from upright.web.security import SESSION_COOKIE, client_address, cookie_options

router = APIRouter(include_in_schema=False)


def server_only(ctx: WebContext) -> None:
    if not ctx.server:
        raise NotFound("page", "accounts", "this Upright runs for one person, with no accounts")


def client_of(request: Request) -> str:
    """The client's address: the socket peer, or what trusted proxies say (see security.py)."""
    ctx: WebContext = request.app.state.ctx
    return client_address(request, ctx.settings.trusted_proxies)


def signed_in(request: Request, ctx: WebContext, person_id: int, then: str) -> Response:
    """Start a fresh session (a new token at every sign-in, so an old cookie is worthless)."""
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.close_session(ctx.web_uow, old)
    token = accounts.open_session(ctx.web_uow, person_id, ctx.services.clock.now())
    response = RedirectResponse(then, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, max_age=accounts.SESSION_DAYS * 86400, **cookie_options(request)
    )
    return response


@router.get("/signup")
def signup(request: Request, ctx: Ctx) -> Response:
    server_only(ctx)
    return page(request, "signup.html", deleted=request.query_params.get("deleted"))


@router.post("/signup")
def signup_post(request: Request, ctx: Ctx, form: CheckedForm) -> Response:
    server_only(ctx)
    request.state.form_page = FormPage("signup.html", lambda values: {})
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    name = str(form.get("display_name", ""))
    address: list[str] = []
    problems = collect(  # both fields at once; register checks them again
        lambda: address.append(accounts.normalise_email(email)),
        lambda: accounts.check_password(password, [*address, email.split("@")[0], name]),
    )
    if problems:
        raise FormProblems(problems)
    person_id = accounts.register(
        ctx.web_uow, str(form.get("email", "")), str(form.get("password", "")),
        str(form.get("display_name", "")), ctx.services.clock.now(), ctx.hasher,
        client_of(request), ctx.policy,
    )  # fmt: skip
    return signed_in(request, ctx, person_id, "/start")


@router.get("/signin")
def signin(request: Request, ctx: Ctx) -> Response:
    server_only(ctx)
    return page(request, "signin.html", signed_out=request.query_params.get("out"))


@router.post("/signin")
def signin_post(request: Request, ctx: Ctx, form: CheckedForm) -> Response:
    server_only(ctx)
    request.state.form_page = FormPage("signin.html", lambda values: {})
    person_id = accounts.sign_in(
        ctx.web_uow, str(form.get("email", "")), str(form.get("password", "")),
        client_of(request), ctx.services.clock.now(), ctx.hasher, ctx.policy,
    )  # fmt: skip
    return signed_in(request, ctx, person_id, "/")


@router.post("/signout")
def signout(request: Request, ctx: Ctx, form: CheckedForm) -> Response:
    server_only(ctx)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.close_session(ctx.web_uow, token)
    # ?out=1 makes the page clear the offline copies, so the next person sees nothing
    response = RedirectResponse("/signin?out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/password")
def password_page(request: Request, ctx: Ctx, me: Me) -> Response:
    server_only(ctx)
    return page(request, "password.html", changed=request.query_params.get("changed"))


@router.post("/account/password")
def password_post(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    server_only(ctx)
    request.state.form_page = FormPage("password.html", lambda values: {})
    accounts.change_password(
        ctx.web_uow, me.person_id, str(form.get("current_password", "")),
        str(form.get("new_password", "")), client_of(request), ctx.services.clock.now(),
        ctx.hasher, ctx.policy,
    )  # fmt: skip
    return signed_in(request, ctx, me.person_id, "/account/password?changed=1")


def _reset_link(ctx: WebContext) -> Callable[[str], str]:
    return password_reset.link_maker(ctx.settings.public_url)


@router.get("/account/reset")
def reset_page(request: Request, ctx: Ctx) -> Response:
    server_only(ctx)
    return page(request, "reset_request.html", available=ctx.services.mail is not None)


@router.post("/account/reset")
def reset_post(request: Request, ctx: Ctx, form: CheckedForm) -> Response:
    server_only(ctx)
    available = ctx.services.mail is not None
    request.state.form_page = FormPage("reset_request.html", lambda values: {"available": True})
    message = password_reset.request_reset(
        ctx.web_uow, str(form.get("email", "")), client_of(request), ctx.services.clock.now(),
        _reset_link(ctx), available, ctx.policy,
    )  # fmt: skip
    response = page(
        request, "reset_request.html", available=available, sent=password_reset.REQUESTED
    )
    if message is not None and ctx.services.mail is not None:
        # sent after the answer, so an address with an account is answered as fast as one without
        response.background = BackgroundTask(password_reset.send, ctx.services.mail, message)
    return response


@router.get("/account/reset/{token}")
def new_password_page(request: Request, ctx: Ctx, token: str) -> Response:
    server_only(ctx)
    state = password_reset.check_link(ctx.web_uow, token, ctx.services.clock.now())
    problem = password_reset.LINK_PROBLEMS.get(state)
    return page(
        request, "reset_password.html", status=200 if problem is None else 410, token=token,
        problem=problem,
    )  # fmt: skip


@router.post("/account/reset/{token}")
def new_password_post(request: Request, ctx: Ctx, token: str, form: CheckedForm) -> Response:
    server_only(ctx)

    def again(values: dict[str, object]) -> dict[str, object]:
        state = password_reset.check_link(ctx.web_uow, token, ctx.services.clock.now())
        return {"token": token, "problem": password_reset.LINK_PROBLEMS.get(state)}

    request.state.form_page = FormPage("reset_password.html", again)
    person_id = password_reset.reset_password(
        ctx.web_uow, token, str(form.get("new_password", "")), ctx.services.clock.now(),
        ctx.hasher,
    )  # fmt: skip
    return signed_in(request, ctx, person_id, "/account/password?changed=1")
