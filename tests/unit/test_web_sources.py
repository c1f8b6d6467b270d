"""Sources read as a clean list of citations: no working words, no codes, no ".;"."""

from __future__ import annotations

import re

from upright import bootstrap
from upright.web.sources import readable, source_list

LIBRARY = bootstrap.library()
JARGON = re.compile(r"design proposal|our design|\d MET\b|\bx \d|\.;|\bn=\d|\[[VPU]\]")


def test_every_exercise_lists_readable_citations_only() -> None:
    for exercise in LIBRARY.catalog.exercises:
        shown = source_list(exercise.sources, exercise.citations)
        assert shown, exercise.id
        for line in shown:
            assert not JARGON.search(line), line
            assert line.endswith((".", ")")) and ";." not in line, line
        assert not set(shown) & set(exercise.sources), exercise.id  # the working notes stay out


def test_card_notes_are_put_into_plain_words() -> None:
    for card in LIBRARY.catalog.cards:
        for line in source_list(card.sources):
            assert not JARGON.search(line), line
    assert readable("forearm plank 10 s holds x 5-6, a design proposal") == (
        "Forearm plank 10-second holds, 5-6 times; Upright's own cautious choice."
    )
    assert readable("2024 Adult Compendium 17200, brisk walking 4.8 MET") == (
        "2024 Adult Compendium."
    )
    assert readable("selfBACK weekly plan") == "selfBACK weekly plan."
    assert source_list(["a.", "a."]) == ["A."]
