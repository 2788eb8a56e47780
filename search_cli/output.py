"""Rendering results for people (terminal, colour when it is one) and for scripts (JSON, JSON Lines, CSV)."""

import csv
import io
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime

import click

from indexer.query.search import SearchResult
from indexer.records import marked_snippet, search_record


def vn_date(moment: datetime | None) -> str:
    """Day-first, as Vietnamese readers write dates: 16/05/2023 09:15 (time left out at midnight)."""
    if moment is None:
        return "no date"
    return moment.strftime("%d/%m/%Y" if (moment.hour, moment.minute) == (0, 0) else "%d/%m/%Y %H:%M")


def render_snippet(segments: list[tuple[str, bool]], colour: bool) -> str:
    """Matched words in colour on a terminal, **marked** when piped."""
    if not colour:
        return marked_snippet(segments)
    return "".join(click.style(text, fg="yellow", bold=True) if matched else text for text, matched in segments)


def emit(fmt: str | None, rows: list[dict], text: Callable[[], None], document=None) -> None:
    """Print ``rows`` as JSON (``document`` when given, else the list), JSON Lines or CSV; ``text()`` for people."""
    if fmt == "json":
        click.echo(json.dumps(rows if document is None else document, ensure_ascii=False, indent=2, default=_iso))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=_iso))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: _iso(v) if isinstance(v, datetime) else v for k, v in row.items()} for row in rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        text()


def _iso(value):
    """Dates as ISO 8601 in JSON and CSV."""
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def print_results(result: SearchResult, fmt: str | None, limit: int, colour: bool) -> None:
    """Print a page of hits for people, or as JSON (hits and counts), JSON Lines or CSV (one hit per row)."""
    document = search_record(result)
    emit(fmt, document["hits"], lambda: _print_text(result, limit, colour), document)


def _print_text(result: SearchResult, limit: int, colour: bool) -> None:
    first = (result.page - 1) * limit
    for number, hit in enumerate(result.hits, start=first + 1):
        title = click.style(hit.title, bold=True) if colour else hit.title
        click.echo(f"{number}. {title}")
        click.echo(f"   {hit.province or '?'} · {vn_date(hit.published)} · {hit.url}")
        click.echo(f"   {render_snippet(hit.snippet, colour)}\n")
    if not result.total:
        click.echo("No articles found.")
        return
    shown = f"{first + 1}-{first + len(result.hits)}" if result.hits else "none"
    click.echo(f"{result.total} articles (showing {shown}). By province: " + ", ".join(f"{name} {count}" for name, count in result.by_province.most_common()))


@contextmanager
def progress_bar(label: str):
    """A ``progress(done, total)`` callback drawing a bar with counts and time left on a terminal; None when
    stderr is piped (scripts and logs get the summary line only)."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = None

    def advance(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
