"""The `upright` console script: the everyday commands start without loading every other one.

``upright today``, ``week`` and ``log`` build a Typer app holding just that command (loading all
command modules, with their reports, templates and importers, costs more than `today` itself).
Everything else, and any ``--help``, goes to the whole app in ``upright.cli.app``.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

#: command name -> (module, function) for the commands run many times a day
QUICK = {
    "today": ("upright.cli.plan_cmds", "today"),
    "week": ("upright.cli.plan_cmds", "week"),
    "log": ("upright.cli.log_cmds", "log"),
}
_HELP = {"--help", "-h"}


def quick_command(argv: list[str]) -> tuple[str, str, str] | None:
    """The quick command asked for (name, module, function), or None for the whole app."""
    if not argv or argv[0] not in QUICK or _HELP.intersection(argv[1:]):
        return None
    return (argv[0], *QUICK[argv[0]])


def main() -> None:
    found = quick_command(sys.argv[1:])
    if found is None:
        from upright.cli.app import main as whole

        whole()
        return
    # pydantic looks for plugins (observability hooks) in every installed package's metadata
    # when the settings class is built: 0.03 CPU-seconds, and Upright uses none. Anyone who wants
    # one in the CLI sets PYDANTIC_DISABLE_PLUGINS to an empty value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    import typer

    from upright.cli import errors

    name, module, function = found
    app = typer.Typer(name="upright", add_completion=False, pretty_exceptions_enable=False)
    app.callback()(_group)  # keeps the command a sub-command: `upright today`, as in the whole app
    app.command(name)(getattr(import_module(module), function))
    errors.run(app, [name])


def _group() -> None:
    """Upright: a safe, personal back-health exercise plan. Not medical advice."""
