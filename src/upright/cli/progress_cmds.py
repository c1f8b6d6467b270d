"""`progress`, `simulate`, `export` and `forget`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from upright.adapters.profile_files import read_mapping
from upright.cli.context import clock, library, services
from upright.cli.plan_cmds import parse_date
from upright.domain.errors import InvalidInput
from upright.domain.profile import parse_profile
from upright.domain.progression.simulate import Scenario, simulate, simulate_morning_flare
from upright.domain.safety.screening import screen
from upright.services import export as export_service
from upright.services.progress import ProgressReport, progress_report, walking_target_words

console = Console(highlight=False)


def progress(
    weeks: Annotated[int, typer.Option(help="How many weeks to show.", min=1, max=104)] = 12,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """How the weeks went: sessions, walking against the goal, pain, levels and your streak."""
    svc = services()
    report = progress_report(
        svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today(), svc.library, weeks
    )
    if json_out:
        typer.echo(json.dumps(report.to_json(), indent=2))
        return
    if report.weeks:
        _weeks_table(report)
    else:  # no table of empty weeks: say when it fills (the web says the same)
        console.print(NO_SESSIONS_YET)
    goal = report.goal
    console.print(f"Walking now: {report.walking}. Goal: {goal.describe}.")
    target = walking_target_words(report.walking_target)
    if target:
        console.print(target)
    if report.levels:
        console.print(
            "Levels: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.levels.items())
        )
    console.print(f"[bold]Active weeks in a row: {report.streak_weeks}[/]")
    console.print(escape(report.message))


NO_SESSIONS_YET = (
    "Your progress appears here after your first logged session: "
    "`upright today` shows what to do, `upright log` records it."
)


def _weeks_table(report: ProgressReport) -> None:
    table = Table(title="Your weeks")
    for column in (
        "Week of",
        "Sessions",
        "Walking min",
        "Longest walk",
        "Pain (avg before)",
        "Step",
    ):
        table.add_column(column, justify="right" if column != "Week of" else "left")
    goal = report.goal
    for week in report.weeks:
        table.add_row(
            week.week_start.isoformat(),
            f"{week.active_days} / {week.planned_days}",
            f"{week.walking_minutes:.0f} / {week.walking_planned:.0f}",
            f"{week.longest_walk:.0f} / {goal.longest_walk}",
            "-" if week.pain_before_mean is None else f"{week.pain_before_mean}",
            str(week.walking_step),
        )
    console.print(table)


def simulate_cmd(
    profile: Annotated[Path, typer.Option("--profile", help="Profile file (TOML or JSON).")],
    weeks: Annotated[int, typer.Option(help="Weeks to simulate.", min=1, max=104)] = 26,
    adherence: Annotated[
        float, typer.Option(help="Share of planned days done, 0-1.", min=0.0, max=1.0)
    ] = 1.0,
    flare_every: Annotated[
        int | None, typer.Option("--flare-every", help="A flare-up every K weeks.", min=1)
    ] = None,
    pause_at: Annotated[
        int | None, typer.Option("--pause-at", help="Week a break starts.", min=1)
    ] = None,
    pause_weeks: Annotated[
        int, typer.Option("--pause-weeks", help="Length of the break in weeks.", min=0)
    ] = 0,
    start: Annotated[str | None, typer.Option("--date", help="First week (YYYY-MM-DD).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed for missed days.")] = 7,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    morning_flare: Annotated[
        bool,
        typer.Option(
            "--morning-flare", help="After calm weeks, a morning of 8/10: show the next day."
        ),
    ] = False,
) -> None:
    """Run a virtual person through the real engine and show the doses week by week."""
    lib = library()
    person = parse_profile(read_mapping(profile))
    screening = screen(person, lib.catalog, lib.rules)
    if morning_flare:
        _show_morning_flare(
            simulate_morning_flare(
                person, screening, lib.rules, parse_date(start) or clock().today()
            ),
            json_out,
        )
        return
    pause = (pause_at, pause_weeks) if pause_at and pause_weeks else None
    scenario = Scenario(
        weeks=weeks, adherence=adherence, flare_every=flare_every, pause=pause, seed=seed
    )
    result = simulate(person, screening, parse_date(start) or clock().today(), scenario)
    if json_out:
        typer.echo(json.dumps(result, indent=2))
        return
    table = Table(title="Simulated weeks")
    for column in ("Week", "Step", "Walk", "Weekly min", "Sessions", "Mode"):
        table.add_column(column)
    for row in result["weeks"]:
        walk = row["walk"]
        table.add_row(
            str(row["week"]),
            str(row["walking_step"]),
            f"{walk['minutes']} min x{walk['times']}, {walk['days']} days",
            str(row["weekly_minutes"]),
            str(row["sessions"]),
            row.get("mode_words", row["mode"]) + (" (flare)" if row["flare"] else ""),
        )
    console.print(table)

    def _weeks(value: int | None) -> str:
        return f"week {value}" if value is not None else f"not within {len(result['weeks'])} weeks"

    console.print(
        f"Single walks of 20+ minutes: {_weeks(result['weeks_to_single_walks'])}; "
        f"the goal: {_weeks(result['weeks_to_goal'])}."
    )


def _show_morning_flare(result: dict[str, Any], json_out: bool) -> None:
    if json_out:
        typer.echo(json.dumps(result, indent=2))
        return
    for key, title in (
        ("flare_day", "The day of the session"),
        ("next_day_without_flare", "The next day, had the morning been calm"),
        ("next_day", f"The next day, after a morning of {result['morning']}/10"),
    ):
        day = result[key]
        walk = day["walk"]
        dose = f"{walk['times']} walks of {walk['minutes']} minutes" if walk else "no walk"
        console.print(
            f"[bold]{title}[/] ({day['date']}, {day['mode']}): {dose}; {len(day['items'])} items"
        )
    for note in result["next_day"]["notes"]:
        console.print(f"• {escape(note)}")


def export(
    json_out: Annotated[
        bool, typer.Option("--json", help="History JSON (the `plan --history` format).")
    ] = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="One CSV row per logged item.")] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Profiles, sessions and activities as JSON.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of the screen.")
    ] = None,
    fhir_out: Annotated[
        Path | None,
        typer.Option("--fhir", help="Write a FHIR R4 Bundle (health-record format) to this file."),
    ] = None,
) -> None:
    """Export everything you entered."""
    if fhir_out is not None and not (json_out or csv_out or everything):
        from upright.cli.fhir_cmds import export_fhir

        export_fhir(fhir_out)
        return
    svc = services()
    if sum([json_out, csv_out, everything]) != 1:
        raise InvalidInput("format", "choose one of --json, --csv, --all or --fhir FILE")
    if csv_out:
        text = export_service.export_csv(svc.uow(), svc.actor, svc.actor.person_id)
    elif everything:
        text = json.dumps(
            export_service.export_all(svc.uow(), svc.actor, svc.actor.person_id, svc.clock.now()),
            indent=2,
        )
    else:
        text = json.dumps(
            export_service.export_history(svc.uow(), svc.actor, svc.actor.person_id), indent=2
        )
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        console.print(f"Written to {out}")


def forget(
    yes: Annotated[
        bool, typer.Option("--yes", help="Really delete everything you entered.")
    ] = False,
) -> None:
    """Delete everything you entered (profiles, sessions, plans, activities)."""
    if not yes:
        raise InvalidInput(
            "--yes",
            "deleting is permanent; add --yes to confirm (export first with `upright export --all`)",
        )
    svc = services()
    # the files too: what `today` showed is kept in the person's folder
    export_service.delete_person_data(svc.uow(), svc.actor, svc.actor.person_id, svc.person_files)
    console.print("Everything you entered has been deleted.")
