"""The `upright` command: a Typer app; each area registers its commands here."""

from __future__ import annotations

import typer

from upright.cli import errors, onboarding, plan_cmds, serve

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
app.command("serve")(serve.serve)


def main() -> None:
    errors.run(app)
