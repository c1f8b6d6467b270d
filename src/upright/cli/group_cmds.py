"""`upright group`: small groups and group walks (a leader, members, a repeating schedule)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.markup import escape

from upright.cli.buddy_cmds import parse_time
from upright.cli.plan_cmds import parse_date
from upright.domain.errors import InvalidInput

console = Console(highlight=False)
group_app = typer.Typer(
    help="Group walks: start or join a group, answer, and say you went.", no_args_is_help=True
)


def _svc() -> tuple[Any, Any, Any, Any]:
    from upright.adapters.calendars.schedule import GroupSchedules
    from upright.cli.context import services

    svc = services()
    return svc, cast(Any, svc.uow), svc.actor, GroupSchedules()


def _group_id(name: str) -> int:
    from upright.services import groups

    _, uow, me, _ = _svc()
    mine = groups.my_groups(uow(), me, me.person_id)
    found = [g for g in mine if g.name.lower() == name.strip().lower()]
    if len(found) != 1:
        raise InvalidInput(
            "group",
            f"you are in no group called '{name}'",
            [g.name for g in mine] or "no groups yet",
        )
    return int(found[0].id)


@group_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="The group's name.")],
    first: Annotated[str, typer.Option("--date", help="The first walk (YYYY-MM-DD).")],
    at: Annotated[str, typer.Option("--time", help="When you meet (HH:MM).")],
    schedule: Annotated[
        str, typer.Option("--every", help="A repeat rule, e.g. FREQ=WEEKLY;BYDAY=SA")
    ] = "FREQ=WEEKLY",
    minutes: Annotated[int, typer.Option("--minutes", help="How long a walk lasts (5-180).")] = 30,
    place: Annotated[str | None, typer.Option("--place", help="Where you meet, in words.")] = None,
    tz: Annotated[str, typer.Option("--tz", help="The time zone the walks repeat in.")] = "UTC",
) -> None:
    """Start a group walk; you lead it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from upright.services import groups

    svc, uow, me, schedules = _svc()
    day = parse_date(first, "--date")
    assert day is not None  # typer makes --date required
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("--tz", f"'{tz}' is not a time zone", "e.g. Europe/London") from None
    start = datetime.combine(day, parse_time(at), tzinfo=zone)
    groups.create_group(
        uow(),
        me,
        me.person_id,
        schedules,
        name,
        start,
        tz,
        schedule,
        minutes,
        svc.clock.now(),
        place,
    )
    console.print(
        f'Started [bold]{escape(name)}[/]. Invite people with `upright group invite "{escape(name)}"`.'
    )


@group_app.command("invite")
def invite(name: Annotated[str, typer.Argument(help="The group's name.")]) -> None:
    """A single-use code for one new member (leader only)."""
    from upright.services import groups

    svc, uow, me, _ = _svc()
    made = groups.invite(uow(), me, me.person_id, _group_id(name), svc.clock.now())
    console.print(
        f"Code for one new member: [bold]{made.code}[/] (until {made.expires_at:%a %d %b})."
    )


@group_app.command("join")
def join(
    code: Annotated[str, typer.Argument(help="The leader's code.")],
    share: Annotated[
        list[str] | None,
        typer.Option(
            "--share",
            help="What the leader may see: session_done, weekly_minutes, streak, planned_walks.",
        ),
    ] = None,
) -> None:
    """Join a group. The leader sees nothing of yours unless you --share it."""
    from upright.services import buddies, groups

    svc, uow, me, _ = _svc()
    groups.join(uow(), me, me.person_id, code, svc.clock.now(), buddies.parse_scopes(share or []))
    console.print("Joined. See the walks with `upright group show NAME`.")


@group_app.command("show")
def show(name: Annotated[str, typer.Argument(help="The group's name.")]) -> None:
    """The group's walks for the next four weeks and who is coming."""
    from upright.services import groups

    svc, uow, me, schedules = _svc()
    view = groups.group_view(uow(), me, me.person_id, schedules, _group_id(name), svc.clock.today())
    console.print(
        f"[bold]{escape(view['name'])}[/], led by {escape(view['leader'])}"
        + (f", at {escape(view['place'])}" if view["place"] else "")
    )
    for walk in view["walks"]:
        coming = ", ".join(walk["coming"]) or "nobody yet"
        mine = (
            " (you went)"
            if walk["i_went"]
            else f" (you: {walk['my_answer']})"
            if walk["my_answer"]
            else ""
        )
        console.print(f"  {walk['when']}: coming {escape(coming)}{mine}")


@group_app.command("rsvp")
def rsvp(
    name: Annotated[str, typer.Argument(help="The group's name.")],
    day: Annotated[str, typer.Option("--date", help="The walk's day (YYYY-MM-DD).")],
    answer: Annotated[str, typer.Option("--answer", help="yes, maybe or no")] = "yes",
) -> None:
    """Say whether you are coming to a walk."""
    from upright.services import groups

    svc, uow, me, schedules = _svc()
    when = parse_date(day, "--date")
    assert when is not None
    groups.rsvp(
        uow(),
        me,
        me.person_id,
        schedules,
        _group_id(name),
        when,
        answer,
        svc.clock.today(),
        svc.clock.now(),
    )
    console.print("Saved.")


@group_app.command("went")
def went(
    name: Annotated[str, typer.Argument(help="The group's name.")],
    day: Annotated[
        str | None, typer.Option("--date", help="The walk's day (default today).")
    ] = None,
) -> None:
    """You walked with the group: it counts as that day's walk in your plan, at your own minutes."""
    from upright.services import groups

    svc, uow, me, schedules = _svc()
    when = parse_date(day, "--date") or svc.clock.today()
    credit = groups.confirm_attendance(
        uow(),
        me,
        me.person_id,
        schedules,
        _group_id(name),
        when,
        svc.clock.today(),
        svc.library,
        svc.clock.now(),
    )
    console.print(credit.message)


@group_app.command("leave")
def leave(name: Annotated[str, typer.Argument(help="The group's name.")]) -> None:
    """Leave the group (the leader leaving closes it)."""
    from upright.services import groups

    _, uow, me, _ = _svc()
    groups.leave(uow(), me, me.person_id, _group_id(name))
    console.print("Done.")
