"""`upright serve` as a person starts it: local mode answers; server mode needs a secret."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.e2e.conftest import UPRIGHT


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
    env["UPRIGHT_DATA_DIR"] = str(tmp_path / "data")
    env.update(extra)
    return env


def test_server_mode_without_a_secret_refuses_to_start(tmp_path: Path) -> None:
    result = subprocess.run(
        [UPRIGHT, "serve"], capture_output=True, text=True, timeout=60,
        env=_env(tmp_path, UPRIGHT_MODE="server"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "UPRIGHT_SECRET_KEY" in result.stderr and "at least 32 characters" in result.stderr
    assert not (tmp_path / "data" / "upright.db").exists()  # refused before touching anything


def test_serve_answers_on_the_port_in_local_mode(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [UPRIGHT, "serve", "--port", str(port)], env=_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/start", timeout=2) as r:
                    assert r.status == 200 and b"Welcome to Upright" in r.read()
                    break
            except OSError:
                assert process.poll() is None, "upright serve exited"
                assert time.monotonic() < deadline, "upright serve did not answer"
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=15)
