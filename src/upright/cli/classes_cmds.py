"""`upright classes`: park-district class calendars (iCalendar or OpenActive), screened for you."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from upright.cli.plan_cmds import parse_date

console = Console(highlight=False)
classes_app = typer.Typer(
    help="Group exercise classes from a park district or leisure centre calendar.",
    no_args_is_help=True,
)


def _wired() -> tuple[Any, Any]:
    from upright.adapters.calendars import CalendarFiles, Fetcher
    from upright.cli.context import services

    svc = services()
    # on a laptop the person may read a calendar from their own network; a server never does
    reader = CalendarFiles(Fetcher(allow_private=svc.settings.mode == "local"))
    return svc, reader


@classes_app.command("add")
def add(
    source: Annotated[
        str,
        typer.Argument(
            metavar="PATH|URL",
            help="An .ics file, an OpenActive feed (JSON), or an http(s) address of either.",
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="What to call this calendar (default: its own name)."),
    ] = None,
) -> None:
    """Add a class calendar. Adding one with the same name again refreshes it."""
    from upright.services import classes

    svc, reader = _wired()
    added = classes.add_calendar(
        svc.uow(), svc.actor, svc.actor.person_id, source, reader, svc.clock.now(), name
    )
    kind = "iCalendar" if added.format == "ics" else "OpenActive"
    what = "Updated" if added.replaced else "Added"
    console.print(
        f"{what} [bold]{escape(added.name)}[/] ({kind}, {added.events} "
        f"{'event' if added.events == 1 else 'events'}). See the sessions with `upright classes list`."
    )


@classes_app.command("list")
def list_cmd(
    json_out: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (the contract).")
    ] = False,
    start: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD; default today).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day, included (YYYY-MM-DD; default a week on).")
    ] = None,
    near: Annotated[
        str | None, typer.Option("--near", help="Only classes whose place mentions these words.")
    ] = None,
) -> None:
    """List every class session in the window, and whether your rules allow it."""
    from upright.adapters.calendars import load_class_kinds
    from upright.services import classes

    svc, reader = _wired()
    first, last = classes.window(
        parse_date(start, "--from"), parse_date(end, "--to"), svc.clock.today()
    )
    tz = svc.clock.now().tzinfo
    items = classes.list_sessions(
        svc.uow(),
        svc.actor,
        svc.actor.person_id,
        svc.library,
        load_class_kinds(),
        reader,
        first,
        last,
        tz,
        near,
    )
    if json_out:
        typer.echo(json.dumps({"sessions": [classes.session_json(i) for i in items]}, indent=2))
        return
    if not items:
        console.print(f"No class sessions from {first:%a %d %b} to {last:%a %d %b}.")
        return
    table = Table(show_lines=False)
    for column in ("When", "Class", "Where", "For you"):
        table.add_column(column)
    for item in items:
        o = item.occurrence
        when = f"{o.start:%a %d %b}" + ("" if o.all_day else f" {o.start:%H:%M}-{o.end:%H:%M}")
        if item.allowed:
            verdict = "[green]yes[/]" + (" (one of your days)" if item.on_your_day else "")
            for caution in item.cautions:
                verdict += f"\n[yellow]{escape(caution)}[/]"
        else:
            verdict = "[red]not for you[/]\n" + "\n".join(escape(r) for r in item.reasons)
        title = f"{escape(o.title)}\n[dim]{escape(item.kind.activity)}[/]"
        table.add_row(when, title, escape(o.place or ""), verdict)
    console.print(table)
    console.print(
        "Not medical advice: if unsure, ask your doctor or physiotherapist before you join."
    )


@classes_app.command("calendars")
def calendars_cmd(
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """The class calendars you added."""
    from upright.services import classes

    svc, _ = _wired()
    names = classes.calendar_names(svc.uow(), svc.actor, svc.actor.person_id)
    if json_out:
        typer.echo(json.dumps({"calendars": names}, indent=2))
        return
    if not names:
        console.print("No class calendars yet. Add one with `upright classes add PATH|URL`.")
    for entry in names:
        console.print(f"[bold]{escape(entry['name'])}[/]  {escape(entry['source'])}")


@classes_app.command("remove")
def remove(
    name: Annotated[
        str, typer.Argument(help="The calendar's name, as `classes calendars` shows it.")
    ],
) -> None:
    """Remove a class calendar."""
    from upright.services import classes

    svc, _ = _wired()
    classes.remove_calendar(svc.uow(), svc.actor, svc.actor.person_id, name)
    console.print(f"Removed {escape(name)}.")
