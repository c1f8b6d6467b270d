"""Typed settings (environment prefix ``UPRIGHT_``). Built on demand, never at import time.

Read from the environment by a few lines here rather than pydantic-settings, whose import cost
every command about 0.05 CPU-seconds: a field ``x`` is read from ``UPRIGHT_X`` (any case), values
passed to ``Settings(...)`` win over the environment, other ``UPRIGHT_`` names are ignored, and
the values are validated as any pydantic field (a bad one names the field).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PREFIX = "UPRIGHT_"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, given: Any) -> Any:
        if not isinstance(given, dict):
            return given
        found = {}
        for name, value in os.environ.items():
            field = name[len(PREFIX) :].lower() if name.upper().startswith(PREFIX) else ""
            if field in cls.model_fields:
                found[field] = value
        return {**found, **given}

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
