"""The console script lists every command without loading them, and loads only the one it runs."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest
import typer.main

from upright.cli import help_words
from upright.cli.app import app
from upright.cli.commands import COMMANDS, NAMES
from upright.cli.lazy import Commands, LazyGroup, group


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "110")
    help_words.install()
    yield


def _output(command: object, args: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit, Exception):
        command.main(args, prog_name="upright", standalone_mode=False)  # type: ignore[attr-defined]
    return out.getvalue()


def test_the_table_holds_every_command_of_the_whole_app_in_order() -> None:
    whole = typer.main.get_command(app)
    assert isinstance(whole, typer.core.TyperGroup)
    assert list(whole.commands) == list(NAMES)
    for entry in COMMANDS:
        real = whole.commands[entry.name]
        first = (real.help or "").split("\n\n")[0]
        assert " ".join(first.split()) == entry.help, entry.name


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        [],
        ["today", "--help"],
        ["profile", "--help"],
        ["profile", "edit", "--help"],
        ["clinician", "--help"],
        ["serve", "--help"],
        ["import", "--help"],
        ["buddy", "--help"],
    ],
)
def test_help_reads_as_the_whole_app_s(args: list[str]) -> None:
    lazy = _output(group(), args)
    assert "Usage: upright" in lazy
    assert lazy == _output(typer.main.get_command(app), args)


def test_listing_loads_nothing_and_running_loads_one_command() -> None:
    lazy = group()
    assert isinstance(lazy, LazyGroup) and isinstance(lazy.commands, Commands)
    _output(lazy, ["--help"])
    assert lazy.commands.loaded == {}
    _output(lazy, ["week", "--help"])
    assert list(lazy.commands.loaded) == ["week"]
    assert lazy.commands["week"].callback.__name__ == "week"


def test_a_mistyped_command_gets_the_nearest_name() -> None:
    with pytest.raises(Exception, match=r"No such command 'todya'. Did you mean 'today'"):
        group().main(["todya"], prog_name="upright", standalone_mode=False)


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        (["log", "--all"], True),
        (["start", "--profile", "p.toml"], True),
        (["profile", "edit", "pain_now=3"], True),
        (["import", "walk.gpx"], True),
        (["clearance"], True),
        (["log", "--help"], False),
        (["profile", "show"], False),
        (["today"], False),
        (["week"], False),
        ([], False),
    ],
)
def test_today_s_answer_is_made_again_after_the_commands_that_change_it(
    argv: list[str], changes: bool
) -> None:
    from upright.cli.launch import _changes_today

    assert _changes_today(argv) is changes
