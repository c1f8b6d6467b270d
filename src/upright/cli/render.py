"""Rich rendering of plans, items and explanations. Presentation only: no rules here."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from upright.adapters.reports.text import dose_text
from upright.domain.catalog.model import Catalog
from upright.domain.planning.first_week import BEFORE_START_NOTE
from upright.domain.planning.plan import Plan, PlanDay, PlanItem
from upright.domain.safety.screening import Stop
from upright.domain.tracking.credit import Credit
from upright.domain.vocab import DISCLAIMER

URGENCY_STYLE = {"emergency": "bold white on red", "same_day": "bold red", "soon": "bold yellow"}
URGENCY_TITLE = {
    "emergency": "EMERGENCY: get help now",
    "same_day": "Get help today",
    "soon": "See a doctor soon",
}


def stop_panel(stop: Stop) -> Panel:
    body = Text(stop.message + "\n", style="bold")
    if stop.level == "emergency":
        body.append(
            "If you cannot get there safely, call your local emergency number "
            "(112 in Europe, 999 in the UK, 911 in North America).\n"
        )
    for reason in stop.reasons:
        body.append(f"\n• {reason}")
    body.append("\n\nUpright has paused your plan. It is not a substitute for a doctor.")
    return Panel(body, title=URGENCY_TITLE[stop.level], style=URGENCY_STYLE[stop.level])


def why_command(name: str) -> str:
    """The `upright why` line for an exercise, by its name (`why` takes names as well as words)."""
    return f'upright why "{name.lower()}"'


def item_panel(item: PlanItem, catalog: Catalog, full: bool = True) -> Panel:
    exercise = catalog.get(item.id)
    lines: list[Text] = [Text(dose_text(item), style="bold cyan")]
    if exercise is not None and full:
        steps = list(exercise.steps_at(item.level or 1))
        for n, step in enumerate(steps, 1):
            lines.append(Text(f"{n}. {step}"))
        lines.append(Text(f"You should feel: {exercise.feel}", style="green"))
        lines.append(Text("Stop if: " + " ".join(exercise.stop_if), style="yellow"))
    lines.append(Text(f"Why: {item.why[0]}", style="dim"))
    title = (
        item.name if item.level is None else f"{item.name}: level {item.level}, {item.level_name}"
    )
    return Panel(
        Group(*lines),
        title=escape(title),
        subtitle=escape(why_command(item.name)),
        title_align="left",
    )


def credit_line(found: Credit) -> Text | None:
    if found.status == "none":
        return None
    walks = ", ".join(
        f"{a.start:%H:%M} {a.kind} {a.moving_minutes or a.minutes:.0f} min ({a.brisk_minutes:.0f} brisk, {a.source})"
        for a in found.activities
    )
    word = "Done" if found.status == "done" else "Partly done"
    return Text(
        f"{word} by your device: {walks}. {found.minutes:.0f} of {found.planned:.0f} minutes.",
        style="bold green",
    )


def day_view(
    console: Console,
    plan: Plan,
    day: PlanDay,
    catalog: Catalog,
    heading: str,
    credits: dict[str, Credit] | None = None,
) -> None:
    if plan.stop is not None:
        console.print(stop_panel(plan.stop))
        if plan.stop.level == "soon" and day.items:  # the usual walking goes on, no more
            console.print(Text("Until then, keep your usual walking, no more:", style="bold"))
            for item in day.items:
                console.print(item_panel(item, catalog))
        return
    console.print(Text(heading, style="bold"))
    if not day.items:
        console.print("Nothing planned today. Rest, move gently, and enjoy the day.")
    for item in day.items:
        console.print(item_panel(item, catalog))
        found = (credits or {}).get(item.id)
        line = credit_line(found) if found else None
        if line is not None:
            console.print(line)
    for note in day.notes:
        console.print(Text(f"• {note}", style="dim"))
    walk = next((i for i in day.items if i.category == "aerobic"), None)
    if walk is not None and len(walk.why) > 2:
        console.print(Text("Walking: " + " ".join(walk.why[2:4]), style="cyan"))
    notes(console, plan)


def card_panel(card: dict[str, Any]) -> Panel:
    body = "\n\n".join(card["body"])
    return Panel(escape(body), title=escape(card["title"]), title_align="left", style="blue")


def notes(console: Console, plan: Plan) -> None:
    if plan.card:
        console.print(card_panel(plan.card))
    for conflict in plan.conflicts:
        console.print(Panel(conflict, title="Ask your doctor", style="yellow"))
    for note in plan.notes:
        console.print(Text(f"Note: {note}", style="italic"))
    console.print(Text(DISCLAIMER, style="dim"))


#: how a day's mark (services.daylog) reads in the week table
MARK_WORDS = {
    "done": "✓ done",
    "partly": "◐ partly done",
    "skipped": "– skipped",
    "device": "recorded by your device",
}


def week_view(
    console: Console, plan: Plan, today: date, marks: dict[date, str | None] | None = None
) -> None:
    if plan.stop is not None:
        console.print(stop_panel(plan.stop))
        return
    table = Table(
        title=f"Week of {plan.week_start:%A} {plan.week_start.day} {plan.week_start:%B}",
        show_lines=True,
    )
    table.add_column("Day")
    table.add_column("Plan")
    table.add_column("Minutes", justify="right")
    for day in plan.days:
        label = day.date.strftime("%a %d %b") + (" (today)" if day.date == today else "")
        label += {"flare": "\nflare mode", "paused": "\npaused"}.get(day.mode, "")
        mark = (marks or {}).get(day.date)
        label += f"\n{MARK_WORDS[mark]}" if mark else ""
        # a day before the person started: said short, never as a session owed (as on the web)
        if BEFORE_START_NOTE in day.notes and not mark:
            table.add_row(label, BEFORE_START_NOTE, "")
            continue
        rest = "paused: answer the safety check (upright log)" if day.mode == "paused" else "rest"
        items = "\n".join(f"{i.name}: {dose_text(i)}" for i in day.items) or rest
        table.add_row(label, items, f"{day.minutes:.0f}")
    console.print(table)
    notes(console, plan)
