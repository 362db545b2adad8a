"""The `vibecraft` command."""

from __future__ import annotations

import typer

from vibecraft import __version__

app = typer.Typer(help="VibeCraft: turn a song into a beat-synced music video.", no_args_is_help=True)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"vibecraft {__version__}")


@app.command()
def migrate() -> None:
    """Apply database migrations (Alembic) up to the newest schema."""
    # Lazy: each command loads only what it runs, so `vibecraft --help` does not load Alembic and the database.
    from vibecraft.config import get_settings
    from vibecraft.migrate import upgrade_to_head

    settings = get_settings()
    if settings.resolved_database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade_to_head(settings.resolved_database_url)
    typer.echo("database is up to date")


@app.command()
def serve(
    host: str = typer.Option(None, help="Address to listen on (default: $HOST or 127.0.0.1, this machine only)."),
    port: int = typer.Option(None, help="Port (default: $PORT or 8000)."),
) -> None:
    """Serve the API and the web app."""
    # Lazy: the web app (every route, service and model) takes seconds to import; only `serve` needs it.
    import uvicorn

    from vibecraft.config import get_settings
    from vibecraft.main import configure_logging, create_app

    configure_logging()
    settings = get_settings()
    uvicorn.run(create_app(), host=host or settings.host, port=port or settings.port, proxy_headers=True, log_level="info")


@app.command()
def worker(
    burst: bool = typer.Option(False, help="Stop when the queue is empty."),
    preload: bool = typer.Option(True, help="Load the analysis models before taking jobs."),
) -> None:
    """Run an RQ worker on the ai_music_video queue (needs REDIS_URL)."""
    # Lazy: the worker needs Redis and RQ, which only a production install has.
    from vibecraft.jobs.worker import run_worker
    from vibecraft.main import configure_logging

    configure_logging()
    run_worker(burst=burst, preload=preload)


def _register_optional_commands() -> None:
    for module_name in ("vibecraft.cli_analyze", "vibecraft.cli_make", "vibecraft.cli_password"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as e:
            if e.name != module_name:
                raise
            continue
        module.register(app)


_register_optional_commands()

if __name__ == "__main__":
    app()
