"""Rendering results for people (terminal, colour when it is one) and for scripts (JSON, JSON Lines, CSV)."""

import csv
import io
import json
from datetime import datetime

import click

from indexer.query.search import SearchResult


def vn_date(moment: datetime | None) -> str:
    """Day-first, as Vietnamese readers write dates: 16/05/2023 09:15 (time left out at midnight)."""
    if moment is None:
        return "no date"
    return moment.strftime("%d/%m/%Y" if (moment.hour, moment.minute) == (0, 0) else "%d/%m/%Y %H:%M")


def render_snippet(segments: list[tuple[str, bool]], colour: bool) -> str:
    """Matched words in colour on a terminal, **marked** when piped."""
    return "".join(
        (click.style(text, fg="yellow", bold=True) if colour else f"**{text}**") if matched else text
        for text, matched in segments
    )


def hit_record(hit) -> dict:
    return {
        "url": hit.url,
        "title": hit.title,
        "province": hit.province,
        "published": hit.published.isoformat() if hit.published else None,
        "score": round(hit.score, 4),
        "snippet": render_snippet(hit.snippet, colour=False),
    }


def print_results(result: SearchResult, fmt: str, limit: int, colour: bool) -> None:
    """Print a page of hits in the chosen format ("text", "json", "jsonl" or "csv")."""
    records = [hit_record(h) for h in result.hits]
    if fmt == "json":
        payload = {"total": result.total, "page": result.page, "hits": records, "by_province": dict(result.by_province.most_common())}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["url", "title", "province", "published", "score", "snippet"])
        writer.writeheader()
        writer.writerows(records)
        click.echo(buffer.getvalue(), nl=False)
    else:
        _print_text(result, limit, colour)


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
