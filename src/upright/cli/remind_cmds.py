"""`upright remind`: set reminders, or send what is due now (for cron or a systemd timer)."""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from upright.cli.context import services
from upright.domain.errors import InvalidInput
from upright.domain.reminders import ReminderSettings
from upright.services import reminder_feed, reminder_system, reminders

console = Console(highlight=False)


def local_zone() -> str:
    """This computer's time-zone name (TZ, or where /etc/localtime points), else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        return name
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"


def parse_now(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            "--now", f"'{raw}' is not a date and time", "e.g. 2026-11-25T08:00+00:00"
        ) from None
    return when if when.tzinfo else when.astimezone()


def _quiet(raw: str) -> dict[str, Any]:
    if raw.strip().lower() in ("off", "none", ""):
        return {"quiet_start": None, "quiet_end": None}
    start, sep, end = raw.partition("-")
    if not sep:
        raise InvalidInput(
            "--quiet", f"'{raw}' is not a span of time", "HH:MM-HH:MM, e.g. 22:00-07:00, or off"
        )
    return {"quiet_start": start.strip(), "quiet_end": end.strip()}


def describe(settings: ReminderSettings | None, email: str | None) -> list[str]:
    if settings is None:
        return [
            "Reminders are not set up yet. Try: upright remind --time 08:00 --channels email --email you@example.org"
        ]
    days = ", ".join(d.capitalize() for d in settings.days) or "no days"
    lines = [
        f"Reminders are {'on' if settings.enabled else 'off'}: {days} at {settings.at:%H:%M} ({settings.timezone}).",
        "Channels: " + (", ".join(settings.channels) or "none yet") + ".",
    ]
    if settings.quiet_start and settings.quiet_end:
        lines.append(f"Quiet hours: {settings.quiet_start:%H:%M} to {settings.quiet_end:%H:%M}.")
    if "email" in settings.channels:
        lines.append(f"E-mail goes to {email}.")
    if "apprise" in settings.channels and settings.apprise_url:
        kind = settings.apprise_url.split("://", 1)[0]
        lines.append(f"Apprise sends to your {kind} address.")
    return lines


def remind(
    days: Annotated[
        str | None, typer.Option(help="Days, e.g. mon,wed,fri (default: your plan's days).")
    ] = None,
    time: Annotated[
        str | None, typer.Option("--time", help="Time of day, HH:MM (24-hour).")
    ] = None,
    quiet: Annotated[
        str | None, typer.Option(help="Quiet hours, e.g. 22:00-07:00, or off.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="Time zone, e.g. Europe/London (default: this computer's).")
    ] = None,
    channels: Annotated[
        str | None,
        typer.Option(help="Where reminders go: email, push, calendar (comma-separated)."),
    ] = None,
    email: Annotated[str | None, typer.Option(help="The e-mail address for reminders.")] = None,
    apprise: Annotated[
        str | None,
        typer.Option(help="With the apprise channel: where to send, e.g. ntfy://my-topic."),
    ] = None,
    off: Annotated[
        bool, typer.Option("--off", help="Turn reminders off (settings are kept).")
    ] = False,
    on: Annotated[bool, typer.Option("--on", help="Turn reminders back on.")] = False,
    due: Annotated[
        bool, typer.Option("--due", help="Send what is due now, then exit (for cron).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="With --due: show what would be sent, send nothing.")
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    now: Annotated[
        str | None,
        typer.Option(help="With --due: act as if it were this moment (ISO 8601), for trials."),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="Save the coming weeks' sessions to this .ics file, once."),
    ] = None,
) -> None:
    """Set reminders (days, time, quiet hours, time zone, channels), or send what is due now."""
    svc = services()
    uow: Any = svc.uow
    if due:
        moment = parse_now(now) or datetime.now(UTC)
        _due(svc, uow, moment, dry_run, json_out)
        return
    if ics is not None:
        current, _ = reminders.show(uow(), svc.actor, svc.actor.person_id)
        moment = svc.clock.now()
        sessions = reminder_feed.feed_sessions(
            uow(), svc.actor, svc.actor.person_id, svc.library, moment, current
        )
        from upright.adapters.notify.calendar import calendar_bytes

        ics.write_bytes(
            calendar_bytes(sessions, current.timezone if current else local_zone(), moment)
        )
        console.print(f"Saved {len(sessions)} sessions to {ics}. Open it with your calendar app.")
        return
    if dry_run or now:
        option = "--dry-run" if dry_run else "--now"
        raise InvalidInput(option, "only works with --due", f"upright remind --due {option} ...")
    changes: dict[str, Any] = {}
    if days is not None:
        changes["days"] = days
    if time is not None:
        changes["time"] = time
    if quiet is not None:
        changes.update(_quiet(quiet))
    if timezone is not None:
        changes["timezone"] = timezone
    if channels is not None:
        changes["channels"] = channels
    if email is not None:
        changes["email"] = email
    if apprise is not None:
        changes["apprise_url"] = apprise
    if off or on:
        changes["enabled"] = on and not off
    current, address = reminders.show(uow(), svc.actor, svc.actor.person_id)
    if changes:
        if current is None and "timezone" not in changes:
            changes["timezone"] = local_zone()
        current = reminders.configure(
            uow(), svc.actor, svc.actor.person_id, changes, svc.clock.now()
        )
        current, address = reminders.show(uow(), svc.actor, svc.actor.person_id)
    if json_out:
        typer.echo(
            json.dumps(
                {"settings": current.to_dict() if current else None, "email": address}, indent=2
            )
        )
        return
    for line in describe(current, address):
        console.print(line)
    if current is not None and "email" in current.channels and not svc.settings.smtp_url:
        console.print(
            "E-mail needs a mail server: set UPRIGHT_SMTP_URL (for example "
            "smtp+starttls://user:password@smtp.example.org:587), or nothing can be sent."
        )


def _due(svc: Any, uow: Any, moment: datetime, dry_run: bool, json_out: bool) -> None:
    if dry_run:
        found = reminder_system.queue_due(uow(), svc.library, moment, dry_run=True)
        if json_out:
            typer.echo(json.dumps({"dry_run": True, "due": found}, indent=2))
            return
        if not found:
            console.print("Nothing is due now.")
        for item in found:
            console.print(f"Would send ({', '.join(item['channels'])}): {item['text']}")
        return
    worker = f"{socket.gethostname()}-{os.getpid()}"
    from upright import bootstrap  # deferred: the command line starts quickly

    report = bootstrap.send_due_reminders(svc, moment, worker)
    if json_out:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        console.print(
            f"Sent {report.sent}; waiting to retry {report.retrying}; given up {report.failed}."
        )
        for error in report.errors:
            console.print(f"  {error}")
    if report.errors and not report.sent:
        raise typer.Exit(1)
