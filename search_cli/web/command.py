"""``htx serve``: run the web page under uvicorn, on 127.0.0.1 unless told otherwise."""

from pathlib import Path

import click

from indexer.engine.index import default_data_dir


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Data directory to read [default: htx --index, $HTX_INDEX, ~/.local/share/htx].")
@click.pass_context
def serve_command(ctx, host, port, data_dir):
    """Serve a read-only web page: search, compare provinces with charts, reported figures, crawls."""
    import uvicorn  # imported here so the other commands do not pay for it

    from search_cli.web.app import create_app

    root = ctx.find_root().obj or {}
    chosen = data_dir or root.get("data_dir") or default_data_dir()
    click.echo(f"htx serve: reading {chosen}; open http://{host}:{port}/search (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(chosen), host=host, port=port, log_level="warning", access_log=False)
