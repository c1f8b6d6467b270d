"""Every `upright` command: its name, where it lives and its one-line help, in help order.

The table lets `upright --help` list every command without importing any of them (importing all
command modules costs more than most commands take to run); a command's module loads only when
that command runs or shows its own help. ``tests/unit/test_cli_commands.py`` checks each line
against the real command, so the help listed here is the help the command has.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    name: str
    module: str
    #: a command function, or a Typer app holding sub-commands
    attribute: str
    #: the first paragraph of the command's help, as `upright --help` lists it
    help: str


HELP = "Upright: a safe, personal back-health exercise plan. Not medical advice."

_CLI = "upright.cli."
COMMANDS: tuple[Entry, ...] = (
    Entry("start", _CLI + "onboarding", "start",
          "Answer the onboarding questions and get your plan."),
    Entry("today", _CLI + "plan_cmds", "today",
          "Show today's session: each item, its dose, how to do it and why."),
    Entry("week", _CLI + "plan_cmds", "week", "Show the 7 days of this week."),
    Entry("why", _CLI + "plan_cmds", "why",
          "Explain an item of your plan or an excluded exercise: the rule, the condition, "
          "the source."),
    Entry("exercises", _CLI + "plan_cmds", "exercises",
          "List the exercise catalog, marking what is not for you and why."),
    Entry("plan", _CLI + "plan_cmds", "plan",
          "Compute a plan from a profile file, with no stored state."),
    Entry("log", _CLI + "log_cmds", "log",
          "Record a session: each item done, partly done or skipped, pain and effort."),
    Entry("progress", _CLI + "progress_cmds", "progress",
          "How the weeks went: sessions, walking against the goal, pain, levels and your "
          "streak."),
    Entry("simulate", _CLI + "progress_cmds", "simulate_cmd",
          "Run a virtual person through the real engine and show the doses week by week."),
    Entry("export", _CLI + "progress_cmds", "export", "Export everything you entered."),
    Entry("forget", _CLI + "progress_cmds", "forget",
          "Delete everything you entered (profiles, sessions, plans, activities)."),
    Entry("serve", _CLI + "serve", "serve",
          "Serve the web app (default http://127.0.0.1:8000)."),
    Entry("outcomes", _CLI + "outcome_cmds", "outcomes",
          "Short questions about your pain and what it stops you doing: what is due, and your "
          "scores."),
    Entry("sheet", _CLI + "doctor_cmds", "sheet",
          "A one-page sheet to take to your doctor: your answers, the proposed program, boxes "
          "to tick."),
    Entry("clearance", _CLI + "doctor_cmds", "clearance",
          "Enter the clinician's answers from the clearance sheet; the plan follows them at "
          "once."),
    Entry("report", _CLI + "doctor_cmds", "report",
          "A progress report for your doctor: one or two pages they can read in a minute."),
    Entry("remind", _CLI + "remind_cmds", "remind",
          "Set reminders (days, time, quiet hours, time zone, channels), or send what is due "
          "now."),
    Entry("worker", _CLI + "worker_cmd", "worker",
          "Run a background worker (PostgreSQL only): sends due reminders, retries failed "
          "ones."),
    Entry("replan", _CLI + "replan_cmd", "replan",
          "Re-plan everyone's week as background jobs, one job per batch of people."),
    Entry("reset-link", _CLI + "account_cmds", "reset_link",
          "Make a link for an account's owner to choose a new password (server mode)."),
    Entry("import", _CLI + "imports", "import_command",
          "Import walks, rides and swims that a phone or watch recorded (or a clinician's "
          "FHIR Bundle)."),
    Entry("activities", _CLI + "imports", "activities_command", "List the imported activities."),
    Entry("profile", _CLI + "onboarding", "profile_app",
          "Show or change your profile (every change is kept as history)."),
    Entry("clinician", _CLI + "doctor_cmds", "clinician_app",
          "Server administration: which accounts are clinicians'."),
    Entry("classes", _CLI + "classes_cmds", "classes_app",
          "Group exercise classes from a park district or leisure centre calendar."),
    Entry("buddy", _CLI + "buddy_cmds", "buddy_app",
          "Exercise with a friend: walk invites, buddies and encouragement."),
    Entry("group", _CLI + "group_cmds", "group_app",
          "Group walks: start or join a group, answer, and say you went."),
)  # fmt: skip

NAMES: tuple[str, ...] = tuple(entry.name for entry in COMMANDS)
