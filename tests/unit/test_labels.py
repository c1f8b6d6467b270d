"""The words of the choices: one table, read by the web's questions and the command line's menus."""

from __future__ import annotations

from upright.cli.answers import menu, shown_value
from upright.domain import vocab
from upright.domain.labels import LABELS, label
from upright.web import views

CHOSEN_FROM = (
    vocab.CONDITIONS,
    vocab.CLEARANCE,
    tuple(vocab.RESTRICTIONS),
    vocab.EQUIPMENT,
    vocab.PREFERS,
    vocab.DAYS,
)


def test_every_word_a_person_chooses_from_has_its_own_label() -> None:
    missing = [word for words in CHOSEN_FROM for word in words if word not in LABELS]
    assert missing == []
    assert all(label(word) != word for words in CHOSEN_FROM for word in words)


def test_a_band_is_a_resistance_band_and_unknown_words_fall_back_to_themselves() -> None:
    assert label("band") == "A resistance band"
    assert label("whole_body") == "Whole body"  # not in the table: the word, capitalised


def test_the_web_reads_the_same_table() -> None:
    assert views.label is label and views.LABELS is LABELS
    assert views.label("band") == "A resistance band"


def test_the_command_line_menus_say_the_same_words() -> None:
    said = menu(vocab.EQUIPMENT)
    assert f"  {vocab.EQUIPMENT.index('band') + 1}) A resistance band" in said.splitlines()
    assert "Band" not in said
    assert shown_value("equipment", ["mat", "band"]) == "A mat (mat), A resistance band (band)"
