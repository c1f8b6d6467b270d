"""`upright sheet` and `upright clearance`: the clearance sheet and the clinician's answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from upright.cli.context import services
from upright.cli.plan_cmds import _current, parse_date
from upright.domain.errors import InvalidInput
from upright.services import clearance as clearance_service
from upright.services import clinician as clinician_service
from upright.services.access import Actor, Role
from upright.services.reports import report_data
from upright.services.sheet import sheet_data

console = Console(highlight=False)


def write_document(out: Path, html: str, title: str) -> None:
    """PDF by the file name's ending; ``.html`` writes the page itself."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise InvalidInput("--out", f"'{out.name}' has no known ending", ".pdf, .html")
    from upright.adapters.reports.pdf import render_pdf  # chromium's driver: only when writing

    body = html.encode("utf-8") if suffix != ".pdf" else render_pdf(html, title)
    try:
        out.write_bytes(body)
    except OSError as error:
        raise InvalidInput("--out", f"cannot write {out}: {error.strerror}") from None
    console.print(f"Written to {escape(str(out))} ({len(body) // 1024 + 1} KB)")


def sheet(
    out: Annotated[Path, typer.Option("--out", help="Write to this file (.pdf or .html).")],
) -> None:
    """A one-page sheet to take to your doctor: your answers, the proposed program, boxes to tick."""
    from upright.adapters.reports import documents  # Jinja2 and the pictures: only when writing
    from upright.domain.labels import label

    svc = services()
    data = sheet_data(svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today(), svc.library)
    html = documents.render("sheet.html", data, label, documents.pictures())
    write_document(out, html, "Clearance sheet")


def clearance(
    status: Annotated[
        str,
        typer.Argument(
            help="cleared | cleared_with_restrictions | not_yet | advised_against",
            show_default=False,
        ),
    ],
    restrict: Annotated[
        list[str] | None,
        typer.Option(
            "--restrict",
            help="A restriction (repeat): no_extension, no_flexion, no_rotation, no_impact, "
            "no_supine, no_prone.",
        ),
    ] = None,
    walk_limit: Annotated[
        int | None, typer.Option("--walk-limit", help="Longest walk at a time, minutes.")
    ] = None,
    avoid: Annotated[
        list[str] | None,
        typer.Option("--avoid", help="An exercise id to avoid (repeat; see `upright exercises`)."),
    ] = None,
    valid_until: Annotated[
        str | None, typer.Option("--valid-until", help="Last day the clearance holds (YYYY-MM-DD).")
    ] = None,
    by: Annotated[
        str, typer.Option("--by", help="Who gave these answers (the clinician's name).")
    ] = "me",
    note: Annotated[str | None, typer.Option("--note", help="A short note.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Enter the clinician's answers from the clearance sheet; the plan follows them at once."""
    svc = services()
    answers = {
        "clearance": status,
        "restrictions": restrict or [],
        "max_walk_minutes": walk_limit,
        "avoid_exercises": avoid or [],
        "valid_until": valid_until,
        "note": note,
    }
    record = clearance_service.record_clearance(
        svc.uow(), svc.actor, svc.actor.person_id, answers, svc.library, svc.clock.today(),
        svc.clock.now(), entered_by_name=by, role="self",
    )  # fmt: skip
    plan, _, _ = _current()
    if json_out:
        typer.echo(json.dumps({"record": record, "plan": plan.to_json()}, indent=2))
        return
    from upright.domain.labels import label

    console.print(f"Saved: {escape(label(status))} (entered by {escape(record['by'])}).")
    planned = sorted({i.name for d in plan.days for i in d.items})
    console.print("This week's plan now holds: " + escape(", ".join(planned) or "nothing"))


def report(
    out: Annotated[Path, typer.Option("--out", help="Write to this file (.pdf or .html).")],
    start: Annotated[
        str | None,
        typer.Option("--from", help="First day (YYYY-MM-DD); default: your first session."),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day (YYYY-MM-DD); default: today.")
    ] = None,
    notes: Annotated[
        bool, typer.Option("--notes", help="Include your own session notes (left out by default).")
    ] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="Also print the numbers as JSON.")
    ] = False,
) -> None:
    """A progress report for your doctor: one or two pages they can read in a minute."""
    from upright.adapters.reports import documents  # Jinja2 and the charts: only when writing
    from upright.domain.labels import label
    from upright.web.progress_view import progress_charts

    svc = services()
    data = report_data(
        svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today(), svc.library,
        parse_date(start, "--from"), parse_date(end, "--to"), notes,
    )  # fmt: skip
    html = documents.render(
        "report.html", data, label, documents.pictures(),
        charts=progress_charts(data["progress"], []),
    )  # fmt: skip
    write_document(out, html, "Progress report")
    if json_out:
        typer.echo(json.dumps(data, indent=2))


clinician_app = typer.Typer(help="Server administration: which accounts are clinicians'.")

#: the server's command line is its administrator: whoever runs it can open the database anyway
OPERATOR = Actor(0, Role.ADMIN)


@clinician_app.command("grant")
def clinician_grant(
    email: Annotated[str, typer.Argument(help="The clinician's account email.")],
) -> None:
    """Make an account a clinician's: people can then link it with a code they give."""
    svc = services()
    clinician_service.set_role(svc.uow(), OPERATOR, email, Role.CLINICIAN)
    console.print(f"{escape(email)} is now a clinician account.")


@clinician_app.command("remove")
def clinician_remove(
    email: Annotated[str, typer.Argument(help="The clinician's account email.")],
) -> None:
    """Make a clinician's account a person's again: their links open nothing from now on."""
    svc = services()
    clinician_service.set_role(svc.uow(), OPERATOR, email, Role.PERSON)
    console.print(f"{escape(email)} is no longer a clinician account.")
