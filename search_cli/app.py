"""The htx click application: crawl, index, search and inspect cooperative news."""

import errno
import os
import sys
from pathlib import Path

import click

from indexer.archive import FilterError, NothingStored
from indexer.engine.index import IndexBusy, IndexDamaged, IndexMissing, default_data_dir
from indexer.query.search import QueryError
from search_cli import check_cmds, compare_cmds, crawl_cmds, portal_cmds, search_cmds
from search_cli.web.command import serve_command

USAGE_ERRORS = (FilterError, QueryError)  # the library's errors in how a command was called: exit code 2
RUNTIME_ERRORS = (IndexMissing, IndexBusy, IndexDamaged, NothingStored)  # the library's errors a user can act on: 1


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
    ctx.ensure_object(dict)["data_dir"] = data_dir


for command in (
    crawl_cmds.demo_command, crawl_cmds.crawl_command, crawl_cmds.portals_command, crawl_cmds.extract_command,
    crawl_cmds.index_command, crawl_cmds.reindex_command,
    search_cmds.search_command, search_cmds.show_command, search_cmds.stats_command, compare_cmds.compare_command,
    compare_cmds.topics_command, compare_cmds.facts_command, check_cmds.check_command, serve_command, portal_cmds.portal_group,
):
    cli.add_command(command)

OS_ADVICE = {  # what to do about a file-system error
    errno.EACCES: "check the permissions of the file or folder, or choose another with --data-dir",
    errno.EPERM: "check the permissions of the file or folder, or choose another with --data-dir",
    errno.EROFS: "the file system is read-only: choose another data directory with --data-dir",
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.ENOENT: "check the path",
}


def error_line(error: BaseException, data_dir: Path) -> tuple[str, int]:
    """The one line and the exit code for an error that reached the top of any htx command (both click groups,
    ``htx`` and ``htx portal``): 2 for a usage mistake, 1 for the rest, 130 when interrupted."""
    if isinstance(error, click.UsageError):
        where = " ".join(["htx", *_subcommands(error.ctx)])
        return f"{where}: error: {error.format_message()} (see '{where} --help')", 2
    if isinstance(error, click.ClickException):
        return f"htx: error: {error.format_message()}", error.exit_code
    if isinstance(error, (click.exceptions.Abort, KeyboardInterrupt)):
        return "htx: interrupted", 130
    if isinstance(error, USAGE_ERRORS):
        return f"htx: error: {_library_message(error)}", 2
    if isinstance(error, RUNTIME_ERRORS):
        return f"htx: error: {_library_message(error)}", 1
    if isinstance(error, OSError) and error.filename:
        advice = OS_ADVICE.get(error.errno, "nothing indexed was lost")
        return f"htx: error: {error.filename}: {error.strerror or error}; {advice}", 1
    # anything else, most likely index files whose bytes were overwritten (a seek or unpack failing on them)
    kind = type(error).__name__ if type(error).__module__ == "builtins" else f"{type(error).__module__}.{type(error).__name__}"
    return (
        f"htx: error: {kind}: {error}; if the index in {data_dir} is damaged, 'htx check' says so "
        "and 'htx reindex' rebuilds it from the stored articles (HTX_DEBUG=1 shows the traceback)", 1
    )


def _subcommands(ctx: click.Context | None) -> list[str]:
    """The subcommand names of a context, root excluded ("portal", "check")."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return names


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
    """Entry point: every error a user can meet is one line on stderr, never a traceback (unless $HTX_DEBUG)."""
    state = {"data_dir": default_data_dir()}
    try:
        code = cli.main(standalone_mode=False, obj=state)
    except (Exception, click.exceptions.Abort, KeyboardInterrupt) as error:
        if os.environ.get("HTX_DEBUG") and not isinstance(error, click.ClickException):
            raise
        line, code = error_line(error, state["data_dir"])
        click.echo(line, err=True)
        sys.exit(code)
    sys.exit(code if isinstance(code, int) else 0)
