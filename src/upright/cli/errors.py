"""The CLI's one translation of errors into a message and an exit code. No tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

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


def exit_code(error: UprightError) -> int:
    for kind, code in EXIT_CODES.items():
        if isinstance(error, kind):
            return code
    return 1


def run(app: Callable[..., Any]) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        result = app(standalone_mode=False)
    except UprightError as error:
        err.print(f"[bold red]error:[/] {escape(error.message)}")
        sys.exit(exit_code(error))
    except click.exceptions.Abort:
        err.print(
            "[bold red]error:[/] stopped: the input ended before every question was answered."
        )
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err.print("stopped.")
        sys.exit(130)
    if isinstance(result, int) and result:
        sys.exit(result)
