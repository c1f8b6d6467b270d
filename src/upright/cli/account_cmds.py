"""`upright reset-link`: a password-reset link made by the person who runs a server."""

from __future__ import annotations

from typing import Annotated

import typer

from upright.cli.context import services


def reset_link(
    email: Annotated[str, typer.Argument(help="The e-mail address of the account.")],
) -> None:
    """Make a link for an account's owner to choose a new password (server mode).

    For a server without e-mail, or when the e-mail did not arrive: pass the link on yourself.
    It works once, for 30 minutes; using it signs the account out everywhere else.
    """
    from upright.services import password_reset

    built = services()
    link = password_reset.issue_link(
        built.accounts_uow, email, built.clock.now(), password_reset.link_maker(
            built.settings.public_url
        ),
    )  # fmt: skip
    typer.echo(link)
    typer.echo(
        f"This link works once, for {password_reset.RESET_MINUTES} minutes. Give it only to the "
        "account's owner.",
        err=True,
    )
