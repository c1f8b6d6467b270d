"""`upright start` and `upright profile`: the onboarding questions in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from upright.adapters.profile_files import read_mapping
from upright.cli.context import services
from upright.cli.render import stop_panel
from upright.domain import vocab
from upright.domain.errors import ProfileError
from upright.domain.profile import LIMITS, parse_profile
from upright.domain.safety.screening import flag_stop, screen
from upright.domain.vocab import DISCLAIMER
from upright.services import planning

console = Console(highlight=False)
profile_app = typer.Typer(help="Show or change your profile (every change is kept as history).")


def _check(answers: dict[str, Any], field: str) -> str | None:
    trial = {"age": 40, **answers}
    try:
        parse_profile(trial)
    except ProfileError as error:
        if error.field == field:
            return error.message
    return None


def _ask(
    answers: dict[str, Any], field: str, question: str, default: Any, parse: Any = None
) -> None:
    while True:
        raw = click.prompt(question, default=default, show_default=default not in (None, ""))
        value = parse(raw) if parse else raw
        answers[field] = value
        problem = _check(answers, field)
        if problem is None:
            return
        console.print(f"[red]{escape(problem)}[/]")
        del answers[field]


def _words(raw: str, allowed: tuple[str, ...]) -> list[str]:
    out = []
    for token in str(raw).replace(",", " ").split():
        if token.isdigit() and 1 <= int(token) <= len(allowed):
            out.append(allowed[int(token) - 1])
        elif token.lower() not in ("none", "-", "no"):
            out.append(token.lower())
    return out


def _menu(allowed: tuple[str, ...]) -> str:
    return "  " + "  ".join(f"{n}) {w}" for n, w in enumerate(allowed, 1))


def _optional_int(raw: str) -> int | str | None:
    text = str(raw).strip()
    return None if text in ("", "none", "-") else text


#: the safety questions, grouped by how urgent a yes is (plain headings for each group)
FLAG_GROUPS = (
    ("emergency", "Signs that need help straight away"),
    ("same_day", "Signs that need a doctor today"),
    ("soon", "Things a doctor should check in the next few days"),
)


def safety_questions(previous: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The red-flag questions, grouped, most urgent first.

    Returns the answers and whether to stop at once: the first emergency or same-day yes ends
    the questions (nothing else is asked) and shows what to do.
    """
    console.print(
        "[bold]First, a few safety questions.[/] Answer y or n. They decide whether exercise is "
        "safe to start at all."
    )
    book = services().library.rules
    flags: list[str] = []
    answers: dict[str, Any] = {"red_flags": flags}
    for level, heading in FLAG_GROUPS:
        console.print(f"\n[bold]{heading}[/]")
        for flag in (f for f in book.red_flags if f.level == level):
            if click.confirm(flag.question, default=False):
                flags.append(flag.id)
                if level != "soon":
                    console.print(stop_panel(flag_stop(book, [flag.id])))
                    return answers, True
        if level == "soon":
            answers["first_episode"] = click.confirm(
                "Is this the first time you have had back pain?",
                default=bool(previous.get("first_episode", False)),
            )
    if flags:
        console.print(
            "A doctor should check these soon. Until then Upright keeps only your usual walking."
        )
        answers["flags_reviewed"] = click.confirm(
            "Has a doctor or physiotherapist already checked these signs since they began?",
            default=bool(previous.get("flags_reviewed", False)),
        )
    return answers, False


def interview(previous: dict[str, Any] | None = None) -> tuple[dict[str, Any], bool]:
    """Ask every question, safety first; re-ask when an answer is not acceptable.

    Returns the answers and whether a red flag stopped the questions early.
    """
    p = previous or {}
    console.print(
        f"[bold]Welcome to Upright.[/] A few plain questions, then your plan. {DISCLAIMER}\n"
    )
    a, stopped = safety_questions(p)
    if stopped:
        return a, True
    console.print("\n[bold]About you and your back[/]")
    _ask(a, "age", "How old are you?", p.get("age"))
    console.print(
        "\nHas a doctor told you what causes your back pain? Pick any that apply "
        "(numbers or words, separated by commas), or leave empty if not diagnosed."
    )
    console.print(_menu(vocab.CONDITIONS[:-1]))
    _ask(
        a,
        "conditions",
        "Conditions",
        ",".join(p.get("conditions", [])) or "",
        lambda r: _words(r, vocab.CONDITIONS[:-1]),
    )
    if "pregnancy" in a["conditions"]:
        _ask(a, "pregnancy_week", "Which week of pregnancy are you in?", p.get("pregnancy_week"))
    if vocab.SURGERY_CONDITIONS & set(a["conditions"]):
        _ask(
            a,
            "weeks_since_surgery",
            "How many weeks ago was the operation?",
            p.get("weeks_since_surgery"),
        )
    _ask(
        a,
        "pain_now",
        "How bad is the pain right now, from 0 (none) to 10 (worst)?",
        p.get("pain_now", 0),
    )
    _ask(a, "pain_weeks", "How many weeks has this episode lasted?", p.get("pain_weeks", 0))
    console.print("\nHas a doctor or physiotherapist cleared you to exercise?")
    console.print(_menu(vocab.CLEARANCE))
    default_clear = str(vocab.CLEARANCE.index(p["clearance"]) + 1) if "clearance" in p else "3"
    _ask(
        a,
        "clearance",
        "Clearance",
        default_clear,
        lambda r: vocab.CLEARANCE[int(r) - 1] if str(r).isdigit() and 1 <= int(r) <= 4 else r,
    )
    if a["clearance"] == "cleared_with_restrictions":
        console.print("Which restrictions did they give you?")
        console.print(_menu(tuple(vocab.RESTRICTIONS)))
        _ask(
            a,
            "restrictions",
            "Restrictions",
            ",".join(p.get("restrictions", [])) or "",
            lambda r: _words(r, tuple(vocab.RESTRICTIONS)),
        )
        _ask(
            a,
            "max_walk_minutes",
            "Did they limit how long one walk may be? Minutes, or empty for no limit",
            p.get("max_walk_minutes") or "",
            _optional_int,
        )
    low, high = LIMITS["walk_minutes"]
    _ask(
        a,
        "walk_minutes",
        f"How many minutes can you walk comfortably today? ({low}-{high})",
        p.get("walk_minutes", 5),
    )
    console.print("\nWhat do you have? (numbers or words, commas; empty for none)")
    console.print(_menu(vocab.EQUIPMENT))
    _ask(
        a,
        "equipment",
        "Equipment",
        ",".join(p.get("equipment", [])) or "",
        lambda r: _words(r, vocab.EQUIPMENT),
    )
    console.print("\nWhich way of exercising do you prefer?")
    console.print(_menu(vocab.PREFERS))
    default_pref = str(vocab.PREFERS.index(p.get("prefers", "walking")) + 1)
    _ask(
        a,
        "prefers",
        "Prefer",
        default_pref,
        lambda r: vocab.PREFERS[int(r) - 1] if str(r).isdigit() and 1 <= int(r) <= 4 else r,
    )
    console.print("\nWhich days are free for exercise? (e.g. mon,wed,fri)")
    _ask(
        a,
        "days",
        "Days",
        ",".join(p.get("days", ["mon", "wed", "fri"])),
        lambda r: _words(r, vocab.DAYS),
    )
    _ask(
        a,
        "minutes_per_day",
        "How many minutes a day can you give it?",
        p.get("minutes_per_day", 30),
    )
    return {k: v for k, v in a.items() if v is not None}, False


def _save_and_show(data: dict[str, Any], shown: bool = False) -> None:
    """Store the answers; under a stop show what to do (unless just shown), never a plan."""
    svc = services()
    if not data.get("flags_reviewed"):
        data.pop("flags_reviewed", None)
    profile = planning.save_profile(
        svc.uow(), svc.actor, svc.actor.person_id, data, svc.clock.now()
    )
    screening = screen(profile, svc.library.catalog, svc.library.rules)
    if screening.stop is not None:
        if not shown:
            console.print(stop_panel(screening.stop))
        if screening.stop.level == "soon":
            console.print(
                "Saved. Until a doctor has checked you, `upright today` shows only your usual "
                "walking. When they have, record it: upright profile edit flags_reviewed=true"
            )
        return
    console.print(
        "\n[green]Saved.[/] Run [bold]upright today[/] to see today's session, "
        "or [bold]upright week[/] for the whole week."
    )


def start(
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="Answers from a TOML or JSON file instead of questions."),
    ] = None,
) -> None:
    """Answer the onboarding questions and get your plan."""
    if profile is not None:
        _save_and_show(read_mapping(profile))
        return
    svc = services()
    found = planning.find_profile(svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today())
    previous = found.to_dict() if found is not None else None
    answers, stopped = interview(previous)
    if stopped and previous:  # keep the earlier answers; only the red flags change
        answers = {**previous, **answers, "flags_reviewed": False}
    _save_and_show(answers, shown=stopped)


@profile_app.command("show")
def show(json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Show your current profile."""
    svc = services()
    current = planning.load_profile(svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today())
    if json_out:
        import json

        typer.echo(json.dumps(current.to_dict(), indent=2))
        return
    for key, value in current.to_dict().items():
        shown = ", ".join(value) if isinstance(value, list) else value
        console.print(f"[bold]{key}[/]: {escape(str(shown))}")


@profile_app.command("edit")
def edit(
    field_values: Annotated[
        list[str] | None,
        typer.Argument(
            help="FIELD=VALUE pairs; lists with commas. None: ask every question again."
        ),
    ] = None,
) -> None:
    """Change your profile. Earlier versions are kept."""
    svc = services()
    today = svc.clock.today()
    current = planning.load_profile(svc.uow(), svc.actor, svc.actor.person_id, today).to_dict()
    if not field_values:
        answers, stopped = interview(current)
        merged = {**current, **answers, "flags_reviewed": False} if stopped else answers
        _save_and_show(merged, shown=stopped)
        return
    for pair in field_values:
        if "=" not in pair:
            raise ProfileError(pair, "expected FIELD=VALUE, for example pain_now=3")
        key, _, value = pair.partition("=")
        key = key.strip()
        if key in ("conditions", "red_flags", "restrictions", "equipment", "days"):
            current[key] = [w for w in value.replace(",", " ").split() if w]
        elif value.strip().lower() in ("", "none"):
            current.pop(key, None)
        else:
            current[key] = value.strip()
    _save_and_show(current)


@profile_app.command("history")
def history() -> None:
    """List the saved versions of your profile."""
    svc = services()
    for row in planning.profile_history(svc.uow(), svc.actor, svc.actor.person_id):
        version, at, data = row.version, row.created_at, row.profile
        console.print(
            f"v{version}  {at:%Y-%m-%d %H:%M}  pain {data.get('pain_now')}  "
            f"{', '.join(data.get('conditions', [])) or 'no diagnosis'}  {data.get('clearance')}"
        )
