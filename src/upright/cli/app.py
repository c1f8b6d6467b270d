"""The `upright` command. ``main`` runs it with commands that load when they run (``lazy``);
``app`` is the same command as one Typer app with everything loaded (tests and docs read it)."""

from __future__ import annotations

from importlib import import_module

import typer

from upright.cli.commands import COMMANDS, HELP

app = typer.Typer(
    name="upright",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _entry in COMMANDS:
    _found = getattr(import_module(_entry.module), _entry.attribute)
    if isinstance(_found, typer.Typer):
        app.add_typer(_found, name=_entry.name)
    else:
        app.command(_entry.name)(_found)


def main() -> None:
    from upright.cli.launch import main as launch

    launch()
