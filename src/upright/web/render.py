"""Jinja2 setup and the one function every page goes through."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable, Mapping
from datetime import date
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from upright.domain.vocab import DISCLAIMER
from upright.domain.words import plain
from upright.web.context import TEMPLATES, WebContext
from upright.web.security import csrf_token
from upright.web.sources import source_list
from upright.web.views import URGENCY_TITLE, label

#: the tab bar (phone: at the bottom; wide screens: at the top): path, words, icon
TABS = (
    ("/today", "Today", "today"),
    ("/week", "Week", "week"),
    ("/progress", "Progress", "progress"),
    ("/exercises", "Library", "library"),
    ("/more", "More", "more"),
)
#: the pages behind "More": path, words, icon, a short line saying what is there
MORE = (
    ("/learn", "Learn", "learn", "Short reads: walking, the core, a flare"),
    ("/walks", "Your walks", "walks", "Walks your phone or watch recorded"),
    ("/import", "Import", "import", "Add walks from a GPX, FIT or Apple Health file"),
    ("/friends", "Friends", "friends", "Buddies, groups and classes"),
    ("/reminders", "Reminders", "reminders", "When Upright nudges you"),
    ("/doctor", "Doctor", "doctor", "A sheet and report for your doctor"),
    ("/data", "Data", "data", "Download or delete what you entered"),
    ("/profile", "Account", "account", "Your answers, your doctor's clearance"),
)
#: the steps of the first questions (each section of the form says which step it is in)
STEP_TITLES = ("Safety questions", "About you", "Your back", "Your days", "Ready")
#: pages that belong to a tab without being its own page
_TAB_OF = {"/month": "/week", "/exercises": "/exercises", "/start": "/today", "/check": "/today"}


def tab_for(path: str) -> str:
    """The tab a page belongs to (the one marked as current); anything else is under More."""
    for href, _, _ in TABS:
        if path == href or path.startswith(href + "/"):
            return href
    for prefix, tab in _TAB_OF.items():
        if path == prefix or path.startswith(prefix + "/"):
            return tab
    return "/more"


def _day(value: date) -> str:
    return value.strftime("%A %d %B").replace(" 0", " ")


def _short_day(value: date) -> str:
    return value.strftime("%a %d %b").replace(" 0", " ")


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = label
    # reasons and notes from the rules may carry pointers for clinicians ("reference.md §4.7"):
    # a page says them in words only
    env.filters["plain"] = plain
    env.filters["day"] = _day
    env.filters["sources"] = source_list
    env.filters["short_day"] = _short_day
    env.globals.update(
        TABS=TABS,
        MORE=MORE,
        STEP_TITLES=STEP_TITLES,
        DISCLAIMER=DISCLAIMER,
        URGENCY_TITLE=URGENCY_TITLE,
    )
    return Jinja2Templates(env=env)


#: stand-ins for the per-request tokens in a cached page (letters only: autoescape keeps them)
CSRF_MARK = "UPRIGHTCSRFMARK"
FORM_MARK = "UPRIGHTFORMMARK"


def _render(request: Request, name: str, context: dict[str, Any], csrf: str, form: str) -> str:
    ctx: WebContext = request.app.state.ctx
    base: dict[str, Any] = {
        "request": request,
        "csrf_token": csrf,
        # a fresh token per rendered form: a second submit of the same form stores nothing new
        "form_token": form,
        "server": ctx.server,
        "signed_in": getattr(request.state, "person_id", None) is not None,
        "path": request.url.path,
        "tab": tab_for(request.url.path),
        "errors": {},
        "values": {},
        "error_summary": None,
        "error_list": [],
    }
    base.update(context)
    return ctx.templates.env.get_template(name).render(base)


def _html(body: str, status: int = 200, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    response = HTMLResponse(body, status_code=status, headers=dict(headers or {}))
    response.headers["cache-control"] = "no-cache, private"
    return response


def page(
    request: Request,
    name: str,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    ctx: WebContext = request.app.state.ctx
    body = _render(
        request, name, context, csrf_token(ctx.secret, request), secrets.token_urlsafe(18)
    )
    return _html(body, status, headers)


def cached_page(
    request: Request,
    key: Hashable,
    build: Callable[[], tuple[str, dict[str, Any]] | Response],
) -> Response:
    """A page from the cache (``key`` must hold the person's data version), rendered once.

    The page is stored with stand-ins for the CSRF and form tokens, which are filled in fresh
    for every request. ``build`` may answer a Response instead (not cached): the urgent page.
    """
    ctx: WebContext = request.app.state.ctx
    html: str | None = ctx.cache.get(key)
    if html is None:
        built = build()
        if isinstance(built, Response):
            return built
        name, context = built
        html = _render(request, name, context, CSRF_MARK, FORM_MARK)
        ctx.cache.put(key, html)
    body = html.replace(CSRF_MARK, csrf_token(ctx.secret, request)).replace(
        FORM_MARK, secrets.token_urlsafe(18)
    )
    return _html(body)
