"""`vibecraft reset-password EMAIL`: a one-time reset link for an install that sends no mail."""

from __future__ import annotations

import typer

from vibecraft.config import get_settings
from vibecraft.errors import AppError


def register(app: typer.Typer) -> None:
    @app.command("reset-password")
    def reset_password(
        email: str = typer.Argument(..., help="The account's e-mail address."),
        base_url: str = typer.Option(None, help="Address people open the web app at (default: $PUBLIC_BASE_URL, "
                                                 "else http://127.0.0.1:PORT)."),
    ) -> None:
        """Print a one-time link that lets the owner of EMAIL choose a new password."""
        # Lazy: the database and the services load only for this command, not for every `vibecraft` call.
        from vibecraft.db import session_scope
        from vibecraft.services.password_reset import link_for_email

        settings = get_settings()
        base = base_url or settings.public_base_url or f"http://127.0.0.1:{settings.port}"
        try:
            with session_scope() as session:
                link = link_for_email(session=session, settings=settings, email=email, base_url=base)
        except AppError as e:
            typer.echo(e.detail, err=True)
            raise typer.Exit(1) from e
        typer.echo(f"Give this link to {email.strip()}; it works once, for {settings.password_reset_ttl_min} minutes:")
        typer.echo(link)
