"""HTML for the documents a doctor reads (the clearance sheet, the progress report).

One Jinja2 template per document serves both the printable web page and the PDF, so they can
never say different things. Entry points pass in what is theirs: the words for vocabulary
(``label``) and the exercise pictures (``picture``: id, level name -> SVG text or None).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from upright.adapters.pictures import still_for
from upright.adapters.reports.text import dose_text
from upright.domain.planning.plan import PlanItem

TEMPLATES = Path(__file__).parent / "templates"
CSS_FILE = TEMPLATES / "print.css"

Label = Callable[[str], str]
Picture = Callable[[str, str | None], str | None]


def css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def _dose(row: dict[str, Any]) -> str:
    item = PlanItem(row["id"], row["name"], row["category"], (), dict(row["dose"]), ())
    return dose_text(item)


def _day(value: str | None) -> str:
    from datetime import date

    if not value:
        return ""
    return date.fromisoformat(value[:10]).strftime("%d %B %Y").lstrip("0")


def _short_day(value: str) -> str:
    from datetime import date

    return date.fromisoformat(value[:10]).strftime("%d %b %Y").lstrip("0")


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["dose"] = _dose
    env.filters["day"] = _day
    env.filters["short_day"] = _short_day
    return env


def render(
    template: str,
    data: dict[str, Any],
    label: Label,
    picture: Picture,
    css_href: str | None = None,
    links: dict[str, str] | None = None,
    charts: dict[str, str] | None = None,
) -> str:
    """The document as one HTML page: CSS inline (for the PDF) or linked (``css_href``, web)."""

    def pic(exercise_id: str, level_name: str | None = None) -> Markup | None:
        svg = picture(exercise_id, level_name)
        return Markup(svg) if svg else None  # drawn by our own renderer from our own data

    env = _env().overlay()
    env.filters["label"] = label
    return env.get_template(template).render(
        d=data, label=label, picture=pic, css_href=css_href,
        inline_css=None if css_href else css(), links=links or {},
        charts={k: Markup(v) for k, v in (charts or {}).items()},  # our own SVG
    )  # fmt: skip


def pictures() -> Picture:
    """The exercise pictures for print: each level's start and hold, side by side."""
    return still_for
