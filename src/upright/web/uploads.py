"""Uploads are checked before their body is read.

FastAPI parses a multipart body (spooling files to disk) before any dependency runs, so the
sign-in and CSRF checks of the route would come after a stranger's 2 GB was already on disk.
This middleware runs first for the upload routes: it checks the session and the CSRF token
(sent as the ``X-CSRF-Token`` header, or ``?csrf_token=`` in the form's address, because the
form field is inside the body), refuses a declared ``Content-Length`` over the limit with 413,
and counts the bytes as they stream in, refusing with 413 the moment the limit is passed.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from upright.domain.errors import UprightError
from upright.services import accounts
from upright.web.errors import UploadTooLarge, handle
from upright.web.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, check_csrf

#: the routes that take files
UPLOAD_PATHS = frozenset({"/api/imports", "/import"})


def too_large(limit: int) -> UploadTooLarge:
    return UploadTooLarge(
        "files", f"is larger than the upload limit of {limit >> 20} MB; nothing was stored"
    )


class UploadGuard:
    """Pure ASGI: who, CSRF and size, all before the first byte of the body is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or scope.get("path") not in UPLOAD_PATHS
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        ctx: Any = scope["app"].state.ctx
        limit = int(ctx.settings.max_upload_mb) << 20
        try:
            await run_in_threadpool(_check_person, request, ctx)
            token = request.headers.get(CSRF_HEADER) or request.query_params.get(CSRF_FIELD)
            check_csrf(ctx.secret, request, token)
            declared = request.headers.get("content-length")
            if declared is not None and (not declared.isdigit() or int(declared) > limit):
                raise too_large(limit)
        except UprightError as error:
            await _answer(request, error, send)
            return
        await self._guarded(scope, receive, send, request, limit)

    async def _guarded(
        self, scope: Scope, receive: Receive, send: Send, request: Request, limit: int
    ) -> None:
        state = {"seen": 0, "over": False, "started": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not state["over"]:
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > limit:
                    # the parser stops here; what it spooled so far is closed and deleted
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def replaced(message: Message) -> None:
            if not state["over"]:
                await send(message)
            elif message["type"] == "http.response.start" and not state["started"]:
                state["started"] = True
                await _answer(request, too_large(limit), send)

        await self.app(scope, counted, replaced)


def _check_person(request: Request, ctx: Any) -> None:
    if not ctx.server:
        return
    token = request.cookies.get(SESSION_COOKIE)
    now = ctx.services.clock.now()
    if not token or accounts.session_person(ctx.web_uow, token, now) is None:
        raise accounts.NotSignedIn()


async def _answer(request: Request, error: UprightError, send: Send) -> None:
    async def no_body() -> Message:
        return {"type": "http.disconnect"}

    response = await handle(request, error)
    response.headers["connection"] = "close"  # the rest of the body is not read
    await response(request.scope, no_body, send)
