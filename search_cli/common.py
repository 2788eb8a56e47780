"""What the htx commands share: the data directory and its archive, one-line errors."""

from pathlib import Path

import click

from indexer.archive import NewsArchive


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line, exit code 2 (usage) or 1 (anything else)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def data_dir(ctx: click.Context) -> Path:
    """The data directory chosen with --data-dir / HTX_INDEX (index, stored items and crawl summaries)."""
    return ctx.find_root().obj["data_dir"]


def archive(ctx: click.Context) -> NewsArchive:
    """The archive of the chosen data directory."""
    return NewsArchive(data_dir(ctx))
