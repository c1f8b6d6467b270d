from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

UPRIGHT = shutil.which("upright", path=str(Path(sys.executable).parent)) or "upright"


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `upright` command with its own data folder, as a person would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
    env["UPRIGHT_DATA_DIR"] = str(tmp_path / "data")
    env["COLUMNS"] = "120"

    def _run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        call_env = dict(env)
        if "UPRIGHT_TODAY" in os.environ:  # tests move the clock with this one setting
            call_env["UPRIGHT_TODAY"] = os.environ["UPRIGHT_TODAY"]
        return subprocess.run(
            [UPRIGHT, *args], input=input, capture_output=True, text=True, env=call_env, timeout=60,
            cwd=tmp_path,
        )  # fmt: skip

    return _run
