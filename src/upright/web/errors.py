"""The web edge's one translation of errors into responses: an HTML page or JSON.

Every ``UprightError`` lands in ``handle``; FastAPI's request validation errors and unknown
routes are turned into the same shapes first. JSON errors always name the field:
``{"error": "invalid_input", "message": ..., "field": ..., "allowed": ...}``. A red flag gets
its own urgent page and is never shown as a generic error. A form that was refused is shown
again with the message next to the field (``FormPage``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from upright.domain.errors import (
    AlreadyLogged,
    AuthError,
    CatalogError,
    ImportFailed,
    InvalidInput,
    NotFound,
    PlanError,
    RedFlagDetected,
    StorageError,
    UprightError,
)
from upright.services.accounts import BadCredentials, NotSignedIn, TooBusy, TooManyAttempts
from upright.services.password_reset import ResetUnavailable
from upright.web.form_checks import message_of, problems_of
from upright.web.render import page
from upright.web.security import CsrfRejected


class InProgress(UprightError):
    """The same idempotency key is being handled by another request right now."""

    def __init__(self, message: str, retry_after_seconds: int = 1) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class UploadTooLarge(InvalidInput):
    """The request body is larger than the upload limit (refused before it is stored)."""


@dataclass
class FormPage:
    """How to show a refused form again: a template and a function building its context."""

    template: str
    context: Callable[[dict[str, Any]], dict[str, Any]]


_STATUS: list[tuple[type[UprightError], int]] = [
    (RedFlagDetected, 409),
    (NotSignedIn, 401),
    (BadCredentials, 401),
    (TooManyAttempts, 429),
    (CsrfRejected, 403),
    (AuthError, 403),
    (UploadTooLarge, 413),
    (AlreadyLogged, 409),
    (InvalidInput, 422),
    (NotFound, 404),
    (ImportFailed, 422),
    (InProgress, 409),
    (PlanError, 409),
    (StorageError, 503),
    (TooBusy, 503),
    (CatalogError, 500),
    (ResetUnavailable, 409),
]


def status_for(error: UprightError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 400


def _kind(error: UprightError) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(error).__name__).lower()


def error_json(error: UprightError) -> dict[str, Any]:
    # the human message says the field in words; ``field`` keeps its path for programs
    message = message_of(error, codes=True) if isinstance(error, InvalidInput) else error.message
    body: dict[str, Any] = {"error": _kind(error), "message": message}
    field = getattr(error, "field", None)
    if isinstance(error, NotFound):
        field = error.kind
        body["id"] = error.ident
    if field is not None:
        body["field"] = field
    if isinstance(error, InvalidInput):
        body["problem"] = error.problem
        body["allowed"] = error.allowed
    if isinstance(error, RedFlagDetected):
        body.update(level=error.level, reasons=error.reasons)
    return body


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


async def handle(request: Request, error: Exception) -> Response:
    if not isinstance(error, UprightError):  # registered for UprightError only
        raise error
    status = status_for(error)
    headers = {}
    retry = getattr(error, "retry_after_seconds", None)
    if isinstance(retry, int):
        headers["Retry-After"] = str(retry)
    elif isinstance(error, StorageError):
        headers["Retry-After"] = str(OUTAGE_RETRY_SECONDS)
    if wants_json(request):
        return JSONResponse(error_json(error), status_code=status, headers=headers)
    if isinstance(error, RedFlagDetected):
        return page(
            request,
            "urgent.html",
            level=error.level,
            message=error.message,
            reasons=error.reasons,
        )
    if isinstance(error, NotSignedIn):
        return RedirectResponse("/signin", status_code=303)
    if isinstance(error, NotFound) and error.kind == "profile":
        return RedirectResponse("/start", status_code=303)
    form_page: FormPage | None = getattr(request.state, "form_page", None)
    field = getattr(error, "field", None)
    if form_page is not None and isinstance(error, (InvalidInput, AuthError, ImportFailed)):
        values = _form_values(await request.form())
        try:  # the form's page reads the database: off the event loop
            context = await run_in_threadpool(form_page.context, values)
        except UprightError:  # the page itself cannot be shown again: say what was wrong
            context = None
        if context is not None:
            problems = problems_of(error)  # every problem of the form, each beside its field
            summary = (
                next(iter(problems.values()))
                if len(problems) == 1
                else f"{len(problems)} answers need another look."
            )
            context.update(
                errors=problems, error_summary=summary, error_list=list(problems.items()),
                values=values,
            )  # fmt: skip
            return page(request, form_page.template, status=status, headers=headers, **context)
    return page(
        request, "error.html", status=status, headers=headers, title="Something is not right",
        message=message_of(error) if isinstance(error, InvalidInput) else error.message,
        field=field,
    )  # fmt: skip


def _form_values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in form:
        items = [v for v in form.getlist(key) if isinstance(v, str)]
        values[key] = items if len(items) > 1 else (items[0] if items else "")
    return values


def _field_of(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out or "body"


async def handle_validation(request: Request, error: Exception) -> Response:
    """FastAPI's own validation (types, ranges of the API models) as an InvalidInput."""
    if not isinstance(error, RequestValidationError):
        raise error
    problems = error.errors()
    first = problems[0] if problems else {"loc": ("body",), "msg": "is not valid"}
    field = _field_of(tuple(first.get("loc", ())))
    message = str(first.get("msg", "is not valid"))
    return await handle(request, InvalidInput(field, message))


async def handle_http(request: Request, error: Exception) -> Response:
    """Unknown routes and wrong methods: JSON for the API, a friendly page for people."""
    if not isinstance(error, StarletteHTTPException):
        raise error
    headers = dict(error.headers or {})
    if wants_json(request):
        return JSONResponse(
            {"error": "http_error", "message": str(error.detail), "field": None},
            status_code=error.status_code,
            headers=headers,
        )
    title = "Page not found" if error.status_code == 404 else "Something is not right"
    message = "There is no page at this address." if error.status_code == 404 else str(error.detail)
    return page(
        request, "error.html", status=error.status_code, headers=headers, title=title,
        message=message, field=None,
    )  # fmt: skip


#: what a client is told to wait when the database cannot be reached
OUTAGE_RETRY_SECONDS = 30


async def handle_outage(request: Request, error: Exception) -> Response:
    """The database is down or unreachable: 503 with Retry-After, never a bare 500.

    Registered for the storage library's outage errors (``Services.outage_errors``, named by the
    composition root), in case one escapes the unit of work's own translation.
    """
    outage = StorageError(
        "Upright cannot reach its database right now; nothing was lost. "
        "Please try again in a minute."
    )
    return await handle(request, outage)


def install(app: FastAPI, outage_errors: tuple[type[Exception], ...] = ()) -> None:
    app.add_exception_handler(UprightError, handle)
    for kind in outage_errors:
        app.add_exception_handler(kind, handle_outage)
    app.add_exception_handler(RequestValidationError, handle_validation)
    app.add_exception_handler(StarletteHTTPException, handle_http)
