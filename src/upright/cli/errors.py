"""The CLI's one translation of errors into a message and an exit code. No tracebacks."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from upright.cli.error_words import in_words
from upright.domain.errors import (
    AuthError,
    CatalogError,
    InvalidInput,
    NotFound,
    RedFlagDetected,
    StorageError,
    UprightError,
)

EXIT_CODES: dict[type[UprightError], int] = {
    InvalidInput: 2,
    NotFound: 2,
    RedFlagDetected: 3,
    StorageError: 4,
    CatalogError: 5,
    AuthError: 6,
}


def _usage_errors() -> tuple[type[BaseException], ...]:
    """Typer 0.29 and later raise exceptions from their own copy of click, which are not the
    click package's classes; a command that uses click itself raises click's. Both families are
    caught so a mistyped command never shows a traceback. click's are looked up only if click
    was loaded (nothing else can raise them), which keeps it off `upright --help`."""
    kinds: list[type[BaseException]] = [
        kind for kind in (getattr(typer, "TyperException", None),) if isinstance(kind, type)
    ]
    click = sys.modules.get("click")
    if click is not None:
        kinds.append(click.ClickException)
    return tuple(kinds)


def _aborts() -> tuple[type[BaseException], ...]:
    click = sys.modules.get("click")
    return (typer.Abort,) if click is None else (typer.Abort, click.exceptions.Abort)


_NO_SUCH_COMMAND = re.compile(r"No such command '([^']*)'")


def exit_code(error: UprightError) -> int:
    for kind, code in EXIT_CODES.items():
        if isinstance(error, kind):
            return code
    return 1


def suggestion(message: str, commands: Iterable[str]) -> str:
    """A "did you mean" hint for a mistyped command, or an empty string."""
    match = _NO_SUCH_COMMAND.search(message)
    if match is None or "did you mean" in message.lower():
        return ""
    close = difflib.get_close_matches(match.group(1), sorted(commands), n=1, cutoff=0.5)
    if close:
        return f" Did you mean `upright {close[0]}`?"
    return " `upright --help` lists the commands."


def _missing_command(error: BaseException, message: str) -> str:
    """Where the commands of a group are listed, after "Missing command."."""
    if not message.startswith("Missing command"):
        return ""
    path = getattr(getattr(error, "ctx", None), "command_path", None) or "upright"
    return f" `{path} --help` lists its commands."


def _message(error: BaseException) -> str:
    format_message = getattr(error, "format_message", None)
    text = format_message() if callable(format_message) else str(error)
    return " ".join(str(text).split())


def run(app: Callable[..., Any], commands: Iterable[str] = ()) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        result = app(standalone_mode=False)
    except UprightError as error:
        err.print(f"[bold red]error:[/] {escape(in_words(error))}")
        sys.exit(exit_code(error))
    except _aborts():
        err.print(
            "[bold red]error:[/] stopped: the input ended before every question was answered."
        )
        sys.exit(130)
    except _usage_errors() as error:
        message = _message(error)
        if message:  # empty: the help was asked for by giving no command, and is shown
            hint = suggestion(message, commands) + _missing_command(error, message)
            err.print(f"[bold red]error:[/] {escape(message + hint)}")
        code = getattr(error, "exit_code", 2)
        sys.exit(code if isinstance(code, int) else 2)
    except KeyboardInterrupt:
        err.print("stopped.")
        sys.exit(130)
    if isinstance(result, int) and result:
        sys.exit(result)
