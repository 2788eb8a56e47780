"""``htx serve``: run the web page under uvicorn, on 127.0.0.1 unless told otherwise."""

import socket
from pathlib import Path

import click

from indexer.engine.index import default_data_dir
from search_cli.common import UserError


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (port 0: a free one); a one-line error when that address cannot be had."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections only then (without it a
        # keep-alive client waits ~40 ms per page for a delayed ACK)
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)  # connections wait in the backlog until uvicorn accepts them
    except OSError as error:
        raise UserError(f"cannot listen on {host}:{port}: {error.strerror}; choose another --port or --host", exit_code=1) from None
    return sock


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Data directory to read [default: htx --index, $HTX_INDEX, ~/.local/share/htx].")
@click.pass_context
def serve_command(ctx, host, port, data_dir):
    """Serve a read-only web page: search, compare provinces with charts, reported figures, crawls.

    Example: htx serve --port 8000, then open http://127.0.0.1:8000/search
    """
    import uvicorn  # imported here so the other commands do not pay for it

    from search_cli.web.app import create_app

    chosen = data_dir or (ctx.find_root().obj or {}).get("data_dir") or default_data_dir()
    sock = listening_socket(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"htx serve: reading {chosen}; open http://{shown}:{sock.getsockname()[1]}/search (Ctrl-C stops)", err=True)
    config = uvicorn.Config(create_app(chosen), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
