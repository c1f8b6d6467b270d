"""A field's path is said in words: the API's ``field`` keeps the path, people read the words."""

from __future__ import annotations

import pytest

from upright.domain.errors import InvalidInput
from upright.web.form_checks import FormProblems, field_words, message_of


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("pain_during", "Worst pain during"),
        ("session.pain_during", "Worst pain during"),
        ("session.items", "The exercises"),
        ("items[0].status", "How it went (exercise 1)"),
        ("session.items[2].minutes", "Minutes (exercise 3)"),
        ("items[1].id", "Exercise 2"),
        ("days[0]", "Free days"),
        ("status.walking", "How it went"),
        ("profile.age", "Your age"),
        ("nothing_known", None),
        ("items[0].nothing_known", "The exercises"),
    ],
)
def test_field_words(field: str, words: str | None) -> None:
    assert field_words(field) == words


def test_a_message_names_the_field_in_words_and_lists_codes_only_for_programs() -> None:
    error = InvalidInput("session.clearance", "unknown value 'x'", ["cleared", "not_yet"])
    assert message_of(error) == "The clearance: unknown value 'x'."
    assert message_of(error, codes=True) == (
        "The clearance: unknown value 'x' (allowed: cleared, not_yet)."
    )
    ranged = InvalidInput("session.pain_after", "12 is out of range", "0-10")
    assert message_of(ranged) == "Pain after: 12 is out of range (from 0 to 10)."
    many = FormProblems({"age": "Your age: 200 is out of range.", "days": "Free days: tick one."})
    assert message_of(many) == "Your age: 200 is out of range."
    assert message_of(ValueError("plain")) == "plain"
