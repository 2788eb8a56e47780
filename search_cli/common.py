"""What the htx commands share: the data directory, reading options, one-line errors."""

from pathlib import Path

import click

from indexer.engine.index import IndexMissing
from indexer.engine.index import open_index as read_index
from indexer.vietnamese.dates import parse_date_span
from indexer.vietnamese.provinces import UnknownProvince, resolve


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line, exit code 2 (usage) or 1 (anything else)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def data_dir(ctx: click.Context) -> Path:
    """The data directory chosen with --index / HTX_INDEX (index, stored items and crawl summaries)."""
    return ctx.find_root().obj["data_dir"]


def open_index(ctx):
    """The index of the chosen data directory, or a one-line error saying how to create it."""
    try:
        return read_index(data_dir(ctx))
    except IndexMissing as error:
        raise UserError(str(error), exit_code=1) from None


def date_bound(value: str | None, end: bool):
    """The start (or end) of the span a --since (or --until) value means; a one-line error if unreadable."""
    if not value:
        return None
    try:
        start, finish = parse_date_span(value)
    except ValueError as error:
        raise UserError(f"{'--until' if end else '--since'}: {error}") from None
    return finish if end else start


def province_list(names, merged):
    """The former provinces the --province values name; a one-line error with suggestions if unknown."""
    chosen = []
    try:
        for name in names:
            chosen += [p for p in resolve(name, merged=merged) if p not in chosen]
    except UnknownProvince as error:
        raise UserError(f"--province: {error}") from None
    return chosen
