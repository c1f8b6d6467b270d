"""`upright log`: record a session in a few keystrokes (interactive, or with flags for scripts)."""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from upright.adapters.reports.text import dose_text
from upright.cli.context import services
from upright.cli.plan_cmds import parse_date, show_logged
from upright.cli.render import stop_panel
from upright.domain import vocab
from upright.domain.errors import AlreadyLogged, InvalidInput, RedFlagDetected
from upright.domain.planning.plan import PlanItem
from upright.domain.safety.checks import CHECK_FLAGS, LEG_WORDS
from upright.services import daylog, planning
from upright.services import logging as log_service

console = Console(highlight=False)
_STATUS_KEYS = {
    "d": "done",
    "p": "partly",
    "s": "skipped",
    "done": "done",
    "partly": "partly",
    "skipped": "skipped",
}


def _pain(question: str) -> int | None:
    while True:
        raw = click.prompt(question + " (0-10, empty to skip)", default="", show_default=False)
        if raw.strip() == "":
            return None
        if raw.strip().isdigit() and 0 <= int(raw) <= 10:
            return int(raw)
        console.print("[red]Please answer with a whole number from 0 to 10.[/]")


def _ask_items(items: tuple[PlanItem, ...]) -> list[dict[str, Any]]:
    logged = []
    for item in items:
        while True:
            raw = click.prompt(
                f"{item.name} ({dose_text(item)}): [d]one, [p]artly, [s]kipped", default="d"
            )
            status = _STATUS_KEYS.get(raw.strip().lower())
            if status:
                break
            console.print("[red]Type d, p or s.[/]")
        entry: dict[str, Any] = {"id": item.id, "status": status}
        if item.category == "aerobic" and status != "skipped":
            entry["minutes"] = click.prompt(
                "  Minutes each time", default=item.dose["minutes"], type=click.FloatRange(0, 600)
            )
            entry["times"] = click.prompt(
                "  How many times", default=item.dose["times"], type=click.IntRange(0, 20)
            )
        logged.append(entry)
    return logged


def _morning_check(today: date, answer: int | None, interactive: bool) -> bool:
    """Ask or record the next-morning answer; True when a safety check then stopped the plan."""
    svc = services()
    pending = log_service.pending_morning_check(svc.uow(), svc.actor, svc.actor.person_id, today)
    if pending is None:
        if answer is not None:
            raise InvalidInput(
                "--morning",
                f"nothing was logged yesterday ({(today - timedelta(days=1)):%A}), or its "
                "morning answer is already in; log a day with `upright log --date YYYY-MM-DD`",
            )
        return False
    asked = answer is None and interactive
    if asked:
        answer = _pain(
            "Good morning. How does your back feel now, compared with yesterday after your session?"
        )
    if answer is not None:
        log_service.record_morning(
            svc.uow(), svc.actor, svc.actor.person_id, pending, answer, today
        )
        console.print("[green]Thanks, noted for yesterday's session.[/]")
        _say_mode(today)
        if asked:
            due = log_service.safety_check_due(
                svc.uow(), svc.actor, svc.actor.person_id, pending, today, svc.library
            )
            if due:
                flags = _ask_check(due)
                _record_check(today, flags)
                return bool(flags)
    return False


def _say_mode(day: date) -> None:
    """Say what the plan does on ``day`` when it is not a normal day (flare, paused, stopped)."""
    svc = services()
    plan, _, _ = planning.current_plan(
        svc.uow(), svc.actor, svc.actor.person_id, day, svc.library, svc.clock.now()
    )
    found = plan.day(day)
    if found is None or found.mode in ("normal", "starter") or plan.stop is not None:
        return
    when = "Today" if day == svc.clock.today() else f"{day:%A}"
    console.print(f"[bold yellow]{when} the plan is in {MODE_WORDS[found.mode]}.[/]")
    for text in found.notes:
        console.print(f"• {escape(text)}")
    for item in found.items:
        console.print(f"  {escape(item.name)}: {escape(dose_text(item))}")


#: how each day mode is said to a person
MODE_WORDS = {"flare": "flare mode", "paused": "a pause", "stopped": "a stop"}


def _ask_legs() -> str:
    menu = "  ".join(f"{n}) {words.lower()}" for n, (_, words) in enumerate(LEG_WORDS, 1))
    while True:
        raw = click.prompt(f"Your legs today? {menu}", default="1")
        text = raw.strip().lower()
        if text.isdigit() and 1 <= int(text) <= len(LEG_WORDS):
            return LEG_WORDS[int(text) - 1][0]
        if text in vocab.LEG_SYMPTOMS:
            return text
        console.print(f"[red]Type a number from 1 to {len(LEG_WORDS)}.[/]")


def _ask_check(reasons: tuple[str, ...]) -> list[str]:
    """The short safety check; the first yes ends it."""
    console.print("[bold]A short safety check[/] (y or n). " + " ".join(reasons))
    book = services().library.rules
    for flag_id in CHECK_FLAGS:
        if click.confirm(book.flag(flag_id).question, default=False):
            return [flag_id]
    return []


def _record_check(day: date, flags: list[str]) -> None:
    svc = services()
    log_service.record_check(
        svc.uow(), svc.actor, svc.actor.person_id, day, flags, svc.clock.today(), svc.library
    )
    _stop_if_flagged(day, flags)


def _stop_if_flagged(day: date, flags: list[str]) -> None:
    if not flags:
        console.print("[green]Thank you: nothing there that stops the plan.[/]")
        return
    svc = services()
    plan, _, _ = planning.current_plan(
        svc.uow(), svc.actor, svc.actor.person_id, day, svc.library, svc.clock.now()
    )
    if plan.stop is not None:
        console.print(stop_panel(plan.stop))


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


#: the answers `--legs` takes, in words (the stored words are accepted too)
LEGS_HELP = ", ".join(f'"{words.lower()}"' for _, words in LEG_WORDS)


def leg_answer(typed: str) -> str:
    """The stored word for what the person said about their legs (its words or the word)."""
    for word, words in LEG_WORDS:
        if _plain(typed) in (_plain(word), _plain(words)):
            return word
    if _plain(typed) == "the same":
        return "same"
    raise InvalidInput(
        "--legs", f"--legs '{typed}' is not one of its answers", f"one of {LEGS_HELP}"
    )


def planned_item(typed: str, items: tuple[PlanItem, ...], option: str, day: date) -> str:
    """The id of the day's item the person named (its id, or its name in any case)."""
    for item in items:
        if _plain(typed) in (_plain(item.id), _plain(item.name)):
            return item.id
    when = f"{day:%A} {day.day} {day:%B}"
    if not items:
        raise InvalidInput(option, f"nothing is planned on {when}")
    choices = "; ".join(item.name for item in items)
    raise InvalidInput(
        option, f"'{typed}' is not in your plan for {when}", f"one of its items: {choices}"
    )


def can_ask() -> bool:
    """A question needs a person at a terminal: never in CI, never with stdin from a pipe."""
    if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        return False
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # stdin closed
        return False


def _replace_logged(day: date, plan_day: Any, replace: bool) -> bool | None:
    """Whether the new log replaces ``day``'s (False: the day is not logged yet; None: keep
    it, the person said no). A logged day is shown first; replacing it is asked at a
    terminal, and needs --replace anywhere else."""
    svc = services()
    logged = daylog.logged_session(svc.uow(), svc.actor, svc.actor.person_id, day)
    if logged is None:
        return replace
    if replace:
        return True
    console.print(f"[bold]{day:%A %d %B} is already logged.[/]")
    show_logged(plan_day, logged)
    if not can_ask():
        raise InvalidInput(
            "--replace",
            f"{day.isoformat()} is already logged (shown above); add --replace to replace it, "
            "or leave it as it is",
        )
    if click.confirm("Replace it with a new log?", default=False):
        return True
    console.print("Kept what was logged. Nothing changed.")
    return None


def log(
    when: Annotated[
        str | None, typer.Option("--date", help="Day to log (YYYY-MM-DD); default today.")
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option("--done", help='An exercise done: its name, e.g. "bird dog" (repeat).'),
    ] = None,
    partly: Annotated[
        list[str] | None,
        typer.Option("--partly", help="An exercise partly done: its name (repeat)."),
    ] = None,
    skipped: Annotated[
        list[str] | None, typer.Option("--skip", help="An exercise skipped: its name (repeat).")
    ] = None,
    all_done: Annotated[
        bool, typer.Option("--all", help="Every item of the day was done as planned.")
    ] = False,
    minutes: Annotated[
        float | None, typer.Option(help="Minutes walked each time (the aerobic item).")
    ] = None,
    times: Annotated[int | None, typer.Option(help="How many walks (the aerobic item).")] = None,
    pain_before: Annotated[int | None, typer.Option(help="Pain before, 0-10.")] = None,
    pain_during: Annotated[int | None, typer.Option(help="Pain during, 0-10.")] = None,
    pain_after: Annotated[int | None, typer.Option(help="Pain after, 0-10.")] = None,
    effort: Annotated[int | None, typer.Option(help="How hard it felt, 0-10.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for yourself or your clinician.")] = None,
    morning: Annotated[
        int | None,
        typer.Option(help="How the back feels this morning (0-10), for yesterday's session."),
    ] = None,
    legs: Annotated[
        str | None,
        typer.Option(help="Your legs today: " + LEGS_HELP + "."),
    ] = None,
    red_flag: Annotated[
        list[str] | None,
        typer.Option("--red-flag", help="Safety check: a warning sign answered yes (repeat)."),
    ] = None,
    check_clear: Annotated[
        bool, typer.Option("--check-clear", help="Safety check: none of the warning signs.")
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace the day if it is already logged (asked at a terminal; "
            "needed in scripts and CI).",
        ),
    ] = False,
) -> None:
    """Record a session: each item done, partly done or skipped, pain and effort."""
    svc = services()
    today = svc.clock.today()
    day = parse_date(when) or today
    scripted = bool(done or partly or skipped or all_done)
    if legs is not None:
        legs = leg_answer(legs)
    if _morning_check(today, morning, interactive=not scripted and when is None):
        return
    if morning is not None and not scripted and when is None:
        return
    plan, _, _ = planning.current_plan(
        svc.uow(), svc.actor, svc.actor.person_id, day, svc.library, svc.clock.now()
    )
    plan_day = plan.day(day)
    items = plan_day.items if plan_day else ()
    if plan.stop is not None and plan.stop.level != "soon":
        raise RedFlagDetected(plan.stop.level, plan.stop.message, list(plan.stop.reasons))
    replacing = _replace_logged(day, plan_day, replace)
    if replacing is None:
        return
    answered: list[str] | None = None
    if red_flag or check_clear:
        answered = list(red_flag or [])
    if plan_day is not None and plan_day.mode == "paused" and answered is None:
        if scripted or when is not None:
            raise InvalidInput(
                "--check-clear",
                "the plan is paused until the safety check is answered: add --check-clear, "
                "or --red-flag WORD for a warning sign",
            )
        answered = _ask_check(("You noted new numbness or weakness.",))
        _record_check(day, answered)
        if answered:
            return
        plan, _, _ = planning.current_plan(
            svc.uow(), svc.actor, svc.actor.person_id, day, svc.library, svc.clock.now()
        )
        plan_day = plan.day(day)
        items = plan_day.items if plan_day else ()
    if scripted:
        entries: dict[str, dict[str, Any]] = {}
        if all_done:
            entries = {i.id: {"id": i.id, "status": "done"} for i in items}
        for status, option, ids in (
            ("done", "--done", done), ("partly", "--partly", partly), ("skipped", "--skip", skipped)
        ):  # fmt: skip
            for typed in ids or []:
                ident = planned_item(typed, items, option, day)
                entries[ident] = {"id": ident, "status": status}
        aerobic = next((i for i in items if i.category == "aerobic"), None)
        if aerobic is not None and aerobic.id in entries:
            if minutes is not None:
                entries[aerobic.id]["minutes"] = minutes
            if times is not None:
                entries[aerobic.id]["times"] = times
        logged = list(entries.values())
        pains = {"pain_before": pain_before, "pain_during": pain_during, "pain_after": pain_after}
    else:
        if not items:
            console.print("Nothing was planned that day. Enjoy the rest.")
            return
        console.print(f"[bold]Logging {day:%A %d %B}[/]")
        logged = _ask_items(items)
        pains = {
            "pain_before": pain_before if pain_before is not None else _pain("Pain before"),
            "pain_during": pain_during if pain_during is not None else _pain("Worst pain during"),
            "pain_after": pain_after if pain_after is not None else _pain("Pain after"),
        }
        if effort is None:
            effort = _pain("How hard did it feel")
        if note is None:
            note = click.prompt("A note (optional)", default="", show_default=False) or None
        if legs is None:
            legs = _ask_legs()
    entry: dict[str, Any] = {
        "date": day.isoformat(),
        "items": logged,
        "effort": effort,
        "note": note,
        "leg_symptoms": legs,
        "red_flags": answered,
        **pains,
    }
    entry = {k: v for k, v in entry.items() if v is not None}
    due = log_service.safety_check_due(
        svc.uow(), svc.actor, svc.actor.person_id, day, today, svc.library, entry
    )
    if due and not scripted:
        entry["red_flags"] = answered = _ask_check(due)
    try:  # the service refuses to overwrite a logged day unless told to (as the web does)
        stored = log_service.log_session(
            svc.uow(), svc.actor, svc.actor.person_id, entry, today, svc.library, svc.clock.now(),
            replace=replacing,
        )  # fmt: skip
    except AlreadyLogged:  # logged by someone else since the question above
        raise InvalidInput(
            "--replace", f"{day.isoformat()} was logged meanwhile; run the command again to see it"
        ) from None
    done_count = sum(1 for i in stored.items if i.done)
    console.print(f"[green]Logged {day:%a %d %b}:[/] {done_count} of {len(items)} items.")
    if answered:
        _stop_if_flagged(day, answered)
        return
    if due and not stored.checked:
        console.print(
            "A short safety check is due: " + " ".join(due) + " Run `upright log` to answer it, "
            "or add --check-clear (none of the warning signs) or --red-flag WORD."
        )
    _say_mode(day + timedelta(days=1))
    if plan_day is not None and plan_day.mode == "flare":
        console.print("Gently does it. Tomorrow morning, tell Upright how your back feels.")
    elif done_count:
        console.print(
            "Well done. Tomorrow morning, tell Upright how your back feels (upright log asks)."
        )
    else:
        console.print(
            "Skipped days happen. Nothing is lost; a short walk tomorrow is a fine restart."
        )
