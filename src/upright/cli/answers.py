"""The answers to `upright start`'s questions: menus in words, what a typed answer means, and
whether anything can answer at all (a terminal, or input piped in)."""

from __future__ import annotations

import select
import sys
from collections.abc import Callable
from typing import Any

import click

from upright.domain.errors import InvalidInput


def words(raw: str, allowed: tuple[str, ...]) -> list[str]:
    """Numbers of the menu (or the stored words themselves) -> the stored words."""
    out = []
    for token in str(raw).replace(",", " ").split():
        if token.isdigit() and 1 <= int(token) <= len(allowed):
            out.append(allowed[int(token) - 1])
        elif token.lower() not in ("none", "-", "no"):
            out.append(token.lower())
    return out


def one(raw: str, allowed: tuple[str, ...]) -> str:
    """One number of the menu (or the stored word itself) -> the stored word."""
    text = str(raw).strip()
    if text.isdigit() and 1 <= int(text) <= len(allowed):
        return allowed[int(text) - 1]
    return text.lower()


def numbers(chosen: list[str] | str | None, allowed: tuple[str, ...]) -> str:
    """The menu numbers of earlier answers, as the default of a question."""
    words = [chosen] if isinstance(chosen, str) else list(chosen or [])
    return ",".join(str(allowed.index(w) + 1) for w in words if w in allowed)


def menu(allowed: tuple[str, ...]) -> str:
    """The choices as a person reads them, one numbered line each."""
    from upright.domain.labels import label  # the same words as the web's questions

    return "\n".join(f"  {n}) {label(word)}" for n, word in enumerate(allowed, 1))


def optional_int(raw: str) -> int | str | None:
    text = str(raw).strip()
    return None if text in ("", "none", "-") else text


#: `upright start` with nothing to read the answers from
NO_TERMINAL = (
    "upright start asks its questions at a terminal, and there is none here (or the input "
    "ended); give the answers in a file instead: upright start --profile FILE (TOML or JSON)"
)
NO_TERMINAL_EDIT = (
    "upright profile edit asks its questions at a terminal, and there is none here (or the "
    "input ended); give the changes instead, for example: upright profile edit pain_now=3"
)


def no_answers() -> bool:
    """Nothing can answer the questions: no input at all, or input that has already ended.

    Answers piped in (a script, a test) are read as typed; only an input that is closed or
    empty from the start is refused, before a first question is printed.
    """
    stream = sys.stdin
    if stream is None or stream.closed:
        return True
    try:
        if stream.isatty():
            return False
        ready, _, _ = select.select([stream], [], [], 0)
        buffer = getattr(stream, "buffer", None)
        if not ready or buffer is None or not hasattr(buffer, "peek"):
            return False  # answers may still come: ask, as before
        return bool(buffer.peek(1) == b"")
    except (OSError, ValueError):
        return False


def asked(
    questions: Callable[[dict[str, Any] | None], tuple[dict[str, Any], bool]],
    previous: dict[str, Any] | None,
) -> tuple[dict[str, Any], bool]:
    """The answers; input that ends before the last question is a mistake, said in one line
    (exit 2), except at a terminal, where stopping (Ctrl-D) is the person's choice."""
    try:
        return questions(previous)
    except click.exceptions.Abort:
        if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
            raise
        click.echo()  # end the question line the input left open
        raise InvalidInput("--profile", NO_TERMINAL) from None


#: profile fields whose values are stored words; shown in plain words, the stored word beside
#: it (``profile edit FIELD=VALUE`` takes the stored word)
WORDED = frozenset({"conditions", "clearance", "restrictions", "equipment", "prefers", "days"})


def shown_value(key: str, value: Any) -> str:
    from upright.domain.labels import label  # the same words as the web's questions

    values = value if isinstance(value, list) else [value]
    if key in WORDED:
        return ", ".join(f"{label(str(v))} ({v})" for v in values)
    return ", ".join(str(v) for v in values)
