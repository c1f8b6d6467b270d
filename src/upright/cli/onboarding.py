"""`upright start` and `upright profile`: the onboarding questions in the terminal."""

from __future__ import annotations

import select
import sys
from collections.abc import Callable
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


def _words(raw: str, allowed: tuple[str, ...]) -> list[str]:
    """Numbers of the menu (or the stored words themselves) -> the stored words."""
    out = []
    for token in str(raw).replace(",", " ").split():
        if token.isdigit() and 1 <= int(token) <= len(allowed):
            out.append(allowed[int(token) - 1])
        elif token.lower() not in ("none", "-", "no"):
            out.append(token.lower())
    return out


def _one(raw: str, allowed: tuple[str, ...]) -> str:
    """One number of the menu (or the stored word itself) -> the stored word."""
    text = str(raw).strip()
    if text.isdigit() and 1 <= int(text) <= len(allowed):
        return allowed[int(text) - 1]
    return text.lower()


def _numbers(chosen: list[str] | str | None, allowed: tuple[str, ...]) -> str:
    """The menu numbers of earlier answers, as the default of a question."""
    words = [chosen] if isinstance(chosen, str) else list(chosen or [])
    return ",".join(str(allowed.index(w) + 1) for w in words if w in allowed)


def _menu(allowed: tuple[str, ...]) -> str:
    """The choices as a person reads them, one numbered line each."""
    from upright.web.views import label  # the same words as the web's questions

    return "\n".join(f"  {n}) {label(word)}" for n, word in enumerate(allowed, 1))


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
    _ask(
        a,
        "age",
        "How old are you? (optional: it helps pace the plan; press Enter to skip)",
        p.get("age") or "",
        _optional_int,
    )
    console.print(
        "\nHas a doctor told you what causes your back pain? Type the numbers of any that "
        "apply, separated by commas, or press Enter if you have no diagnosis."
    )
    console.print(_menu(vocab.CONDITIONS[:-1]))
    _ask(
        a,
        "conditions",
        "Conditions",
        _numbers(p.get("conditions"), vocab.CONDITIONS[:-1]),
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
    console.print("\nHas a doctor or physiotherapist cleared you to exercise? Type a number.")
    console.print(_menu(vocab.CLEARANCE))
    _ask(
        a,
        "clearance",
        "Clearance",
        _numbers(p.get("clearance"), vocab.CLEARANCE) or "3",
        lambda r: _one(r, vocab.CLEARANCE),
    )
    if a["clearance"] == "cleared_with_restrictions":
        console.print("Which restrictions did they give you? Type the numbers, with commas.")
        console.print(_menu(tuple(vocab.RESTRICTIONS)))
        _ask(
            a,
            "restrictions",
            "Restrictions",
            _numbers(p.get("restrictions"), tuple(vocab.RESTRICTIONS)),
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
    console.print(
        "\nWhat do you have? Type the numbers, separated by commas, or press Enter for none."
    )
    console.print(_menu(vocab.EQUIPMENT))
    _ask(
        a,
        "equipment",
        "Equipment",
        _numbers(p.get("equipment"), vocab.EQUIPMENT),
        lambda r: _words(r, vocab.EQUIPMENT),
    )
    console.print("\nWhich way of exercising do you prefer? Type a number.")
    console.print(_menu(vocab.PREFERS))
    _ask(
        a,
        "prefers",
        "Prefer",
        _numbers(p.get("prefers", "walking"), vocab.PREFERS),
        lambda r: _one(r, vocab.PREFERS),
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


#: `upright start` with nothing to read the answers from
NO_TERMINAL = (
    "upright start asks its questions at a terminal, and there is none here (or the input "
    "ended); give the answers in a file instead: upright start --profile FILE (TOML or JSON)"
)
NO_TERMINAL_EDIT = (
    "upright profile edit asks its questions at a terminal, and there is none here (or the "
    "input ended); give the changes instead, for example: upright profile edit pain_now=3"
)


def no_answers() -> bool:
    """Nothing can answer the questions: no input at all, or input that has already ended.

    Answers piped in (a script, a test) are read as typed; only an input that is closed or
    empty from the start is refused, before a first question is printed.
    """
    stream = sys.stdin
    if stream is None or stream.closed:
        return True
    try:
        if stream.isatty():
            return False
        ready, _, _ = select.select([stream], [], [], 0)
        buffer = getattr(stream, "buffer", None)
        if not ready or buffer is None or not hasattr(buffer, "peek"):
            return False  # answers may still come: ask, as before
        return bool(buffer.peek(1) == b"")
    except (OSError, ValueError):
        return False


def asked(
    questions: Callable[[dict[str, Any] | None], tuple[dict[str, Any], bool]],
    previous: dict[str, Any] | None,
) -> tuple[dict[str, Any], bool]:
    """The answers; input that ends before the last question is a mistake, said in one line
    (exit 2), except at a terminal, where stopping (Ctrl-D) is the person's choice."""
    try:
        return questions(previous)
    except click.exceptions.Abort:
        if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
            raise
        console.print()
        raise InvalidInput("--profile", NO_TERMINAL) from None


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
        console.print(f"[bold]{key}[/]: {escape(shown_value(key, value))}")


#: profile fields whose values are stored words; shown in plain words, the stored word beside
#: it (``profile edit FIELD=VALUE`` takes the stored word)
WORDED = frozenset({"conditions", "clearance", "restrictions", "equipment", "prefers", "days"})


def shown_value(key: str, value: Any) -> str:
    from upright.web.views import label  # the same words as the web's questions

    values = value if isinstance(value, list) else [value]
    if key in WORDED:
        return ", ".join(f"{label(str(v))} ({v})" for v in values)
    return ", ".join(str(v) for v in values)


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
        from upright.web.views import label

        conditions = ", ".join(label(c) for c in data.get("conditions", [])) or "no diagnosis"
        clearance = label(str(data.get("clearance", "not_yet")))
        console.print(
            f"v{version}  {at:%Y-%m-%d %H:%M}  pain {data.get('pain_now')}  "
            f"{escape(conditions)}  {escape(clearance)}"
        )
