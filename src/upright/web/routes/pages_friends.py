"""Friends pages: buddies, invitations, encouragement, groups and classes (work on a phone)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from upright.domain.errors import InvalidInput, NotFound
from upright.domain.social.buddies import ENCOURAGEMENTS, NEVER_SHARED_WORDS, SHARE_WORDS
from upright.services import buddies, buddy_views, classes, encouragement, groups
from upright.web import social
from upright.web.deps import CheckedForm, Ctx, Me, parse_day
from upright.web.errors import FormPage
from upright.web.render import page

router = APIRouter(include_in_schema=False)


def _friends(ctx: Any, me: Any, **extra: Any) -> dict[str, Any]:
    uow = social.uow(ctx)
    return {
        "buddies": buddies.list_buddies(uow, me, me.person_id),
        "received": encouragement.inbox(
            social.uow(ctx), me, me.person_id, ctx.services.clock.today()
        ),
        "groups": groups.my_groups(social.uow(ctx), me, me.person_id),
        "share_words": SHARE_WORDS,
        "never_shared": NEVER_SHARED_WORDS,
        "invitation": None,
        **extra,
    }


def _back(request: Request, ctx: Any, me: Any) -> None:
    request.state.form_page = FormPage("friends.html", lambda values: _friends(ctx, me))


@router.get("/friends")
def friends(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "friends.html", **_friends(ctx, me))


@router.post("/friends/invite")
def make_invite(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    _back(request, ctx, me)
    made = buddies.create_invite(social.uow(ctx), me, me.person_id, social.now(ctx))
    link = str(request.base_url).rstrip("/") + f"/friends/join/{made.code}"
    return page(
        request,
        "friends.html",
        **_friends(
            ctx, me, invitation={"code": made.code, "link": link, "expires": made.expires_at}
        ),
    )


@router.post("/friends/code")
def enter_code(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    _back(request, ctx, me)
    code = str(form.get("code", ""))[:40]
    buddies.preview_invite(social.uow(ctx), me, me.person_id, code, social.now(ctx))
    return RedirectResponse(
        f"/friends/join/{code.strip().upper().replace(' ', '')}", status_code=303
    )


@router.get("/friends/join/{code}")
def join_page(request: Request, ctx: Ctx, me: Me, code: str) -> Response:
    request.state.form_page = FormPage("friends.html", lambda values: _friends(ctx, me))
    sender = buddies.preview_invite(social.uow(ctx), me, me.person_id, code[:40], social.now(ctx))
    return page(
        request, "join.html", code=code[:40], sender=sender, never_shared=NEVER_SHARED_WORDS
    )


@router.post("/friends/join/{code}")
def answer(request: Request, ctx: Ctx, me: Me, code: str, form: CheckedForm) -> Response:
    _back(request, ctx, me)
    if form.get("answer") == "accept":
        other = buddies.accept_invite(social.uow(ctx), me, me.person_id, code[:40], social.now(ctx))
        return RedirectResponse(f"/friends/{other}", status_code=303)
    buddies.decline_invite(social.uow(ctx), me, me.person_id, code[:40], social.now(ctx))
    return RedirectResponse("/friends", status_code=303)


def _buddy_context(ctx: Any, me: Any, buddy_id: int) -> dict[str, Any]:
    today = ctx.services.clock.today()
    found = [
        b
        for b in buddies.list_buddies(social.uow(ctx), me, me.person_id)
        if b.person_id == buddy_id
    ]
    shared = buddy_views.shared_items(social.uow(ctx), me, buddy_id, today, ctx.services.library)
    if not found:
        from upright.services.access import PersonNotFound

        raise PersonNotFound()
    goal = buddy_views.goal_view(
        social.uow(ctx), me, me.person_id, buddy_id, today, ctx.services.library
    )
    return {
        "buddy": found[0], "shared": shared, "goal": goal, "share_words": SHARE_WORDS,
        "never_shared": NEVER_SHARED_WORDS, "messages": ENCOURAGEMENTS,
    }  # fmt: skip


@router.get("/friends/{buddy_id}")
def buddy_page(request: Request, ctx: Ctx, me: Me, buddy_id: int) -> Response:
    return page(request, "buddy.html", **_buddy_context(ctx, me, buddy_id))


@router.post("/friends/{buddy_id}/{action}")
def buddy_action(
    request: Request, ctx: Ctx, me: Me, buddy_id: int, action: str, form: CheckedForm
) -> Response:
    request.state.form_page = FormPage(
        "buddy.html", lambda values: _buddy_context(ctx, me, buddy_id)
    )
    uow, now, today = social.uow(ctx), social.now(ctx), ctx.services.clock.today()
    if action == "sharing":
        scopes = buddies.parse_scopes(str(s) for s in form.getlist("share"))
        buddies.set_sharing(uow, me, me.person_id, buddy_id, scopes, now)
    elif action == "encourage":
        text = str(form.get("text", "")).strip()
        key = None if text else str(form.get("message", ""))
        encouragement.send(uow, me, buddy_id, today, now, key, text or None)
    elif action == "goal":
        try:
            walks = int(str(form.get("walks", "")))
        except ValueError:
            raise InvalidInput("walks", "give a number of walks", "1-7") from None
        buddies.propose_goal(uow, me, me.person_id, buddy_id, walks, now)
    elif action == "agree":
        buddies.agree_goal(uow, me, me.person_id, buddy_id, now)
    elif action == "mute":
        encouragement.mute(uow, me, me.person_id, buddy_id, now, form.get("muted") == "1")
    elif action == "remove":
        buddies.remove_buddy(uow, me, me.person_id, buddy_id)
        return RedirectResponse("/friends", status_code=303)
    elif action == "block":
        buddies.block(uow, me, me.person_id, buddy_id, now)
        return RedirectResponse("/friends", status_code=303)
    else:
        raise InvalidInput("action", "unknown action")
    return RedirectResponse(f"/friends/{buddy_id}", status_code=303)


def _group_context(ctx: Any, me: Any, group_id: int) -> dict[str, Any]:
    view = groups.group_view(
        social.uow(ctx), me, me.person_id, social.schedules(), group_id, ctx.services.clock.today()
    )
    return {"group": view, "share_words": SHARE_WORDS, "invitation": None}


@router.post("/groups/new")
def new_group(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    from datetime import datetime, time
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    _back(request, ctx, me)
    tz = str(form.get("tz", "") or "UTC")[:64]
    day = parse_day(str(form.get("date", "")), ctx.services.clock.today(), "date")
    try:
        at = time.fromisoformat(str(form.get("time", "")))
    except ValueError:
        raise InvalidInput("time", "give the time as HH:MM") from None
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("tz", f"'{tz}' is not a time zone", "e.g. Europe/London") from None
    days = [str(d) for d in form.getlist("days")] or [
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()]
    ]
    rule = "FREQ=WEEKLY;BYDAY=" + ",".join(
        d for d in days if d in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    )
    try:
        minutes = int(str(form.get("minutes", "30")))
    except ValueError:
        raise InvalidInput("minutes", "give a number of minutes", "5-180") from None
    group_id = groups.create_group(
        social.uow(ctx), me, me.person_id, social.schedules(), str(form.get("name", ""))[:200],
        datetime.combine(day, at, tzinfo=zone), tz, rule, minutes, social.now(ctx),
        str(form.get("place", ""))[:300],
    )  # fmt: skip
    return RedirectResponse(f"/groups/{group_id}", status_code=303)


@router.post("/groups/join")
def join_group(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    _back(request, ctx, me)
    scopes = buddies.parse_scopes(str(s) for s in form.getlist("share"))
    group_id = groups.join(
        social.uow(ctx), me, me.person_id, str(form.get("code", ""))[:40], social.now(ctx), scopes
    )
    return RedirectResponse(f"/groups/{group_id}", status_code=303)


@router.get("/groups/{group_id}")
def group_page(request: Request, ctx: Ctx, me: Me, group_id: int) -> Response:
    return page(request, "group.html", **_group_context(ctx, me, group_id))


@router.post("/groups/{group_id}/{action}")
def group_action(
    request: Request, ctx: Ctx, me: Me, group_id: int, action: str, form: CheckedForm
) -> Response:
    request.state.form_page = FormPage(
        "group.html", lambda values: _group_context(ctx, me, group_id)
    )
    uow, now, today = social.uow(ctx), social.now(ctx), ctx.services.clock.today()
    if action == "invite":
        made = groups.invite(uow, me, me.person_id, group_id, now)
        context = _group_context(ctx, me, group_id)
        context["invitation"] = {"code": made.code, "expires": made.expires_at}
        return page(request, "group.html", **context)
    if action in ("rsvp", "attended"):
        day = parse_day(str(form.get("date", "")), today)
        if action == "rsvp":
            groups.rsvp(
                uow,
                me,
                me.person_id,
                social.schedules(),
                group_id,
                day,
                str(form.get("answer", ""))[:8],
                today,
                now,
            )
        else:
            credit = groups.confirm_attendance(
                uow,
                me,
                me.person_id,
                social.schedules(),
                group_id,
                day,
                today,
                ctx.services.library,
                now,
            )
            context = _group_context(ctx, me, group_id)
            context["credit"] = credit.message
            return page(request, "group.html", **context)
    elif action == "sharing":
        groups.set_sharing(
            uow,
            me,
            me.person_id,
            group_id,
            buddies.parse_scopes(str(s) for s in form.getlist("share")),
            now,
        )
    elif action == "leave":
        groups.leave(uow, me, me.person_id, group_id)
        return RedirectResponse("/friends", status_code=303)
    else:
        raise InvalidInput("action", "unknown action")
    return RedirectResponse(f"/groups/{group_id}", status_code=303)


def _classes_context(ctx: Any, me: Any) -> dict[str, Any]:
    today = ctx.services.clock.today()
    first, last = classes.window(None, None, today)
    try:
        items = classes.list_sessions(
            social.uow(ctx), me, me.person_id, ctx.services.library, social.kinds(),
            social.reader(ctx), first, last, social.zone(ctx),
        )  # fmt: skip
    except NotFound:  # no profile yet: the page still lets them add a calendar
        items = []
    return {
        "sessions": items,
        "calendars": classes.calendar_names(social.uow(ctx), me, me.person_id),
    }


@router.get("/classes")
def classes_page(request: Request, ctx: Ctx, me: Me) -> Response:
    return page(request, "classes.html", **_classes_context(ctx, me))


@router.post("/classes")
def add_class_calendar(request: Request, ctx: Ctx, me: Me, form: CheckedForm) -> Response:
    from upright.adapters.calendars.reader import is_url

    request.state.form_page = FormPage("classes.html", lambda values: _classes_context(ctx, me))
    source = str(form.get("source", "")).strip()[:2000]
    if not is_url(source):
        raise InvalidInput("source", "give the calendar's web address", "http:// or https://")
    classes.add_calendar(
        social.uow(ctx),
        me,
        me.person_id,
        source,
        social.reader(ctx),
        social.now(ctx),
        str(form.get("name", "")).strip() or None,
    )
    return RedirectResponse("/classes", status_code=303)
