"""CSV exports never hand a spreadsheet a formula (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import base_profile
from tests.fakes import FakeUnitOfWork
from upright.services import logging as log_service
from upright.services import planning
from upright.services.access import Actor
from upright.services.export import FORMULA_START, export_csv, neutralise
from upright.services.library import Library

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 8, tzinfo=UTC)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert neutralise(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("text", ["walk was fine", "'quoted", " =later", "1-2", ""])
def test_plain_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_numbers_stay_numbers() -> None:
    assert neutralise(-3) == -3 and neutralise(None) is None


@given(st.text(max_size=30))
def test_a_neutralised_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_START)
    assert cell.removeprefix("'") == text or cell == text


def test_a_hyperlink_note_is_exported_as_text(library: Library) -> None:
    uow = FakeUnitOfWork()
    planning.save_profile(uow, Actor(1), 1, base_profile(), NOW)
    note = '=HYPERLINK("http://evil.example","x")'
    entry = {"date": "2026-11-24", "items": [{"id": "walking", "minutes": 5}], "note": note}
    log_service.log_session(uow, Actor(1), 1, entry, TODAY, library)
    rows = list(csv.DictReader(io.StringIO(export_csv(uow, Actor(1), 1))))
    assert rows[0]["note"] == "'" + note
    assert rows[0]["item"] == "walking" and rows[0]["minutes"] == "5"
