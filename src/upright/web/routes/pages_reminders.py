"""Reminders: the settings page, the private calendar feed, push opt-in, one-click unsubscribe."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from upright.adapters.notify.calendar import calendar_bytes
from upright.adapters.notify.channels import feed_link
from upright.domain.reminders import CHANNELS, WEEKDAYS
from upright.domain.reminders.settings import parse_settings
from upright.services import reminder_feed, reminder_system, reminders
from upright.services.access import Actor
from upright.services.reminder_ports import PushTarget
from upright.web.context import WebContext
from upright.web.deps import CheckedForm, Ctx, Me, api_guard
from upright.web.errors import FormPage
from upright.web.form_checks import FormProblems, collect
from upright.web.render import page

router = APIRouter(include_in_schema=False)


def _view(ctx: WebContext, me: Actor) -> dict[str, Any]:
    uow: Any = ctx.services.uow
    person_id = me.person_id
    current, email = reminders.show(uow(), me, person_id)
    token = reminder_feed.feed_token(uow(), me, person_id)
    link = feed_link(ctx.settings, token) if token else None
    return {
        "r": current.to_dict() if current else None,
        "default_days": reminders.plan_days(uow(), me, person_id),
        "email": email or "",
        "weekdays": WEEKDAYS,
        "channels": CHANNELS,
        "feed": link,
        "mail_ready": bool(ctx.settings.smtp_url),
        "webcal": link.replace("https://", "webcal://").replace("http://", "webcal://")
        if link
        else None,
    }


@router.get("/reminders")
def settings_page(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(
        request, "reminders.html", saved=request.query_params.get("saved"), **_view(ctx, me)
    )


@router.post("/reminders")
def save(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    request.state.form_page = FormPage("reminders.html", lambda values: _view(ctx, me))
    quiet_start = str(form.get("quiet_start") or "").strip()
    quiet_end = str(form.get("quiet_end") or "").strip()
    changes: dict[str, Any] = {
        "days": [str(d) for d in form.getlist("days")],
        "time": str(form.get("time") or ""),
        "timezone": str(form.get("timezone") or ""),
        "channels": [str(c) for c in form.getlist("channels")],
        "quiet_start": quiet_start or None,
        "quiet_end": quiet_end or None,
        "enabled": form.get("enabled") == "on",
        "apprise_url": str(form.get("apprise_url") or "").strip() or None,
    }
    if not ctx.server:
        changes["email"] = str(form.get("email") or "").strip() or None
    problems = collect(  # every field at once; configure checks them all again
        *(
            (lambda part=part: parse_settings({k: changes[k] for k in part}))
            for part in (("days",), ("time",), ("timezone",), ("quiet_start", "quiet_end"),
                         ("channels", "apprise_url"))
        ),
    )  # fmt: skip
    if problems:
        raise FormProblems(problems)
    uow: Any = ctx.services.uow
    reminders.configure(uow(), me, me.person_id, changes, ctx.services.clock.now())
    if "calendar" in changes["channels"]:
        reminder_feed.feed_link(uow(), me, me.person_id, ctx.services.clock.now())
    return RedirectResponse("/reminders?saved=1", status_code=303)


@router.post("/reminders/calendar/renew")
def renew(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    uow: Any = ctx.services.uow
    reminder_feed.feed_link(uow(), me, me.person_id, ctx.services.clock.now(), renew=True)
    return RedirectResponse("/reminders?saved=1", status_code=303)


def _ics(ctx: WebContext, me: Actor) -> bytes:
    uow: Any = ctx.services.uow
    current, _ = reminders.show(uow(), me, me.person_id)
    now = ctx.services.clock.now()
    sessions = reminder_feed.feed_sessions(
        uow(), me, me.person_id, ctx.services.library, now, current
    )
    return calendar_bytes(sessions, current.timezone if current else "UTC", now)


@router.get("/reminders/calendar/{token}.ics")
def feed(ctx: Ctx, token: str) -> Response:
    """The private feed: the token in the link is the only key (no sign-in, so phones can read it)."""
    uow: Any = ctx.services.uow
    person_id = reminder_system.feed_owner(uow(), token[:64])
    return Response(
        _ics(ctx, Actor(person_id)), media_type="text/calendar; charset=utf-8",
        headers={"cache-control": "private, max-age=900"},
    )  # fmt: skip


@router.get("/reminders/sessions.ics")
def download(ctx: Ctx, me: Me) -> Response:
    return Response(
        _ics(ctx, me), media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="upright-sessions.ics"'},
    )  # fmt: skip


@router.get("/reminders/stop/{token}")
def stop_page(request: Request, token: str) -> Response:
    return page(request, "reminders_stop.html", token=token[:64], done=False)


@router.post("/reminders/stop/{token}")
def stop(request: Request, ctx: Ctx, token: str) -> Response:
    """One click from the e-mail (RFC 8058): the token is the key, no sign-in needed."""
    uow: Any = ctx.services.uow
    found = reminder_system.unsubscribe(uow(), token[:64])
    return page(request, "reminders_stop.html", token=token[:64], done=True, found=found)


@router.get("/api/push/key", dependencies=[Depends(api_guard)])
def push_key(ctx: Ctx, me: Me) -> dict[str, str]:
    from upright.adapters.notify.push import public_key, server_vapid

    uow: Any = ctx.services.uow
    return {"key": public_key(server_vapid(uow))}


@router.post("/api/push/subscribe", dependencies=[Depends(api_guard)])
async def push_subscribe(request: Request, ctx: Ctx, me: Me) -> dict[str, bool]:
    body = await request.json()
    keys = body.get("keys") if isinstance(body, dict) else None
    keys = keys if isinstance(keys, dict) else {}
    target = PushTarget(
        str(body.get("endpoint", "") if isinstance(body, dict) else ""),
        str(keys.get("p256dh", "")),
        str(keys.get("auth", "")),
    )
    uow: Any = ctx.services.uow
    reminders.add_push(uow(), me, me.person_id, target, ctx.services.clock.now())
    return {"ok": True}
