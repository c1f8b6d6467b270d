"""`upright serve`: the web app (FastAPI) on the embedded default or a server database."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from upright.domain.errors import InvalidInput


def _check_free(host: str, port: int) -> None:
    """Refuse in one line when the address is taken, before uvicorn prints its own error."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise InvalidInput("host", f"cannot use the address {host!r}: {error.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            raise InvalidInput(
                "port",
                f"{port} is already in use on {host}; stop the other program or choose "
                f"another port, e.g. `upright serve --port {port + 1 if port < 65535 else 8001}`",
            ) from None


PORT_WORDS = "the port must be a number from 1 to 65535"


def port_number(raw: str, source: str) -> int:
    """The port typed (or set), or one line saying what a port is (never a validator's words)."""
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        said = (
            f"{source} {raw}: {PORT_WORDS}"
            if source.startswith("--")
            else f"{PORT_WORDS} (it is {raw})"
        )
        raise InvalidInput(source, said)
    return int(text)


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[
        str | None, typer.Option(metavar="PORT", help="Port, 1 to 65535 (default 8000).")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (server mode with PostgreSQL).")
    ] = 1,
) -> None:
    """Serve the web app (default http://127.0.0.1:8000).

    Local mode (the default) needs no account. Server mode: UPRIGHT_MODE=server, a long random
    UPRIGHT_SECRET_KEY and, for many people, UPRIGHT_DATABASE_URL=postgresql+psycopg://...
    Put it behind a TLS proxy; see docs/web.md.
    """
    import uvicorn

    from upright.config import Settings
    from upright.web.app import build_app
    from upright.web.security import check_server_secret

    settings = Settings()
    if settings.mode == "server":
        check_server_secret(settings)  # a clear message before anything starts
    address = host or settings.host
    number = port_number(port, "--port") if port is not None else settings.port
    number = port_number(str(number), "UPRIGHT_PORT")
    _check_free(address, number)
    typer.echo(f"Upright ({settings.mode} mode) on http://{address}:{number}  (Ctrl+C stops it)")
    if workers > 1:
        # each worker builds its own app from the same UPRIGHT_* environment
        uvicorn.run(
            "upright.web.app:from_environment", factory=True, host=address, port=number,
            workers=workers, log_level="info", proxy_headers=False,
        )  # fmt: skip
        return
    # proxy_headers=False: uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1, and
    # anyone on the machine could pick their own address; UPRIGHT_TRUSTED_PROXIES decides
    uvicorn.run(
        build_app(settings), host=address, port=number, log_level="info", proxy_headers=False
    )
