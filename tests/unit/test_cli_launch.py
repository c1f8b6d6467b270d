"""The console script runs the everyday commands without loading every other command."""

from __future__ import annotations

from upright.cli.app import app
from upright.cli.launch import QUICK, quick_command


def test_everyday_commands_start_alone() -> None:
    assert quick_command(["today"]) == ("today", "upright.cli.plan_cmds", "today")
    assert quick_command(["log", "--all", "--date", "2026-11-02"]) == (
        "log", "upright.cli.log_cmds", "log",
    )  # fmt: skip
    assert quick_command(["week", "--date", "2026-11-02"]) is not None


def test_help_other_commands_and_mistakes_go_to_the_whole_app() -> None:
    for argv in ([], ["--help"], ["today", "--help"], ["log", "-h"], ["start"], ["todya"]):
        assert quick_command(argv) is None, argv


def test_each_quick_command_is_the_one_the_whole_app_runs() -> None:
    registered = {c.name: c.callback for c in app.registered_commands}
    for name, (module, function) in QUICK.items():
        callback = registered[name]
        assert callback is not None
        assert (callback.__module__, callback.__name__) == (module, function)
