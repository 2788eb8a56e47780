"""What every htx command shares: the data directory and one-line errors."""

from pathlib import Path

import click


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line, exit code 2 (usage) or 1 (anything else)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def data_dir(ctx: click.Context) -> Path:
    """The data directory chosen with --index / HTX_INDEX (index, stored items and crawl summaries)."""
    return ctx.find_root().obj["data_dir"]
