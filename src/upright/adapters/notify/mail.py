"""E-mail reminders over SMTP: plain text and HTML, with a one-click unsubscribe link.

``UPRIGHT_SMTP_URL`` is ``smtp://[user:password@]host[:port]`` (``smtp+starttls://`` to upgrade
the connection, ``smtps://`` for TLS from the start); ``?from=address`` sets the sender.
One connection is kept for a run and opened again if the server drops it.
"""

from __future__ import annotations

import html
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlsplit

from upright.domain.errors import DeliveryFailed, InvalidInput
from upright.services.reminder_ports import Outgoing

SCHEMES = ("smtp", "smtp+starttls", "smtps")


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    scheme: str
    user: str | None
    password: str | None
    sender: str
    timeout: float = 20.0


def parse_smtp_url(url: str) -> SmtpConfig:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise InvalidInput(
            "UPRIGHT_SMTP_URL",
            f"'{parts.scheme}://...' is not an SMTP address",
            "smtp://host:port, smtp+starttls://user:password@host:587, smtps://host:465",
        )
    try:
        port = parts.port or {"smtp": 25, "smtp+starttls": 587, "smtps": 465}[parts.scheme]
    except ValueError:
        raise InvalidInput("UPRIGHT_SMTP_URL", "the port is not a number", "1-65535") from None
    query = parse_qs(parts.query)
    sender = query.get("from", [f"upright@{parts.hostname}"])[0]
    return SmtpConfig(
        host=parts.hostname,
        port=port,
        scheme=parts.scheme,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        sender=sender,
    )


def build_message(config: SmtpConfig, message: Outgoing) -> EmailMessage:
    if not message.email:
        raise DeliveryFailed("email", "no e-mail address is set", temporary=False)
    mail = EmailMessage()
    mail["From"] = config.sender
    mail["To"] = message.email
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    # the same id for the same reminder: a mail program that sees it twice shows it once
    mail["Message-ID"] = f"<reminder-{message.key}@upright>"
    mail["Auto-Submitted"] = "auto-generated"
    text = message.body
    if message.unsubscribe_url:
        mail["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        text += f"\n\nStop these e-mails: {message.unsubscribe_url}"
    mail.set_content(text)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in message.body.split("\n\n") if p)
    footer = (
        f'<p style="font-size:small"><a href="{html.escape(message.unsubscribe_url)}">'
        "Stop these e-mails</a></p>"
        if message.unsubscribe_url
        else ""
    )
    mail.add_alternative(
        f'<!doctype html><html lang="en"><body style="font-family:sans-serif;font-size:16px">'
        f"{paragraphs}{footer}</body></html>",
        subtype="html",
    )
    return mail


class SmtpChannel:
    name = "email"

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        try:
            if c.scheme == "smtps":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    c.host, c.port, timeout=c.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
                if c.scheme == "smtp+starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if c.user:
                smtp.login(c.user, c.password or "")
        except smtplib.SMTPAuthenticationError:
            raise DeliveryFailed(
                "email",
                f"the mail server at {c.host} refused the user name or password; "
                "check UPRIGHT_SMTP_URL (will try again later)",
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryFailed(
                "email", f"cannot reach the mail server at {c.host}:{c.port} ({error})"
            ) from None
        return smtp

    def send(self, message: Outgoing) -> Sequence[str]:
        mail = build_message(self.config, message)
        for attempt in (1, 2):
            if self._smtp is None:
                self._smtp = self._connect()
            try:
                self._smtp.send_message(mail)
                return ()
            except smtplib.SMTPServerDisconnected:
                self._smtp = None
                if attempt == 2:
                    raise DeliveryFailed("email", "the mail server closed the connection") from None
            except smtplib.SMTPRecipientsRefused:
                raise DeliveryFailed(
                    "email", f"the mail server refused the address {message.email}", temporary=False
                ) from None
            except (OSError, smtplib.SMTPException) as error:
                self.close()
                raise DeliveryFailed("email", f"sending failed ({error})") from None
        return ()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self._smtp = None
