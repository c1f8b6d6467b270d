"""`--help` speaks in words: flags show no type, repeatable options show what one value is."""

from __future__ import annotations

import pytest

from upright.cli.help_words import plain_type


@pytest.mark.parametrize(
    ("shown", "is_flag", "words"),
    [
        ("<bool>", True, None),
        ("<bool>", False, "<yes|no>"),
        ("<list[str]>", False, "<text>"),
        ("<str>", False, "<text>"),
        ("<int>", False, "<number>"),
        ("<float>", False, "<number>"),
        ("<list[int]>", False, "<number>"),
        ("<walking|cycling>", False, "<walking|cycling>"),
        (None, False, None),
    ],
)
def test_a_type_in_words(shown: str | None, is_flag: bool, words: str | None) -> None:
    assert plain_type(shown, is_flag) == words
