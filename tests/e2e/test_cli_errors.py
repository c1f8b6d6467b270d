"""Mistakes at the command line get one clear line and exit code 2, never a traceback."""

from __future__ import annotations

import socket
from collections.abc import Callable
from subprocess import CompletedProcess

import pytest

from upright.cli.errors import suggestion

Run = Callable[..., CompletedProcess[str]]


def _one_line_error(result: CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_a_mistyped_command_names_the_nearest_one(run: Run) -> None:
    line = _one_line_error(run("todya"))
    assert "todya" in line and "today" in line.replace("todya", "")


def test_an_unknown_command_with_nothing_close_points_to_help(run: Run) -> None:
    line = _one_line_error(run("xyzzyq"))
    assert "upright --help" in line


def test_an_unknown_option_is_named(run: Run) -> None:
    line = _one_line_error(run("today", "--bogus"))
    assert "--bogus" in line


def test_serve_refuses_a_port_out_of_range(run: Run) -> None:
    line = _one_line_error(run("serve", "--port", "99999"))
    assert "--port" in line and "65535" in line


def test_serve_refuses_a_port_in_use_with_a_hint(run: Run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = _one_line_error(run("serve", "--port", str(port)))
    assert f"{port} is already in use" in line and "--port" in line


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("No such command 'wek'.", " Did you mean `upright week`?"),
        ("No such command 'zzzz'.", " `upright --help` lists the commands."),
        ("No such command 'wek'. Did you mean 'week'?", ""),
        ("No such option: --bogus", ""),
    ],
)
def test_suggestion_adds_a_hint_only_when_it_helps(message: str, expected: str) -> None:
    assert suggestion(message, ["today", "week", "why"]) == expected


def test_a_first_run_says_what_to_do_in_words(run: Run) -> None:
    line = _one_line_error(run("today"))
    assert "upright start" in line and "does not know you yet" in line
    assert "'me'" not in line and "unknown profile" not in line


@pytest.mark.parametrize("args", [(), ("buddy",)])
def test_no_command_shows_the_help_and_no_empty_error(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert "Commands" in result.stdout and "Usage:" in result.stdout
    assert "error" not in result.stderr and "Traceback" not in result.stderr


def test_a_group_without_its_command_says_where_the_commands_are(run: Run) -> None:
    line = _one_line_error(run("profile"))
    assert "Missing command" in line and "`upright profile --help`" in line
