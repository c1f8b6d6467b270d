"""What went wrong, in the words of the command line.

The services name a bad value by its place in the data (``session.pain_during``,
``items[0].status``): that is what the API returns and what a profile file's fields are called.
At the command line a person typed an option, so the message names the option and says what it
is in words. Profile fields (files and ``profile edit FIELD=VALUE``) keep their names: the
person typed those names.
"""

from __future__ import annotations

import re

from upright.domain.errors import InvalidInput, NotFound, UprightError

#: a logged session's fields, as `upright log` asks for them
SESSION_FIELDS = {
    "pain_before": "the pain before (--pain-before)",
    "pain_during": "the worst pain during (--pain-during)",
    "pain_after": "the pain after (--pain-after)",
    "effort": "how hard it felt (--effort)",
    "pain_next_morning": "this morning's pain (--morning)",
    "leg_symptoms": "your legs (--legs)",
    "red_flags": "the warning sign (--red-flag)",
    "note": "the note (--note)",
    "date": "the date (--date)",
    "items": "the items",
}
#: an item's fields within a logged session
ITEM_FIELDS = {
    "id": "which exercise it is",
    "status": "how it went",
    "minutes": "the minutes (--minutes)",
    "times": "how many times (--times)",
}
_SESSION_PATH = re.compile(r"session\.(?:items\[(\d+)\]\.)?([a-z_]+)")
_RANGE = re.compile(r"(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def ordinal(n: int) -> str:
    """1 -> "first" ... (then "number 9")."""
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"number {n}"


def field_words(field: str) -> str:
    """A session field's place in words; any other field as it was typed."""
    found = _SESSION_PATH.fullmatch(field)
    if found is None:
        return SESSION_FIELDS.get(field, field)
    item, name = found.groups()
    if item is not None:
        what = ITEM_FIELDS.get(name, name.replace("_", " "))
        return f"{what}, for the {ordinal(int(item) + 1)} item"
    return SESSION_FIELDS.get(name, name.replace("_", " "))


def allowed_words(allowed: str) -> str:
    """What would be accepted, in words: "0-10" -> "a number from 0 to 10"."""
    span = _RANGE.fullmatch(allowed.strip())
    if span is not None:
        return f"a number from {span.group(1)} to {span.group(2)}"
    return allowed


def in_words(error: UprightError) -> str:
    """The one line the command line prints for ``error``."""
    if isinstance(error, NotFound) and error.kind == "exercise":
        hint = error.message.partition(" (")[2].removesuffix(")")
        return f"there is no exercise called '{error.ident}'. {hint}."
    if not isinstance(error, InvalidInput):
        return error.message
    if error.field.startswith("--"):
        if error.field in error.problem:  # the message already says which option
            return error.problem + (
                f"; use {allowed_words(error.allowed)}" if error.allowed else ""
            )
        subject = error.field  # the option the person typed
    elif _SESSION_PATH.fullmatch(error.field) or error.field == "pain_next_morning":
        subject = field_words(error.field)
    else:
        return error.message  # a profile field or a setting: the name the person typed
    text = f"{subject}: {error.problem}"
    if error.allowed:
        text += f"; use {allowed_words(error.allowed)}"
    return text
