"""The `upright` console script.

Every command loads only its own module (``lazy``): `upright --help` lists them all from
``commands.COMMANDS`` without importing any. `upright today` first tries the saved answer
(``today_cache``): when nothing it was made from has changed, it is printed as it was, without
loading the database layer or the settings.
"""

from __future__ import annotations

import os
import sys

#: the commands run many times a day
QUICK = frozenset({"today", "week", "log"})


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] and argv[0] in QUICK:
        # pydantic looks for plugins (observability hooks) in every installed package's
        # metadata when the settings class is built: 0.03 CPU-seconds, and Upright uses none.
        # Anyone who wants one in the CLI sets PYDANTIC_DISABLE_PLUGINS to an empty value.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if argv[:1] == ["today"]:
        from upright.cli import today_cache

        if today_cache.replay(argv, os.environ, sys.stdout):
            return
        today_cache.record(argv, os.environ, _run)
        return
    _run()
    if _changes_today(argv):
        _after_change()


#: commands after which `upright today` says something new (a log, new answers, new walks)
CHANGES_TODAY = (["log"], ["start"], ["profile", "edit"], ["import"], ["clearance"])


def _changes_today(argv: list[str]) -> bool:
    return "--help" not in argv and any(argv[: len(c)] == c for c in CHANGES_TODAY)


def _after_change() -> None:
    """The command succeeded: today's answer is made now (silently), with the database and
    services this run already opened, so the next `upright today` prints it at once."""
    from upright.cli import today_cache

    def render() -> None:
        from upright.cli import plan_cmds  # only when the answer must be made again

        plan_cmds.today(None)

    today_cache.refresh(os.environ, render)


def _run() -> None:
    from upright.cli import errors, help_words
    from upright.cli.commands import NAMES
    from upright.cli.lazy import group

    help_words.install()
    errors.run(group(), NAMES)
