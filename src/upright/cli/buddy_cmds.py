"""`upright buddy`: exercising with a friend (a walk invite works on a laptop, no server)."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Annotated, Any, cast

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


def _svc() -> tuple[Any, Any, Any]:
    from upright.cli.context import services

    svc = services()
    return svc, cast(Any, svc.uow), svc.actor


def _buddy_id(name: str) -> int:
    """A buddy by the name they chose (people read names, never numbers)."""
    from upright.services import buddies

    svc, uow, me = _svc()
    found = [
        b
        for b in buddies.list_buddies(uow(), me, me.person_id)
        if b.name.lower() == name.strip().lower()
    ]
    if len(found) != 1:
        known = [b.name for b in buddies.list_buddies(uow(), me, me.person_id)]
        raise InvalidInput(
            "buddy",
            f"no buddy called '{name}'" if not found else f"more than one buddy is called '{name}'",
            known or "no buddies yet",
        )
    return found[0].person_id


@buddy_app.command("invite")
def invite() -> None:
    """Make a single-use invitation code for a friend (it expires after a week)."""
    from upright.services import buddies

    svc, uow, me = _svc()
    made = buddies.create_invite(uow(), me, me.person_id, svc.clock.now())
    console.print(
        f"Your code: [bold]{made.code}[/] (works once, until {made.expires_at:%a %d %b})."
    )


@buddy_app.command("accept")
def accept(code: Annotated[str, typer.Argument(help="The code your friend gave you.")]) -> None:
    """Accept a friend's invitation. Nothing is shared until you choose."""
    from upright.services import buddies

    svc, uow, me = _svc()
    sender = buddies.preview_invite(uow(), me, me.person_id, code, svc.clock.now())
    buddies.accept_invite(uow(), me, me.person_id, code, svc.clock.now())
    console.print(
        f"You and {escape(sender)} are buddies. Choose what they see with `upright buddy share`."
    )


@buddy_app.command("decline")
def decline(code: Annotated[str, typer.Argument(help="The code your friend gave you.")]) -> None:
    """Decline an invitation: the code stops working."""
    from upright.services import buddies

    svc, uow, me = _svc()
    buddies.decline_invite(uow(), me, me.person_id, code, svc.clock.now())
    console.print("Declined.")


@buddy_app.command("list")
def list_cmd() -> None:
    """Your buddies, what you share with each and what they share with you."""
    from upright.domain.social.buddies import NEVER_SHARED_WORDS
    from upright.services import buddies

    _, uow, me = _svc()
    found = buddies.list_buddies(uow(), me, me.person_id)
    if not found:
        console.print("No buddies yet. Make a code with `upright buddy invite`.")
    for b in found:
        mine = ", ".join(sorted(s.value.replace("_", " ") for s in b.i_share)) or "nothing"
        theirs = ", ".join(sorted(s.value.replace("_", " ") for s in b.they_share)) or "nothing"
        console.print(f"[bold]{escape(b.name)}[/]: you share {mine}; they share {theirs}.")
    console.print(NEVER_SHARED_WORDS)


@buddy_app.command("share")
def share(
    name: Annotated[str, typer.Argument(help="Your buddy's name.")],
    items: Annotated[
        list[str] | None,
        typer.Argument(
            help="session_done, weekly_minutes, streak, planned_walks (none: share nothing)."
        ),
    ] = None,
) -> None:
    """Choose what a buddy sees of yours, item by item (the rest stays private)."""
    from upright.services import buddies

    svc, uow, me = _svc()
    scopes = buddies.parse_scopes(items or [])
    buddies.set_sharing(uow(), me, me.person_id, _buddy_id(name), scopes, svc.clock.now())
    console.print(
        f"{escape(name)} now sees: {', '.join(sorted(s.value for s in scopes)) or 'nothing'}."
    )


@buddy_app.command("cheer")
def cheer(
    name: Annotated[str, typer.Argument(help="Your buddy's name.")],
    message: Annotated[
        str | None,
        typer.Option(
            "--message",
            help="One of: nice_work, keep_going, missed_ok, walk_together, proud, thinking_of_you.",
        ),
    ] = "keep_going",
    text: Annotated[
        str | None, typer.Option("--text", help="Your own short words instead (buddies only).")
    ] = None,
) -> None:
    """Send a buddy one kind message (one a day)."""
    from upright.services import encouragement

    svc, uow, me = _svc()
    encouragement.send(
        uow(),
        me,
        _buddy_id(name),
        svc.clock.today(),
        svc.clock.now(),
        None if text else message,
        text,
    )
    console.print("Sent.")


@buddy_app.command("inbox")
def inbox() -> None:
    """Kind messages you received in the last two weeks."""
    from upright.services import encouragement

    svc, uow, me = _svc()
    got = encouragement.inbox(uow(), me, me.person_id, svc.clock.today())
    for m in got:
        console.print(f"{m.day:%a %d %b} [bold]{escape(m.sender)}[/]: {escape(m.text)}")
    if not got:
        console.print("Nothing in the last two weeks.")


@buddy_app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="Your buddy's name.")],
    block: Annotated[
        bool, typer.Option("--block", help="Also block: no new invitation between you works.")
    ] = False,
) -> None:
    """Stop being buddies: from now on neither sees anything of the other."""
    from upright.services import buddies

    svc, uow, me = _svc()
    other = _buddy_id(name)
    if block:
        buddies.block(uow(), me, me.person_id, other, svc.clock.now())
    else:
        buddies.remove_buddy(uow(), me, me.person_id, other)
    console.print(f"Removed {escape(name)}." + (" Blocked." if block else ""))
