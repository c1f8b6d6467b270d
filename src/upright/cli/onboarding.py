"""`upright start` and `upright profile`: the onboarding questions in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from upright.adapters.profile_files import read_mapping
from upright.cli.answers import (
    NO_TERMINAL,
    NO_TERMINAL_EDIT,
    asked,
    menu,
    no_answers,
    numbers,
    one,
    optional_int,
    words,
)
from upright.cli.context import services
from upright.cli.render import stop_panel
from upright.domain import vocab
from upright.domain.errors import InvalidInput, ProfileError
from upright.domain.profile import LIMITS, parse_profile
from upright.domain.safety.screening import flag_stop, screen
from upright.domain.vocab import DISCLAIMER
from upright.services import planning

console = Console(highlight=False)
profile_app = typer.Typer(help="Show or change your profile (every change is kept as history).")


def _check(answers: dict[str, Any], field: str) -> str | None:
    """What is wrong with the answer to ``field``, said to the person who typed it (the field's
    name is for files; at a prompt the question says which answer it is)."""
    trial = {"age": 40, **answers}
    try:
        parse_profile(trial)
    except ProfileError as error:
        if error.field == field:
            return _said(field, error, answers.get(field))
    return None


def _said(field: str, error: ProfileError, value: Any) -> str:
    span = error.allowed.split("-") if error.allowed else []
    if len(span) == 2 and all(part.strip().isdigit() for part in span):
        return f"Please answer with a whole number from {span[0]} to {span[1]}."
    if field == "days":
        return "Please answer with days of the week, for example mon,wed,fri."
    if isinstance(value, list):
        return "Please answer with the numbers of the choices above, separated by commas."
    if error.allowed and "," in error.allowed:
        return "Please answer with one of the numbers above."
    return f"{error.problem[:1].upper()}{error.problem[1:]}. Please answer again."


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
    _ask(
        a,
        "age",
        "How old are you? (optional: it helps pace the plan; press Enter to skip)",
        p.get("age") or "",
        optional_int,
    )
    console.print(
        "\nHas a doctor told you what causes your back pain? Type the numbers of any that "
        "apply, separated by commas, or press Enter if you have no diagnosis."
    )
    console.print(menu(vocab.CONDITIONS[:-1]))
    _ask(
        a,
        "conditions",
        "Conditions",
        numbers(p.get("conditions"), vocab.CONDITIONS[:-1]),
        lambda r: words(r, vocab.CONDITIONS[:-1]),
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
    console.print("\nHas a doctor or physiotherapist cleared you to exercise? Type a number.")
    console.print(menu(vocab.CLEARANCE))
    _ask(
        a,
        "clearance",
        "Clearance",
        numbers(p.get("clearance"), vocab.CLEARANCE) or "3",
        lambda r: one(r, vocab.CLEARANCE),
    )
    if a["clearance"] == "cleared_with_restrictions":
        console.print("Which restrictions did they give you? Type the numbers, with commas.")
        console.print(menu(tuple(vocab.RESTRICTIONS)))
        _ask(
            a,
            "restrictions",
            "Restrictions",
            numbers(p.get("restrictions"), tuple(vocab.RESTRICTIONS)),
            lambda r: words(r, tuple(vocab.RESTRICTIONS)),
        )
        _ask(
            a,
            "max_walk_minutes",
            "Did they limit how long one walk may be? Minutes, or empty for no limit",
            p.get("max_walk_minutes") or "",
            optional_int,
        )
    low, high = LIMITS["walk_minutes"]
    _ask(
        a,
        "walk_minutes",
        f"How many minutes can you walk comfortably today? ({low}-{high})",
        p.get("walk_minutes", 5),
    )
    console.print(
        "\nWhat do you have? Type the numbers, separated by commas, or press Enter for none."
    )
    console.print(menu(vocab.EQUIPMENT))
    _ask(
        a,
        "equipment",
        "Equipment",
        numbers(p.get("equipment"), vocab.EQUIPMENT),
        lambda r: words(r, vocab.EQUIPMENT),
    )
    console.print("\nWhich way of exercising do you prefer? Type a number.")
    console.print(menu(vocab.PREFERS))
    _ask(
        a,
        "prefers",
        "Prefer",
        numbers(p.get("prefers", "walking"), vocab.PREFERS),
        lambda r: one(r, vocab.PREFERS),
    )
    console.print("\nWhich days are free for exercise? (e.g. mon,wed,fri)")
    _ask(
        a,
        "days",
        "Days",
        ",".join(p.get("days", ["mon", "wed", "fri"])),
        lambda r: words(r, vocab.DAYS),
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
    if no_answers():
        raise InvalidInput("--profile", NO_TERMINAL)
    svc = services()
    found = planning.find_profile(svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today())
    previous = found.to_dict() if found is not None else None
    answers, stopped = asked(interview, previous)
    if stopped and previous:  # keep the earlier answers; only the red flags change
        answers = {**previous, **answers, "flags_reviewed": False}
    _save_and_show(answers, shown=stopped)


#: what each profile answer is called when shown (the stored names are for files and `edit`)
PROFILE_FIELDS = {
    "age": "Age",
    "conditions": "Diagnosis",
    "pain_now": "Pain now (0-10)",
    "pain_weeks": "Weeks of this episode",
    "pregnancy_week": "Week of pregnancy",
    "weeks_since_surgery": "Weeks since the operation",
    "red_flags": "Warning signs",
    "clearance": "Doctor's clearance",
    "restrictions": "Doctor's restrictions",
    "max_walk_minutes": "Longest walk your doctor allows (minutes)",
    "walk_minutes": "Minutes you can walk",
    "equipment": "Equipment",
    "prefers": "Preferred exercise",
    "days": "Free days",
    "minutes_per_day": "Minutes a day",
    "avoid_exercises": "Exercises your doctor asked you to avoid",
    "clearance_valid_until": "Clearance valid until",
    "first_episode": "First episode",
    "flags_reviewed": "Warning signs checked by a clinician",
    "weeks_postpartum": "Weeks since giving birth",
    "delivery": "Delivery",
    "limits": "Limits",
    "pain_onset": "This episode began on",
}


def profile_field(key: str) -> str:
    return PROFILE_FIELDS.get(key, key.replace("_", " ").capitalize())


def profile_value(key: str, value: Any, catalog: Any = None) -> str:
    """An answer in words: labels for stored words, yes/no, exercise names, "none" for empty."""
    from upright.domain.labels import label  # the same words as the web's questions

    if isinstance(value, bool):
        return "yes" if value else "no"
    values = value if isinstance(value, list) else [value]
    if not values:
        return "none"
    if key == "avoid_exercises" and catalog is not None:
        found = [catalog.get(str(v)) for v in values]
        return ", ".join(
            e.name if e is not None else label(str(v)) for e, v in zip(found, values, strict=True)
        )
    if all(isinstance(v, str) for v in values) and key not in (
        "pain_onset",
        "clearance_valid_until",
    ):
        return ", ".join(label(v) for v in values)
    return ", ".join(str(v) for v in values)


@profile_app.command("show")
def show(json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Show your current profile."""
    svc = services()
    current = planning.load_profile(svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today())
    if json_out:
        import json

        typer.echo(json.dumps(current.to_dict(), indent=2))
        return
    catalog = svc.library.catalog
    for key, value in current.to_dict().items():
        console.print(
            f"[bold]{profile_field(key)}[/]: {escape(profile_value(key, value, catalog))}"
        )
    console.print("To change an answer: `upright profile edit` asks the questions again.")


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
        if no_answers():
            raise InvalidInput("FIELD=VALUE", NO_TERMINAL_EDIT)
        answers, stopped = asked(interview, current)
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
        from upright.domain.labels import label

        conditions = ", ".join(label(c) for c in data.get("conditions", [])) or "no diagnosis"
        clearance = label(str(data.get("clearance", "not_yet")))
        console.print(
            f"v{version}  {at:%Y-%m-%d %H:%M}  pain {data.get('pain_now')}  "
            f"{escape(conditions)}  {escape(clearance)}"
        )
