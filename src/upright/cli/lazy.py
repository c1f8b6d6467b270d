"""The `upright` group with commands that load when they run.

`upright --help` lists every command from ``commands.COMMANDS`` (name and one-line help) and
imports none of their modules. When a command runs, or shows its own help, its module is
imported and Typer builds the real command from it, exactly as the whole app does. A mistyped
command still gets Typer's "did you mean" from the names alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from importlib import import_module
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from upright.cli.commands import COMMANDS, HELP, Entry


def build_command(entry: Entry) -> Any:
    """The click command Typer makes from the entry's function or Typer app."""
    found = getattr(import_module(entry.module), entry.attribute)
    # wrapped as the whole app wraps it: one more Typer, without completion options
    single = typer.Typer(add_completion=False)
    if isinstance(found, typer.Typer):
        single.add_typer(found, name=entry.name)
    else:
        single.command(entry.name)(found)
    single.callback()(_root)
    built: Any = typer.main.get_command(single)
    command = built.commands[entry.name]
    command.name = entry.name
    return command


class Commands(MutableMapping[str, Any]):
    """Command name -> click command: a stand-in holding the help until the command is loaded."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = {entry.name: entry for entry in entries}
        self.loaded: dict[str, Any] = {}

    def load(self, name: str) -> Any:
        if name not in self.loaded:
            self.loaded[name] = build_command(self.entries[name])
        return self.loaded[name]

    def __getitem__(self, name: str) -> Any:
        if name in self.loaded:
            return self.loaded[name]
        entry = self.entries[name]
        return TyperCommand(entry.name, help=entry.help)

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command
        if name not in self.entries:
            self.entries[name] = Entry(name, "", "", command.help or "")

    def __delitem__(self, name: str) -> None:
        del self.entries[name]
        self.loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


class LazyGroup(TyperGroup):
    """A Typer group whose commands load when they are resolved (run or asked for help)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None and isinstance(self.commands, Commands):
            command = self.commands.load(name)
        return name, command, rest


def _root() -> None:
    """Upright: a safe, personal back-health exercise plan. Not medical advice."""


def group(entries: Iterable[Entry] = COMMANDS) -> LazyGroup:
    """The `upright` command with every entry listed and none loaded."""
    root = typer.Typer(
        name="upright",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        cls=LazyGroup,
    )
    root.callback()(_root)
    built = typer.main.get_command(root)
    if not isinstance(built, LazyGroup):  # pragma: no cover - Typer honours cls for groups
        raise TypeError("Typer did not build the lazy group")
    built.commands = Commands(entries)
    return built
