"""`upright outcomes`: what is due, answering it, and how the scores changed since the start."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from upright.adapters.profile_files import read_mapping
from upright.cli.context import services
from upright.domain.errors import InvalidInput
from upright.domain.outcomes.measures import SCALE, score
from upright.services import outcomes as outcome_service

console = Console(highlight=False)


def _askscore(question: str, anchors: list[str], field: str) -> int:
    low, high = SCALE
    while True:
        raw = click.prompt(f"{question} ({low} = {anchors[0]}, {high} = {anchors[1]})")
        try:
            return score(raw, field)
        except InvalidInput as error:
            console.print(f"[red]{escape(error.message)}[/]")


def interview(previous_names: list[str]) -> dict[str, Any]:
    q = outcome_service.questions()
    answers: dict[str, Any] = {}
    console.print("[bold]A few questions about your back[/] (about 2 minutes).\n")
    for item in q["nrs"]:
        answers[item["field"]] = _askscore(item["text"], q["nrs_anchors"], item["field"])
    for item in q["peg"]:
        answers[item["field"]] = _askscore(item["text"], q["peg_anchors"], item["field"])
    console.print("\n" + q["psfs"])
    names = list(previous_names)
    if not names:
        console.print(
            "Type one activity per line (for example: putting on socks); an empty line ends."
        )
        while len(names) < q["psfs_max"]:
            name = click.prompt(f"Activity {len(names) + 1}", default="", show_default=False)
            if not name.strip():
                break
            names.append(name.strip())
    answers["psfs"] = [
        {
            "name": name,
            "score": _askscore(f"How well can you do: {name}?", q["psfs_anchors"], "psfs"),
        }
        for name in names
    ]
    return answers


def show(status: dict[str, Any]) -> None:
    due, nxt = status["due"], status["next"]
    if due is not None:
        console.print(
            f"[bold]Due now:[/] the {due['label']} questions. Answer them with "
            "`upright outcomes --ask` (or `--answers FILE`)."
        )
    else:
        console.print(
            f"Nothing is due today. Next: the {nxt['label']} questions, from {nxt['on']}."
        )
    for row in status["history"]:
        s = row["scores"]
        psfs = "-" if s["psfs"] is None else f"{s['psfs']:g}"
        console.print(
            f"  {row['on']} ({row['label']}): back pain {s['back_pain_now']} now, "
            f"{s['back_pain_week']} past week; leg pain {s['leg_pain_now']} now, "
            f"{s['leg_pain_week']} past week; PEG {s['peg']:g}; activities {psfs}"
        )
    for change in status["changes"]:
        console.print("  " + escape(change["text"]))


def outcomes(
    ask: Annotated[bool, typer.Option("--ask", help="Answer the questions due now.")] = False,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Answers in a TOML or JSON file (same field names)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Short questions about your pain and what it stops you doing: what is due, and your scores."""
    svc = services()
    uow, me, today = svc.uow(), svc.actor, svc.clock.today()
    if ask and answers is not None:
        raise InvalidInput("--ask", "choose --ask or --answers, not both")
    if ask or answers is not None:
        if answers is not None:
            data = read_mapping(answers, "answers")
        else:
            status = outcome_service.outcome_status(uow, me, me.person_id, today)
            if status["due"] is None:
                nxt = status["next"]
                raise InvalidInput(
                    "answers", f"nothing is due today; the next questions open on {nxt['on']}"
                )
            data = interview(status["psfs_names"])
        status = outcome_service.record_outcomes(
            uow, me, me.person_id, data, today, svc.clock.now()
        )
        if not json_out:
            console.print("[green]Saved.[/] Thank you: these answers show whether the plan helps.")
    else:
        status = outcome_service.outcome_status(uow, me, me.person_id, today)
    if json_out:
        typer.echo(json.dumps(status, indent=2))
        return
    show(status)
