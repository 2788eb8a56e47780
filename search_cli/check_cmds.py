"""htx check: verify the index of the data directory."""

import click

from indexer.engine.index import check_index
from search_cli.common import data_dir


@click.command("check")
@click.pass_context
def check_command(ctx):
    """Verify the index: table of contents, every segment file whole, every stored article readable."""
    documents = check_index(data_dir(ctx))
    click.echo(f"the index in {data_dir(ctx)} is whole: {documents} articles")
