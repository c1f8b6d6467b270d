"""Today and the week: what to do, how, why; logging today's session."""

from __future__ import annotations

from datetime import date as date_type
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from upright.adapters.reports.text import dose_text
from upright.domain.errors import InvalidInput
from upright.domain.planning.first_week import BEFORE_START_NOTE
from upright.domain.planning.plan import Plan
from upright.domain.safety.checks import CHECK_FLAGS, LEG_WORDS
from upright.services.access import Actor
from upright.web import actions, views
from upright.web.context import WebContext
from upright.web.deps import REACH, CheckedForm, Ctx, DateQuery, Me, day_param
from upright.web.errors import FormPage
from upright.web.forms import morning_from_form, session_from_form
from upright.web.render import cached_page, page
from upright.web.today_view import ring_view

router = APIRouter(include_in_schema=False)


def _urgent(request: Request, plan: Plan, day: Any = None) -> Response | None:
    if plan.stop is None:
        return None
    found = plan.day(day) if day is not None else None
    walking = [f"{i.name}: {dose_text(i)}" for i in found.items] if found else []
    return page(
        request, "urgent.html", level=plan.stop.level, message=plan.stop.message,
        reasons=list(plan.stop.reasons), walking=walking,
    )  # fmt: skip


def today_context(
    ctx: WebContext, me: Actor, day: Any, plan: Plan, editing: bool = False
) -> dict[str, Any]:
    catalog = ctx.services.library.catalog
    day_view = views.day_view(plan, day, catalog, ctx.illustrations)
    stored = actions.logged_session(ctx, me, day)
    return {
        "day": day_view,
        "ring": ring_view(len(day_view["items"]), stored),
        # a logged day shows what was logged; the form comes back only for an explicit edit
        "logged": views.logged_view(stored, day_view, catalog) if stored else None,
        "editing": bool(stored) and editing,
        **({"values": views.edit_values(stored)} if stored and editing else {}),
        "is_today": day == ctx.services.clock.today(),
        # a day still to come is shown read-only: it can be logged when it comes (the service
        # refuses a future day, so the page never offers a form it would refuse after saving)
        "future": day > ctx.services.clock.today(),
        "plan_notes": list(plan.notes),
        "before_start_note": BEFORE_START_NOTE,
        "conflicts": list(plan.conflicts),
        "card": plan.card,
        "morning": actions.pending_morning(ctx, me),
        "clearance": plan.clearance,
        "waiting": [e for e in plan.excluded if e.kind == "clearance"][:1],
        **check_context(ctx, me, day),
    }


def check_context(ctx: Any, me: Actor, day: Any) -> dict[str, Any]:
    """The leg question and, when due, the short safety check (asked inside the log form)."""
    book = ctx.services.library.rules
    due = actions.check_due(ctx, me, day) if day == ctx.services.clock.today() else ()
    return {
        "legs": LEG_WORDS,
        "check_due": list(due),
        "check_flags": [{"id": f, "question": book.flag(f).question} for f in CHECK_FLAGS],
    }


@router.get("/today")
def today(request: Request, ctx: Ctx, me: Me, date: DateQuery = None) -> Response:
    day = day_param(date, ctx)
    saved = request.query_params.get("saved")
    editing = request.query_params.get("edit") == "1"
    version = actions.version(ctx, me)

    def build() -> tuple[str, dict[str, Any]] | Response:
        plan, _, _ = actions.current(ctx, me, day, version)
        urgent = _urgent(request, plan, day)
        if urgent is not None:
            return urgent
        return "today.html", {"saved": saved, **today_context(ctx, me, day, plan, editing)}

    key = ("today", me, day, ctx.services.clock.today(), saved, editing, version)
    return cached_page(request, key, build)


@router.post("/today")
def log_today(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    def again(values: dict[str, Any]) -> dict[str, Any]:
        try:
            day = day_param(str(values.get("date") or ""), ctx)
        except InvalidInput:  # the date itself was refused: show today's form with the message
            day = ctx.services.clock.today()
        plan, _, _ = actions.current(ctx, me, day)
        context = today_context(ctx, me, day, plan, values.get("replace") == "1")
        context.pop("values", None)  # the refused form shows what was sent, not what is stored
        return context

    request.state.form_page = FormPage("today.html", again)
    catalog = ctx.services.library.catalog

    def name_of(item_id: str) -> str | None:
        found = catalog.get(item_id)
        return found.name if found else None

    entry = session_from_form(form, name_of)
    token = form.get("form_token")
    replace = form.get("replace") == "1"  # the edit form says so; a plain save never overwrites
    stored, _ = actions.log_session(
        ctx, me, entry, token if isinstance(token, str) else None, replace=replace
    )
    if stored.get("red_flags"):  # a yes in the check: the page now says what to do
        return RedirectResponse(f"/today?date={entry['date']}", status_code=303)
    if "red_flags" not in stored and actions.check_due(ctx, me, parse_day_of(stored)):
        return RedirectResponse(f"/check?date={entry['date']}", status_code=303)
    return RedirectResponse(f"/today?date={entry['date']}&saved=1", status_code=303)


@router.post("/morning")
def morning(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    def again(values: dict[str, Any]) -> dict[str, Any]:
        day = ctx.services.clock.today()
        plan, _, _ = actions.current(ctx, me, day)
        return today_context(ctx, me, day, plan)

    request.state.form_page = FormPage("today.html", again)
    day, pain = morning_from_form(form)
    token = form.get("form_token")
    result = actions.record_morning(ctx, me, day, pain, token if isinstance(token, str) else None)
    if actions.check_due(ctx, me, parse_day_of(result)):  # a bad morning: the check comes at once
        today = ctx.services.clock.today().isoformat()
        return RedirectResponse(f"/check?date={today}&after=morning", status_code=303)
    return RedirectResponse("/today?saved=morning", status_code=303)


def parse_day_of(entry: dict[str, Any]) -> Any:
    return date_type.fromisoformat(str(entry["date"]))


def week_links(start: date_type, today: date_type) -> dict[str, date_type | None]:
    """The weeks before and after, as far as a page may reach from today."""
    before, after = start - timedelta(days=7), start + timedelta(days=7)
    return {
        "previous_week": before if before + timedelta(days=6) >= today - REACH else None,
        "next_week": after if after <= today + REACH else None,
    }


@router.get("/week")
def week(request: Request, ctx: Ctx, me: Me, date: DateQuery = None) -> Response:
    day = day_param(date, ctx)
    version = actions.version(ctx, me)

    def build() -> tuple[str, dict[str, Any]] | Response:
        plan, _, _ = actions.current(ctx, me, day, version)
        urgent = _urgent(request, plan)
        if urgent is not None:
            return urgent
        marks = actions.day_marks(ctx, me, [d.date for d in plan.days])
        return "week.html", {
            "week": views.week_view(plan, ctx.services.clock.today(), marks),
            "week_start": plan.week_start, "plan_notes": list(plan.notes),
            "conflicts": list(plan.conflicts), "progress": plan.progress,
            **week_links(plan.week_start, ctx.services.clock.today()),
        }  # fmt: skip

    key = ("week", me, day, ctx.services.clock.today(), version)
    return cached_page(request, key, build)
