"""`upright serve`: the web app (FastAPI) on the embedded default or a server database."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Serve the web app (default http://127.0.0.1:8000)."""
    import uvicorn

    from upright.config import Settings
    from upright.web.app import build_app

    settings = Settings()
    uvicorn.run(
        build_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
    )
