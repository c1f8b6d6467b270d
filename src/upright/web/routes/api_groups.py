"""JSON API: small groups and group walks, park-district classes, walk invites."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Any

from fastapi import Path as PathParam
from fastapi import Query, Response
from pydantic import BaseModel, Field

from upright.adapters.calendars.invite import invite_ics
from upright.domain.errors import InvalidInput
from upright.services import buddies, buddy_views, classes, groups, walk_invites
from upright.web import social
from upright.web.deps import Ctx, DateQuery, Me, day_param, parse_day
from upright.web.routes.api_common import api_router

router = api_router("groups and classes")

GroupId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
PersonParam = Annotated[int, PathParam(ge=1, le=2**31 - 1)]


class GroupIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    start: datetime = Field(description="The first walk, ISO 8601 with its offset.")
    tz: str = Field(
        max_length=64, description="The time zone the walks repeat in, e.g. Europe/London."
    )
    schedule: str = Field(
        max_length=200, description="An RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA."
    )
    minutes: int = Field(ge=5, le=180)
    place: str | None = Field(default=None, max_length=200)


class JoinIn(BaseModel):
    code: str = Field(max_length=40)
    share: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=10)


class ShareIn(BaseModel):
    share: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=10)


class RsvpIn(BaseModel):
    date: str = Field(max_length=10)
    answer: str = Field(max_length=8, description="yes, maybe or no")


class AttendedIn(BaseModel):
    date: str = Field(max_length=10)


class CalendarIn(BaseModel):
    source: str = Field(
        max_length=2000, description="An http(s) address of an .ics file or OpenActive feed."
    )
    name: str | None = Field(default=None, max_length=200)


def _group_row(g: Any) -> dict[str, Any]:
    return {
        "id": g.id,
        "name": g.name,
        "place": g.place,
        "schedule": g.rrule,
        "minutes": g.minutes,
        "tz": g.tz,
    }


@router.post("/groups", status_code=201)
def create_group(ctx: Ctx, me: Me, body: GroupIn) -> dict[str, Any]:
    """Start a group (you lead it)."""
    if body.start.tzinfo is None:
        raise InvalidInput(
            "start", "give the time with its offset", "e.g. 2026-12-05T10:00:00+00:00"
        )
    group_id = groups.create_group(
        social.uow(ctx), me, me.person_id, social.schedules(), body.name, body.start, body.tz,
        body.schedule, body.minutes, social.now(ctx), body.place,
    )  # fmt: skip
    return {"id": group_id}


@router.get("/groups")
def my_groups(ctx: Ctx, me: Me) -> dict[str, Any]:
    return {"groups": [_group_row(g) for g in groups.my_groups(social.uow(ctx), me, me.person_id)]}


@router.get("/groups/{group_id}")
def group(ctx: Ctx, me: Me, group_id: GroupId) -> dict[str, Any]:
    """The group, its walks for the next four weeks, who is coming and who went."""
    return groups.group_view(
        social.uow(ctx), me, me.person_id, social.schedules(), group_id, ctx.services.clock.today()
    )


@router.post("/groups/{group_id}/invites", status_code=201)
def invite(ctx: Ctx, me: Me, group_id: GroupId) -> dict[str, Any]:
    """A single-use code for one new member (leader only)."""
    made = groups.invite(social.uow(ctx), me, me.person_id, group_id, social.now(ctx))
    return {
        "code": made.code,
        "link": f"/groups/join/{made.code}",
        "expires_at": made.expires_at.isoformat(),
    }


@router.post("/groups/join", status_code=201)
def join(ctx: Ctx, me: Me, body: JoinIn) -> dict[str, Any]:
    """Join with a leader's code. The leader sees only what you list in ``share``."""
    scopes = buddies.parse_scopes(body.share)
    group_id = groups.join(social.uow(ctx), me, me.person_id, body.code, social.now(ctx), scopes)
    return {"id": group_id}


@router.put("/groups/{group_id}/sharing")
def set_sharing(ctx: Ctx, me: Me, group_id: GroupId, body: ShareIn) -> dict[str, Any]:
    scopes = buddies.parse_scopes(body.share)
    groups.set_sharing(social.uow(ctx), me, me.person_id, group_id, scopes, social.now(ctx))
    return {"i_share": social.scope_list(scopes)}


@router.post("/groups/{group_id}/leave", status_code=204)
def leave(ctx: Ctx, me: Me, group_id: GroupId) -> Response:
    """Leave the group (a leader leaving closes it)."""
    groups.leave(social.uow(ctx), me, me.person_id, group_id)
    return Response(status_code=204)


@router.delete("/groups/{group_id}/members/{person_id}", status_code=204)
def remove_member(ctx: Ctx, me: Me, group_id: GroupId, person_id: PersonParam) -> Response:
    """Remove a member (leader only)."""
    groups.leave(social.uow(ctx), me, me.person_id, group_id, person_id)
    return Response(status_code=204)


@router.get("/groups/{group_id}/members/{person_id}")
def member(ctx: Ctx, me: Me, group_id: GroupId, person_id: PersonParam) -> dict[str, Any]:
    """What a member shares with you as their leader (only that)."""
    groups.group_view(
        social.uow(ctx), me, me.person_id, social.schedules(), group_id, ctx.services.clock.today()
    )
    shared = buddy_views.shared_items(
        social.uow(ctx), me, person_id, ctx.services.clock.today(), ctx.services.library
    )
    return {"shared": shared}


@router.post("/groups/{group_id}/rsvp")
def rsvp(ctx: Ctx, me: Me, group_id: GroupId, body: RsvpIn) -> dict[str, Any]:
    today = ctx.services.clock.today()
    day = parse_day(body.date, today)
    groups.rsvp(
        social.uow(ctx),
        me,
        me.person_id,
        social.schedules(),
        group_id,
        day,
        body.answer,
        today,
        social.now(ctx),
    )
    return {"date": day.isoformat(), "answer": body.answer}


@router.post("/groups/{group_id}/attended")
def attended(ctx: Ctx, me: Me, group_id: GroupId, body: AttendedIn) -> dict[str, Any]:
    """You walked with the group: it counts as that day's aerobic session at your own dose."""
    today = ctx.services.clock.today()
    day = parse_day(body.date, today)
    credit = groups.confirm_attendance(
        social.uow(ctx), me, me.person_id, social.schedules(), group_id, day, today,
        ctx.services.library, social.now(ctx),
    )  # fmt: skip
    return {"counted": credit.counted, "message": credit.message}


@router.get("/classes")
def list_classes(
    ctx: Ctx,
    me: Me,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    near: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    """Every class session in the window, screened for you (the `classes list --json` contract)."""
    today = ctx.services.clock.today()
    first, last = classes.window(
        parse_day(start, today, "from") if start else None,
        parse_day(end, today, "to") if end else None,
        today,
    )
    items = classes.list_sessions(
        social.uow(ctx), me, me.person_id, ctx.services.library, social.kinds(), social.reader(ctx),
        first, last, social.zone(ctx), near,
    )  # fmt: skip
    return {"sessions": [classes.session_json(i) for i in items]}


@router.get("/classes/calendars")
def calendars(ctx: Ctx, me: Me) -> dict[str, Any]:
    return {"calendars": classes.calendar_names(social.uow(ctx), me, me.person_id)}


@router.post("/classes/calendars", status_code=201)
def add_calendar(ctx: Ctx, me: Me, body: CalendarIn) -> dict[str, Any]:
    """Add a class calendar by its address (http or https)."""
    from upright.adapters.calendars.reader import is_url

    if not is_url(body.source):
        raise InvalidInput("source", "give the calendar's web address", "http:// or https://")
    added = classes.add_calendar(
        social.uow(ctx),
        me,
        me.person_id,
        body.source,
        social.reader(ctx),
        social.now(ctx),
        body.name,
    )
    return {"name": added.name, "format": added.format, "events": added.events}


@router.delete("/classes/calendars/{name}", status_code=204)
def remove_calendar(ctx: Ctx, me: Me, name: Annotated[str, PathParam(max_length=200)]) -> Response:
    classes.remove_calendar(social.uow(ctx), me, me.person_id, name)
    return Response(status_code=204)


@router.get("/walk-invite.ics", response_class=Response)
def walk_invite(
    ctx: Ctx,
    me: Me,
    date: DateQuery = None,
    at: Annotated[str, Query(alias="time", max_length=5, description="HH:MM")] = "09:00",
    place: Annotated[str | None, Query(max_length=200)] = None,
    friend: Annotated[str | None, Query(alias="with", max_length=80)] = None,
) -> Response:
    """A calendar invite (.ics) for the walk in your plan that day, to send to a friend."""
    day = day_param(date, ctx)
    try:
        clock = time.fromisoformat(at)
    except ValueError:
        raise InvalidInput("time", f"'{at}' is not a time of day", "HH:MM") from None
    start = datetime.combine(day, clock, tzinfo=ctx.services.clock.now().tzinfo)
    made = walk_invites.plan_walk_invite(
        social.uow(ctx),
        me,
        me.person_id,
        ctx.services.library,
        start,
        social.now(ctx),
        place,
        friend,
    )
    return Response(
        invite_ics(made, social.now(ctx)), media_type="text/calendar",
        headers={"content-disposition": f'attachment; filename="walk-{day.isoformat()}.ics"'},
    )  # fmt: skip
