"""The options every htx command shares, with one meaning everywhere: filters and output formats."""

import functools

import click

from indexer.archive import Filters

FORMATS = {
    "json": "One JSON document.",
    "jsonl": "JSON Lines: one JSON object per line.",
    "csv": "CSV with a header row.",
}


def filter_options(command):
    """--province (repeatable), --merged, --since, --until, handed to the command as ``filters``."""

    @click.option("--province", "-p", "provinces", multiple=True, metavar="NAME",
                  help="Province to keep, with or without diacritics, or 'Toàn quốc'; repeatable. Example: -p 'Sóc Trăng'.")
    @click.option("--merged", is_flag=True,
                  help="Read --province as a 2025 unit (Cần Thơ = Cần Thơ, Sóc Trăng, Hậu Giang) and group rows by 2025 unit.")
    @click.option("--since", metavar="DATE",
                  help="Published on or after: 15/05/2023, 2023-05-15, 'tháng 5/2023', 'quý 2/2024', 2023, 'hôm qua'.")
    @click.option("--until", metavar="DATE",
                  help="Published on or before (same forms; a month, quarter or year means its last day).")
    @functools.wraps(command)
    def with_filters(*args, provinces, merged, since, until, **kwargs):
        return command(*args, filters=Filters(tuple(provinces), merged, since, until), **kwargs)

    return with_filters


def output_options(*formats: str):
    """--json / --jsonl / --csv (those named), handed to the command as ``fmt`` (None: text for people)."""

    def decorate(command):
        for name in reversed(formats):
            command = click.option(f"--{name}", "fmt", flag_value=name, help=FORMATS[name])(command)
        return command

    return decorate


def limit_option(default: int):
    """--limit / -n: how many rows to show, the same range everywhere."""
    return click.option("--limit", "-n", default=default, show_default=True, type=click.IntRange(1, 1000),
                        help="How many to show (hits per page with --page).")


def portal_province_option(required: bool = False):
    """--province NAME for commands about portals: the province a portal reports for (not a filter of articles)."""
    return click.option("--province", required=required, metavar="NAME",
                        help="The portal's province: a former province, or 'Toàn quốc' for a national source "
                             "('htx portals --all' lists them); 'htx crawl --province NAME' alone crawls its profiles.")
