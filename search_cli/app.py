"""The htx click application: crawl, index, search and inspect cooperative news."""

import sys
from pathlib import Path

import click

from indexer.engine.index import default_data_dir
from search_cli import compare_cmds, crawl_cmds, portal_cmds, search_cmds


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--index", "data_dir", type=click.Path(file_okay=False, path_type=Path), envvar="HTX_INDEX",
    help="Data directory holding the index, stored items and crawl summaries [env HTX_INDEX; default ~/.local/share/htx].",
)
@click.pass_context
def cli(ctx, data_dir):
    """htx: news about cooperatives from Vietnam's provincial portals, crawled, cleaned and searchable."""
    ctx.obj = {"data_dir": data_dir or default_data_dir()}


for command in (
    crawl_cmds.demo_command, crawl_cmds.crawl_command, crawl_cmds.portals_command, crawl_cmds.extract_command,
    crawl_cmds.index_command, crawl_cmds.reindex_command,
    search_cmds.search_command, search_cmds.show_command, search_cmds.stats_command, compare_cmds.compare_command,
    compare_cmds.topics_command, compare_cmds.facts_command, portal_cmds.portal_group,
):
    cli.add_command(command)


def main() -> None:
    """Entry point: click's usage errors are shortened to one line, exit code 2."""
    try:
        code = cli.main(standalone_mode=False)
    except click.UsageError as error:
        where = f"htx {error.ctx.info_name}" if error.ctx and error.ctx.parent else "htx"
        click.echo(f"{where}: error: {error.format_message()} (see '{where} --help')", err=True)
        sys.exit(2)
    except click.ClickException as error:
        click.echo(f"htx: error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("htx: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
