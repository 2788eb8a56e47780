"""The htx click application: crawl, index, search and inspect cooperative news."""

import os
import sys
from pathlib import Path

import click

from indexer.archive import FilterError, NothingStored
from indexer.engine.index import IndexBusy, IndexMissing, default_data_dir
from indexer.query.search import QueryError
from search_cli import compare_cmds, crawl_cmds, portal_cmds, search_cmds

USAGE_ERRORS = (FilterError, QueryError)  # the library's errors in how a command was called: exit code 2
RUNTIME_ERRORS = (IndexMissing, IndexBusy, NothingStored)  # the library's errors a user can act on: exit code 1


def demo_data_dir() -> Path:
    """Where ``htx demo`` writes unless told otherwise: beside the default data directory, never in it."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "htx-demo"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir", "--index", "data_dir", type=click.Path(file_okay=False, path_type=Path), envvar="HTX_INDEX",
    help="Data directory holding the index, stored items and crawl summaries [env HTX_INDEX; default ~/.local/share/htx].",
)
@click.pass_context
def cli(ctx, data_dir):
    """htx: news about cooperatives from Vietnam's provincial portals, crawled, cleaned and searchable.

    Example: htx demo, then htx --data-dir ~/.local/share/htx-demo search "hop tac xa"
    """
    if data_dir is None:
        data_dir = demo_data_dir() if ctx.invoked_subcommand == "demo" else default_data_dir()
    ctx.obj = {"data_dir": data_dir}


for command in (
    crawl_cmds.demo_command, crawl_cmds.crawl_command, crawl_cmds.portals_command, crawl_cmds.extract_command,
    crawl_cmds.index_command, crawl_cmds.reindex_command,
    search_cmds.search_command, search_cmds.show_command, search_cmds.stats_command, compare_cmds.compare_command,
    compare_cmds.topics_command, compare_cmds.facts_command, portal_cmds.portal_group,
):
    cli.add_command(command)


def _library_message(error: Exception) -> str:
    """The one line for a library error: a filter names its option as the user typed it."""
    if isinstance(error, FilterError):
        return f"--{error.option}: {error}"
    if isinstance(error, QueryError):
        return f"query: {error}"
    if isinstance(error, IndexBusy):
        return f"{error}; nothing indexed was lost, run the command again later"
    return str(error)


def main() -> None:
    """Entry point: usage errors as one line with exit code 2, the library's errors as one line with 1 or 2."""
    try:
        code = cli.main(standalone_mode=False)
    except click.UsageError as error:
        where = f"htx {error.ctx.info_name}" if error.ctx and error.ctx.parent else "htx"
        click.echo(f"{where}: error: {error.format_message()} (see '{where} --help')", err=True)
        sys.exit(2)
    except click.ClickException as error:
        click.echo(f"htx: error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except (*USAGE_ERRORS, *RUNTIME_ERRORS) as error:
        click.echo(f"htx: error: {_library_message(error)}", err=True)
        sys.exit(2 if isinstance(error, USAGE_ERRORS) else 1)
    except click.exceptions.Abort:
        click.echo("htx: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
