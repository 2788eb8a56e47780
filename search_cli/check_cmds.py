"""htx check: verify the index of the data directory."""

import click

from search_cli.common import archive


@click.command("check")
@click.pass_context
def check_command(ctx):
    """Verify the index: table of contents, every segment file whole, every stored article readable.

    Example: htx --data-dir /srv/htx check
    """
    found = archive(ctx)
    click.echo(f"the index in {found.data_dir} is whole: {found.check()} articles")
