"""The `upright` command: a Typer app; each area registers its commands here."""

from __future__ import annotations

import typer

from upright.cli import (
    account_cmds,
    buddy_cmds,
    classes_cmds,
    doctor_cmds,
    errors,
    group_cmds,
    help_words,
    imports,
    log_cmds,
    onboarding,
    outcome_cmds,
    plan_cmds,
    progress_cmds,
    remind_cmds,
    replan_cmd,
    serve,
    worker_cmd,
)

app = typer.Typer(
    name="upright",
    help="Upright: a safe, personal back-health exercise plan. Not medical advice.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("start")(onboarding.start)
app.add_typer(onboarding.profile_app, name="profile")
app.command("today")(plan_cmds.today)
app.command("week")(plan_cmds.week)
app.command("why")(plan_cmds.why)
app.command("exercises")(plan_cmds.exercises)
app.command("plan")(plan_cmds.plan)
app.command("log")(log_cmds.log)
app.command("progress")(progress_cmds.progress)
app.command("simulate")(progress_cmds.simulate_cmd)
app.command("export")(progress_cmds.export)
app.command("forget")(progress_cmds.forget)
app.command("serve")(serve.serve)
app.command("outcomes")(outcome_cmds.outcomes)
app.command("sheet")(doctor_cmds.sheet)
app.command("clearance")(doctor_cmds.clearance)
app.command("report")(doctor_cmds.report)
app.add_typer(doctor_cmds.clinician_app, name="clinician")
app.command("remind")(remind_cmds.remind)
app.command("worker")(worker_cmd.worker)
app.command("replan")(replan_cmd.replan)
app.command("reset-link")(account_cmds.reset_link)
imports.register(app)
app.add_typer(classes_cmds.classes_app, name="classes")
app.add_typer(buddy_cmds.buddy_app, name="buddy")
app.add_typer(group_cmds.group_app, name="group")


def _command_names() -> list[str]:
    names = [c.name or "" for c in app.registered_commands]
    names += [g.name or "" for g in app.registered_groups]
    return [n for n in names if n]


def main() -> None:
    help_words.install()
    errors.run(app, _command_names())
