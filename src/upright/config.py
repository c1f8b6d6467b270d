"""Typed settings (environment prefix ``UPRIGHT_``). Built on demand, never at import time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="UPRIGHT_", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("upright", appauthor=False)),
        description="Folder for the SQLite database and other local files.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; defaults to SQLite in data_dir. "
        "For a server: postgresql+psycopg://user:pass@host/db",
    )
    mode: str = Field(default="local", description="'local' (one person, no account) or 'server'.")
    secret_key: str = Field(default="", description="Signs session cookies in server mode.")
    host: str = Field(default="127.0.0.1", description="Web server address.")
    port: int = Field(default=8000, description="Web server port.")
    today: date | None = Field(
        default=None,
        description="Pretend today is this date (YYYY-MM-DD): for demos, trials and tests.",
    )
    smtp_url: str | None = Field(
        default=None,
        description="Reminder and password-reset e-mail: "
        "smtp://[user:password@]host[:port][?from=address] "
        "(smtp+starttls:// or smtps:// for TLS).",
    )
    base_url: str | None = Field(
        default=None,
        description="The address people reach this server at (https://upright.example.org): "
        "used in unsubscribe and calendar-feed links. Default: http://host:port.",
    )
    push_contact: str = Field(
        default="mailto:admin@localhost",
        description="Contact (mailto: or https:) sent to web-push services with each reminder.",
    )
    reminder_lease_seconds: int = Field(
        default=120,
        ge=1,
        description="How long a reminder being sent is held by one process; if that process "
        "dies, another sends it after this long.",
    )
    reminder_loop_seconds: int = Field(
        default=60,
        ge=1,
        description="How often the web server (SQLite) or `upright worker` looks for due reminders (seconds).",
    )
    max_upload_mb: int = Field(
        default=1024, ge=1, description="Largest upload (one request) accepted, in MB."
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For is "
        "believed; empty: the client is the socket peer.",
    )
    hash_slots: int = Field(
        default=2, ge=1, description="Password hashes computed at the same time, at most."
    )
    idempotency_claim_seconds: int = Field(
        default=60,
        ge=1,
        description="After this long, a request that never finished "
        "(a crashed worker) no longer holds its Idempotency-Key.",
    )

    @field_validator("mode")
    @classmethod
    def _mode(cls, value: str) -> str:
        if value not in ("local", "server"):
            raise ValueError("mode must be 'local' or 'server'")
        return value

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'upright.db'}"

    @property
    def public_url(self) -> str:
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")
