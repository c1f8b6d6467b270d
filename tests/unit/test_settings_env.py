"""Settings from UPRIGHT_ environment variables (read by config.py itself, not pydantic-settings):
the same behaviour as before, checked at each edge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from upright.config import Settings


def test_each_field_is_read_from_its_variable_in_any_case(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("UPRIGHT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("UPRIGHT_TODAY", "2026-03-02")
    monkeypatch.setenv("upright_port", "8123")
    monkeypatch.setenv("Upright_Mode", "server")
    monkeypatch.setenv("UPRIGHT_NOT_A_SETTING", "ignored")
    monkeypatch.setenv("DATA_DIR", "/elsewhere")  # no prefix: not ours
    settings = Settings()
    assert settings.data_dir == tmp_path and settings.today == date(2026, 3, 2)
    assert settings.port == 8123 and settings.mode == "server"
    assert settings.url == f"sqlite:///{tmp_path / 'upright.db'}"


def test_values_given_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPRIGHT_PORT", "8123")
    monkeypatch.setenv("UPRIGHT_MODE", "server")
    settings = Settings(port=9000)
    assert settings.port == 9000 and settings.mode == "server"


def test_without_variables_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in __import__("os").environ if n.upper().startswith("UPRIGHT_")]:
        monkeypatch.delenv(name)
    settings = Settings()
    assert (settings.mode, settings.port, settings.database_url, settings.today) == (
        "local", 8000, None, None,
    )  # fmt: skip
    assert settings.data_dir.name == "upright" and settings.is_sqlite


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("UPRIGHT_PORT", "eighty", "port"),
        ("UPRIGHT_MODE", "cloud", "mode"),
        ("UPRIGHT_TODAY", "garbage", "today"),
        ("UPRIGHT_REMINDER_LEASE_SECONDS", "0", "reminder_lease_seconds"),
    ],
)
def test_a_bad_value_names_its_field(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, field: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert raised.value.errors()[0]["loc"] == (field,)
