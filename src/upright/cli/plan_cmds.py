"""`today`, `week`, `why`, `exercises` and `plan`: showing and explaining the plan."""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from upright.adapters.profile_files import read_mapping
from upright.adapters.reports.text import dose_text
from upright.cli import render
from upright.cli.context import clock, library, services
from upright.domain.catalog.model import Catalog, Exercise
from upright.domain.errors import InvalidInput, NotFound
from upright.domain.planning.plan import Plan
from upright.domain.safety.screening import Screening
from upright.domain.tracking.credit import credit
from upright.services import daylog, planning, progress_state
from upright.services import logging as log_service
from upright.services.progress import day_activities

console = Console(highlight=False)


def parse_date(raw: str | None, field: str = "--date") -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            field, f"the date '{raw}' is not a date", "YYYY-MM-DD, e.g. 2026-11-24"
        ) from None


def _current(on: date | None = None) -> tuple[Plan, Screening, date]:
    svc = services()
    day = on or svc.clock.today()
    plan, screening, _ = planning.current_plan(
        svc.uow(), svc.actor, svc.actor.person_id, day, svc.library, svc.clock.now()
    )
    return plan, screening, day


def today(
    when: Annotated[
        str | None, typer.Option("--date", help="Show another day (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Show today's session: each item, its dose, how to do it and why."""
    plan, _, day = _current(parse_date(when))
    plan_day = plan.day(day)
    if plan_day is None:  # the week always holds the day it was built for
        raise InvalidInput("--date", "no plan for that day")
    svc = services()
    credits = {}
    for item in plan_day.items:
        if item.category == "aerobic":
            credits[item.id] = credit(
                item, day_activities(svc.uow(), svc.actor, svc.actor.person_id, day)
            )
    render.day_view(
        console, plan, plan_day, svc.library.catalog, f"Today, {day:%A} {day.day} {day:%B}", credits
    )
    if plan.stop is None:
        _say_waiting(plan)
    logged = daylog.logged_session(svc.uow(), svc.actor, svc.actor.person_id, day)
    if logged is not None:
        _say_logged(plan_day, logged, day)
    if day == svc.clock.today() and plan.stop is None:
        pending = log_service.pending_morning_check(svc.uow(), svc.actor, svc.actor.person_id, day)
        if pending is not None:
            console.print(
                f"How is your back this morning, after {pending:%A}'s session? "
                "Tell Upright with `upright log --morning N` (0-10)."
            )


#: how to change the clearance from the command line (the web links to its profile page)
UPDATE_CLEARANCE = (
    "Update your clearance: `upright sheet` makes a page for your doctor, "
    "`upright clearance` enters their answers."
)


def _say_waiting(plan: Plan) -> None:
    """Why the plan holds only walking while a doctor has not cleared the person: the reason the
    screening gave (the same line the web's day page shows)."""
    waiting = [e for e in plan.excluded if e.kind == "clearance"][:1]
    for excluded in waiting:
        console.print(f"[bold yellow]{escape(excluded.reasons[0])}[/] {escape(UPDATE_CLEARANCE)}")


_STATUS_WORDS = {"done": "done", "partly": "partly done", "skipped": "skipped"}


_PAIN_WORDS = (
    ("pain_before", "pain before"),
    ("pain_during", "worst pain during"),
    ("pain_after", "pain after"),
    ("effort", "effort"),
)


def show_logged(plan_day: Any, logged: dict[str, Any]) -> None:
    """What was logged on a day: each item and how it went, the scores, the note."""
    names = {i.id: i.name for i in plan_day.items} if plan_day is not None else {}
    parts = [
        f"{names.get(i['id'], i['id'].replace('_', ' '))} {_STATUS_WORDS.get(i['status'], 'done')}"
        for i in logged.get("items") or []
    ]
    console.print(f"[bold green]✓ Logged:[/] {escape(', '.join(parts))}.")
    scores = [f"{words} {logged[key]}" for key, words in _PAIN_WORDS if logged.get(key) is not None]
    if scores:
        console.print(escape(", ".join(scores).capitalize() + " (0-10)."))
    if logged.get("note"):
        console.print(f"Your note: {escape(str(logged['note']))}")


def _say_logged(plan_day: Any, logged: dict[str, Any], day: date) -> None:
    """A logged day says so, with what was logged and how to change it."""
    show_logged(plan_day, logged)
    console.print(
        f"To change it, run `upright log --date {day.isoformat()} --replace`: it replaces that day."
    )


def week(
    when: Annotated[
        str | None, typer.Option("--date", help="A day in the week to show (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Show the 7 days of this week."""
    plan, _, day = _current(parse_date(when))
    svc = services()
    marks = daylog.day_marks(svc.uow(), svc.actor, svc.actor.person_id, [d.date for d in plan.days])
    render.week_view(console, plan, day, marks)


def why(
    item: Annotated[
        str,
        typer.Argument(help='An exercise: its word or its name, e.g. walking or "bird dog".'),
    ],
) -> None:
    """Explain an item of your plan or an excluded exercise: the rule, the condition, the source."""
    plan, screening, _ = _current()
    catalog = services().library.catalog
    exercise = find_exercise(catalog, item)
    item = exercise.id
    group = exercise.group.replace("_", " ")
    console.print(f"[bold]{escape(exercise.name)}[/] ({exercise.category}, {group})")
    console.print(escape(exercise.summary))
    if plan.stop is not None:
        console.print(render.stop_panel(plan.stop))
        return
    found = plan.item(item)
    if found is not None:
        console.print(f"\n[bold green]In your plan:[/] {escape(dose_text(found))}")
        for reason in found.why:
            console.print(f"• {escape(reason)}")
    excluded = screening.exclusion(item)
    if excluded is not None:
        console.print("\n[bold yellow]Not in your plan:[/]")
        for reason in excluded.reasons:
            console.print(f"• {escape(reason)}")
    elif found is None:
        allowance = screening.allowance(item)
        console.print(
            "\nAllowed for you, but not chosen this week: the plan picks a few exercises "
            "for each body group, favouring what suits your condition."
        )
        if allowance is not None and allowance.limits:
            console.print(f"• {escape(allowance.limits[0])}")
    console.print(
        "\n[dim]Sources: " + escape("; ".join(exercise.sources + exercise.citations)) + "[/]"
    )


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def find_exercise(catalog: Catalog, typed: str) -> Exercise:
    """The exercise named by its word (``bird_dog``) or its name ("Bird dog"), in any case."""
    exercise = catalog.get(typed)
    if exercise is not None:
        return exercise
    names = {_plain(e.id): e for e in catalog.exercises}
    names.update({_plain(e.name): e for e in catalog.exercises})
    found = names.get(_plain(typed))
    if found is not None:
        return found
    close = difflib.get_close_matches(_plain(typed), list(names), n=1, cutoff=0.6)
    hint = ""
    if close:
        near = names[close[0]]
        hint = f"Did you mean {near.name} (`{render.why_command(near.name)}`)? "
    raise NotFound(
        "exercise",
        typed,
        f"{hint}`upright exercises` lists them all; use the word in its first column",
    )


def exercises(
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the exercise catalog, marking what is not for you and why."""
    svc = services()
    try:
        _, screening, _ = _current()
    except NotFound:
        screening = None
    rows: list[dict[str, Any]] = []
    for exercise in svc.library.catalog.exercises:
        excluded = screening.exclusion(exercise.id) if screening else None
        rows.append(
            {
                "id": exercise.id,
                "name": exercise.name,
                "category": exercise.category,
                "group": exercise.group,
                "levels": exercise.top_level,
                "movements": list(exercise.movements),
                "for_you": excluded is None if screening else None,
                "reasons": list(excluded.reasons) if excluded else [],
            }
        )
    if json_out:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Exercise catalog", show_lines=False)
    # the word to type is never cut short: the other columns wrap to make room
    word_width = max(len(row["id"]) for row in rows)
    table.add_column("word (for why)", no_wrap=True, min_width=word_width)
    for col in ("name", "category", "levels", "for you?"):
        table.add_column(col, overflow="fold")
    for row in rows:
        mark = (
            ""
            if row["for_you"] is None
            else ("yes" if row["for_you"] else "[red]no[/]: " + escape(row["reasons"][0]))
        )
        table.add_row(row["id"], escape(row["name"]), row["category"], str(row["levels"]), mark)
    console.print(table)
    if screening is None:
        console.print("Run `upright start` to see which ones suit you.")


def plan(
    profile: Annotated[Path, typer.Option("--profile", help="Profile file (TOML or JSON).")],
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the plan as JSON (the contract).")
    ] = False,
    when: Annotated[
        str | None,
        typer.Option("--date", help="A day in the week to plan (YYYY-MM-DD); default today."),
    ] = None,
    history: Annotated[
        Path | None, typer.Option("--history", help="History file (JSON) of logged sessions.")
    ] = None,
) -> None:
    """Compute a plan from a profile file, with no stored state."""
    data = read_mapping(profile)
    on = parse_date(when) or clock().today()
    sessions = progress_state.read_history(read_mapping(history, "history")) if history else []
    lib = library()
    result = planning.plan_from_data(data, on, lib, sessions)
    if json_out:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    render.week_view(console, result, on)
