"""The installable, offline app: manifest, service worker (at the root, for its scope), fallback."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from upright.web.context import STATIC
from upright.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/sw.js")
def service_worker() -> Response:
    # served from the root so it may control every page; never cached by HTTP, so a new
    # version of the app is picked up at the next visit
    return FileResponse(
        STATIC / "sw.js",
        media_type="text/javascript",
        headers={"cache-control": "no-cache"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")


@router.get("/offline")
def offline(request: Request) -> Response:
    return page(request, "offline.html")
