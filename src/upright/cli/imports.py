"""``upright import`` and ``upright activities``: device files in, what was found out."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from upright.domain.tracking.activity import Activity
from upright.services.access import Actor
from upright.services.imports import (
    DeviceFiles,
    ImportReport,
    activity_to_json,
    import_files,
    list_activities,
)
from upright.services.ports import UnitOfWork

#: Files smaller than this import in a blink: no progress bar for them.
PROGRESS_MIN_BYTES = 5 << 20
#: Rows shown in the summary before "... and N more".
MAX_ROWS = 40


def register(app: typer.Typer) -> None:
    """Add ``import`` and ``activities`` to the ``upright`` app."""
    app.command("import")(import_command)
    app.command("activities")(activities_command)


def _wired() -> tuple[Callable[[], UnitOfWork], datetime, Actor, DeviceFiles]:
    from upright.cli.context import services

    svc = services()
    return svc.uow, svc.clock.now(), svc.actor, svc.files


def import_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="GPX, TCX or FIT files, or an Apple Health export.zip / export.xml.",
        ),
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the result as one JSON object (the contract).")
    ] = False,
) -> None:
    """Import walks, rides and swims that a phone or watch recorded (or a clinician's FHIR Bundle)."""
    if len(paths) == 1 and looks_like_bundle(paths[0]):
        from upright.cli import fhir_cmds  # the health-record code loads only for a bundle

        fhir_cmds.import_bundle(paths[0], json_out)  # the clearance answers, not activities
        return
    uow, now, actor, files = _wired()
    code = run_import(paths, json_out, uow, now, actor, files, Console(highlight=False))
    if code:
        raise typer.Exit(code)


def looks_like_bundle(path: str) -> bool:
    """A JSON file whose start names a FHIR Bundle (device files never do)."""
    p = Path(path)
    if p.suffix.lower() != ".json" or not p.is_file():
        return False
    with p.open("rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    return '"resourceType"' in head and '"Bundle"' in head


def activities_command(
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the imported activities."""
    uow, _now, actor, _files = _wired()
    show_activities(
        list_activities(uow, actor, actor.person_id), json_out, Console(highlight=False)
    )


def run_import(
    paths: Sequence[str],
    json_out: bool,
    uow: Callable[[], UnitOfWork],
    now: datetime,
    actor: Actor,
    files: DeviceFiles,
    console: Console,
) -> int:
    """Import and render; returns the exit code (1 when any file failed)."""
    bar_console = Console(stderr=True) if json_out else console
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=bar_console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(path: str, done: int, total: int) -> None:
            if total < PROGRESS_MIN_BYTES:
                return
            if path not in tasks:
                tasks[path] = bar.add_task(escape(_short(path)), total=total)
            bar.update(tasks[path], completed=done)

        report = import_files(uow, actor, actor.person_id, paths, now, progress, files=files)
    if json_out:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        render_report(console, report)
    return 1 if report.failed else 0


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "..." + path[-(width - 3) :]


def render_report(console: Console, report: ImportReport) -> None:
    found: list[Activity] = []
    for f in report.files:
        path = escape(f.path)
        if f.status == "imported":
            what = f"{len(f.activities)} activit{'y' if len(f.activities) == 1 else 'ies'}"
            console.print(f"[green]imported[/] {path} ({f.format}): {what}")
        elif f.status == "already_imported":
            console.print(f"[yellow]already imported[/] {path}: nothing new")
        else:
            console.print(f"[bold red]failed[/] {escape(f.error or f.path)}")
        found.extend(f.activities)
    if found:
        console.print(_by_kind(found))
        console.print(_activity_table(found, "Imported"))
    skipped = [(f.path, s) for f in report.files for s in f.skipped]
    if skipped:
        table = Table(title="Skipped", show_lines=False)
        table.add_column("what")
        table.add_column("why")
        for _path, s in skipped[:MAX_ROWS]:
            table.add_row(escape(s.what), escape(s.why))
        console.print(table)
        if len(skipped) > MAX_ROWS:
            console.print(f"... and {len(skipped) - MAX_ROWS} more skipped")
    replaced = [s for f in report.files for s in f.replaced]
    if replaced:
        table = Table(title="Replaced (stored before)", show_lines=False)
        table.add_column("what")
        table.add_column("why")
        for s in replaced[:MAX_ROWS]:
            table.add_row(escape(s.what), escape(s.why))
        console.print(table)
        if len(replaced) > MAX_ROWS:
            console.print(f"... and {len(replaced) - MAX_ROWS} more replaced")


def _by_kind(activities: Sequence[Activity]) -> Table:
    groups: dict[str, list[Activity]] = defaultdict(list)
    for a in activities:
        groups[a.kind].append(a)
    table = Table(title="By type")
    for col in ("type", "count", "dates", "minutes", "brisk min", "counted"):
        table.add_column(col, justify="right" if col != "type" else "left")
    for kind, group in sorted(groups.items()):
        first = min(a.start for a in group).date()
        last = max(a.start for a in group).date()
        dates = str(first) if first == last else f"{first} .. {last}"
        table.add_row(
            kind,
            str(len(group)),
            dates,
            f"{sum(a.minutes for a in group):.0f}",
            f"{sum(a.brisk_minutes for a in group):.0f}",
            str(sum(a.counted for a in group)),
        )
    return table


def _activity_table(activities: Sequence[Activity], title: str) -> Table:
    table = Table(title=title)
    for col in ("start", "type", "min", "moving", "brisk", "km", "counted", "note"):
        table.add_column(col)
    shown = sorted(activities, key=lambda a: a.start)[-MAX_ROWS:]
    for a in shown:
        table.add_row(
            a.start.strftime("%Y-%m-%d %H:%M"),
            a.kind,
            f"{a.minutes:.0f}",
            f"{a.moving_minutes:.0f}",
            f"{a.brisk_minutes:.0f}",
            f"{a.distance_km:.2f}" if a.distance_km is not None else "-",
            "yes" if a.counted else "no",
            escape(a.note or ""),
        )
    if len(activities) > MAX_ROWS:
        table.caption = f"the latest {MAX_ROWS} of {len(activities)}"
    return table


def show_activities(activities: Sequence[Activity], json_out: bool, console: Console) -> None:
    if json_out:
        payload = {"activities": [activity_to_json(a) for a in activities]}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not activities:
        console.print("No activities imported yet. Try: upright import PATH")
        return
    console.print(_by_kind(activities))
    console.print(_activity_table(activities, "Activities"))
