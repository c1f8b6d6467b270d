"""Shared pieces of the JSON API: the router factory, error documentation, headers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel

from upright.web.deps import api_guard


class ErrorOut(BaseModel):
    """Every API error: a kind, a message, and the field it is about (when there is one)."""

    error: str
    message: str
    field: str | None = None
    allowed: str | None = None


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("Not signed in (server mode)"),
    403: _error("CSRF check failed"),
    404: _error("Not found (for example: no profile yet)"),
    409: _error("A red flag stops the program, or the same request is still running"),
    422: _error("Invalid input; `field` names it"),
}


def api_router(tag: str) -> APIRouter:
    return APIRouter(prefix="/api", tags=[tag], dependencies=[Depends(api_guard)], responses=ERRORS)


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Any unique string (a UUID); a retry with the same key stores nothing new.",
    ),
]
