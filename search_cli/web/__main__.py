"""``python -m search_cli.web [--host H] [--port N] [--data-dir DIR]``: the same as ``htx serve``."""

from search_cli.web.command import serve_command

serve_command(prog_name="htx serve")
