"""`upright buddy`: exercising with a friend (a walk invite works on a laptop, no server)."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from upright.cli.plan_cmds import parse_date
from upright.domain.errors import InvalidInput

console = Console(highlight=False)
buddy_app = typer.Typer(
    help="Exercise with a friend: walk invites, buddies and encouragement.", no_args_is_help=True
)


def parse_time(raw: str, field: str = "--time") -> time:
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(field, f"'{raw}' is not a time of day", "HH:MM, e.g. 09:30") from None


@buddy_app.command("walk")
def walk(
    when: Annotated[
        str,
        typer.Option(
            "--date",
            help="The day of the walk (YYYY-MM-DD); it must be a walking day in your plan.",
        ),
    ],
    at: Annotated[str, typer.Option("--time", help="When to meet (HH:MM, your local time).")],
    place: Annotated[str | None, typer.Option("--place", help="Where to meet, in words.")] = None,
    friend: Annotated[
        str | None, typer.Option("--with", help="Your friend's name, for the title.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the invite (default: walk-DATE.ics here)."),
    ] = None,
) -> None:
    """Write a calendar invite (.ics) for a walk in your plan, to send to a friend."""
    from upright.adapters.calendars.invite import invite_ics
    from upright.cli.context import services
    from upright.services.walk_invites import plan_walk_invite

    svc = services()
    day = parse_date(when, "--date")
    assert day is not None  # typer makes --date required
    local = svc.clock.now().tzinfo
    start = datetime.combine(day, parse_time(at), tzinfo=local)
    invite = plan_walk_invite(
        svc.uow(),
        svc.actor,
        svc.actor.person_id,
        svc.library,
        start,
        svc.clock.now(),
        place,
        friend,
    )
    path = out or Path(f"walk-{day.isoformat()}.ics")
    if path.exists() and path.is_dir():
        raise InvalidInput("--out", f"{path} is a folder", "a file name ending in .ics")
    path.write_bytes(invite_ics(invite, svc.clock.now()))
    console.print(
        f"Wrote [bold]{escape(str(path))}[/]: {escape(invite.title)}, {start:%a %d %b at %H:%M}, "
        f"{invite.minutes} minutes" + (f", at {escape(invite.place)}" if invite.place else "") + "."
    )
    console.print(
        "Send the file to your friend: any calendar app can open it. It says nothing about your health."
    )
