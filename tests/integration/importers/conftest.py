from __future__ import annotations

from pathlib import Path

import pytest

from upright.adapters.importers import DeviceFileReader, ParsedFile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "real"


def fixture(relative: str) -> Path:
    path = FIXTURES / relative
    assert path.exists(), path
    return path


def read(path: Path | str) -> ParsedFile:
    return DeviceFileReader().read(str(path), None)


@pytest.fixture
def reader() -> DeviceFileReader:
    return DeviceFileReader()
