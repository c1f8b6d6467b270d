"""FastAPI dependencies: the context, the signed-in person, CSRF checks, the day asked for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from upright.domain.errors import InvalidInput
from upright.services import accounts
from upright.services.access import Actor
from upright.web.context import WebContext
from upright.web.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, CsrfRejected, check_csrf


# async: no I/O, so FastAPI runs it on the event loop instead of sending it to a worker thread
# (each sync dependency is one more thread hop per request)
async def get_ctx(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.ctx
    return ctx


Ctx = Annotated[WebContext, Depends(get_ctx)]


def acting_person(request: Request, ctx: WebContext) -> Actor:
    """Who is acting in this request. Every data route depends on this (as ``Me``) and
    nothing else.

    Local mode: the installation's one person. Server mode: the person of the sign-in session
    cookie, with their role. No route takes a person id from the request: a route acts on the
    actor's own data, and a service given another person's id asks the access policy first.
    """
    if not ctx.server:
        actor = ctx.services.actor
    else:
        token = request.cookies.get(SESSION_COOKIE)
        now = ctx.services.clock.now()
        found = accounts.session_actor(ctx.web_uow, token, now) if token else None
        if found is None:
            raise accounts.NotSignedIn()
        actor = found
    request.state.person_id = actor.person_id
    return actor


async def current_person(request: Request, ctx: Ctx) -> Actor:
    """``acting_person`` as a dependency. async: local mode reads nothing, so it stays on the
    event loop (a sync dependency is a thread hop per request); only server mode's database
    lookup goes to a worker thread."""
    if not ctx.server:
        return acting_person(request, ctx)
    return await run_in_threadpool(acting_person, request, ctx)


#: the acting person (an ``Actor``)
Me = Annotated[Actor, Depends(current_person)]


async def checked_form(request: Request, ctx: Ctx) -> FormData:
    """The posted form, after its CSRF token was checked (every HTML form post uses this)."""
    form = await request.form()
    token = form.get(CSRF_FIELD)
    check_csrf(ctx.secret, request, token if isinstance(token, str) else None)
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


async def api_guard(request: Request, ctx: Ctx) -> None:
    """CSRF for the JSON API (async: it only reads headers, see ``get_ctx``).

    A valid X-CSRF-Token header always passes. Without it, only a JSON body is accepted: a
    browser sends JSON to another origin only after a CORS preflight, which this app never
    grants, so a foreign page cannot make the call. PUT and DELETE need a preflight anyway.
    """
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    header = request.headers.get(CSRF_HEADER)
    if header:
        check_csrf(ctx.secret, request, header)
        return
    if request.method in ("PUT", "PATCH", "DELETE"):
        return
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise CsrfRejected()


#: how far from today a page or API call may look or log. The plan replays the history day by
#: day up to the date asked for, so a date decades away would tie up a worker for seconds.
REACH = timedelta(days=366)


def parse_day(value: str, today: date, field: str = "date") -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(field, f"'{value[:40]}' is not a date", "YYYY-MM-DD") from None
    if not today - REACH <= day <= today + REACH:
        raise InvalidInput(
            field, f"{day} is too far from today", f"{today - REACH} to {today + REACH}"
        )
    return day


def day_param(value: str | None, ctx: WebContext, field: str = "date") -> date:
    if value is None or value == "":
        return ctx.services.clock.today()
    return parse_day(value, ctx.services.clock.today(), field)


DateQuery = Annotated[
    str | None,
    Query(
        description="A day (YYYY-MM-DD); default today.",
        max_length=10,
        json_schema_extra={"format": "date"},
    ),
]
