"""The installed command's help shows no Python type names."""

from __future__ import annotations

from tests.e2e.test_cli_core import Run


def test_help_has_no_python_type_names(run: Run) -> None:
    for args in (("--help",), ("log", "--help")):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        assert "<bool>" not in result.stdout and "list[" not in result.stdout
    assert "<text>" in result.stdout and "<number>" in result.stdout
