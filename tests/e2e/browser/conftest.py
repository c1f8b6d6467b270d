"""Browser tests: Debian's chromium driven by Playwright against the app served by uvicorn.

Never downloads a browser. Skips cleanly when Playwright or chromium is missing.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from upright.config import Settings
from upright.web.app import build_app

CHROMIUM = os.environ.get("UPRIGHT_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TODAY = "2026-11-25"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@dataclass
class LiveServer:
    url: str
    data_dir: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(tmp_path: Path, **settings_: str) -> Iterator[LiveServer]:
    """The real app on a free 127.0.0.1 port, in a thread, with its own data folder."""
    import uvicorn

    settings = Settings(data_dir=tmp_path / "data", today=TODAY, **settings_)  # type: ignore[arg-type]
    port = _free_port()
    config = uvicorn.Config(build_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", tmp_path / "data")
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    yield from _serve(tmp_path)


@pytest.fixture
def live_server_accounts(tmp_path: Path) -> Iterator[LiveServer]:
    """Server mode: accounts, sign-in cookies, CSRF."""
    yield from _serve(
        tmp_path, mode="server", secret_key="br0wser-t3st-k3y-0123456789-abcdefghijklmnopq"
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (set UPRIGHT_TEST_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        try:
            instance = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"],
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - a broken browser install is a skip, not a failure
            pytest.skip(f"chromium did not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context
    context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
