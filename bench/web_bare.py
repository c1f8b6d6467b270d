"""The ceiling for bench/web_bench.py: a bare FastAPI app with endpoints of the same shape.

GET /today returns an HTML page of the same size as Upright's today page (read once from the
file named by BARE_PAGE); POST /api/sessions validates a body of the same shape with pydantic
and answers JSON. No database, no templates: what the framework costs on its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from pydantic import BaseModel


class Item(BaseModel):
    id: str
    status: Literal["done", "partly", "skipped"] = "done"
    minutes: float | None = None
    times: int | None = None
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None


class Session(BaseModel):
    date: str
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    effort: int | None = None
    note: str = ""
    items: list[Item] = []


def app() -> FastAPI:
    page = Path(os.environ["BARE_PAGE"]).read_text(encoding="utf-8")
    bare = FastAPI()

    @bare.get("/today", response_class=HTMLResponse)
    def today() -> str:
        return page

    @bare.post("/api/sessions", status_code=201)
    def log(body: Session) -> dict[str, object]:
        return {"session": body.model_dump(exclude_none=True), "replayed": False}

    return bare
