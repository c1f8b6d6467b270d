"""`--help` in words: no `<bool>` beside a flag, no `<list[str]>` beside a repeatable option.

Typer 0.29 prints the Python type of every option in its help table. People read "text" or
"number", and a flag needs no type at all. Applied once, before the help is drawn; a Typer
without these hooks is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

#: Python type names as a person reads them
WORDS = {"str": "text", "int": "number", "float": "number", "path": "file", "bool": "yes|no"}


def plain_type(text: str | None, is_flag: bool) -> str | None:
    """The type column of one option, in words (None: show nothing)."""
    if text is None or is_flag:
        return None
    inner = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    listed = re.fullmatch(r"list\[(.*)\]", inner)
    if listed:
        inner = listed.group(1)
    words = "|".join(WORDS.get(part, part) for part in inner.split("|"))
    return f"<{words}>"


def install() -> None:
    try:
        from typer.core import TyperArgument, TyperOption
    except ImportError:  # an older Typer: its help has no type column to fix
        return
    for kind in (TyperOption, TyperArgument):
        original = getattr(kind, "display_type_rich", None)
        if original is None or getattr(original, "_plain_words", False):
            continue

        def display(self: Any, ctx: Any, _original: Any = original) -> str | None:
            return plain_type(_original(self, ctx), bool(getattr(self, "is_flag", False)))

        display._plain_words = True  # type: ignore[attr-defined]
        kind.display_type_rich = display  # type: ignore[method-assign]
