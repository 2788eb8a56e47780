"""htx search, show and stats: reading the index."""

import json
import sys

import click

from indexer.query.search import SORTS
from search_cli.common import UserError, archive
from search_cli.options import filter_options, limit_option, output_options
from search_cli.output import emit, print_results, vn_date


@click.command("search")
@click.argument("query")
@filter_options
@limit_option(10)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page of hits.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@output_options("json", "jsonl", "csv")
@click.pass_context
def search_command(ctx, query, filters, limit, page, sort, fmt):
    """Search articles: words are AND-ed; use "quoted phrases", OR, NOT, title:word.

    Example: htx search "hop tac xa" -p "Sóc Trăng" --since "tháng 5/2023"
    """
    result = archive(ctx).search(query, filters, limit=limit, page=page, sort=sort)
    print_results(result, fmt, limit, colour=sys.stdout.isatty())


@click.command("show")
@click.argument("url")
@output_options("json")
@click.pass_context
def show_command(ctx, url, fmt):
    """Print one stored article.

    Example: htx show https://www.soctrang.gov.vn/portal/Pages/2023-05-15-lien-minh.aspx
    """
    doc = archive(ctx).article(url)
    if doc is None:
        raise UserError(f"no article with URL {url} in the index (try 'htx search' to find its URL)", exit_code=1)
    if fmt == "json":
        doc = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in doc.items()}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(click.style(doc["title"], bold=True) if sys.stdout.isatty() else doc["title"])
    click.echo(f"{doc.get('province_name') or '?'} · {vn_date(doc.get('published'))} · {doc['url']}\n")
    if doc.get("lead"):
        click.echo(doc["lead"] + "\n")
    click.echo(doc["body"])


@click.command("stats")
@filter_options
@output_options("json", "jsonl", "csv")
@click.pass_context
def stats_command(ctx, filters, fmt):
    """Count articles per province, with their first and last dates.

    Example: htx stats --since 2024 -p "Cần Thơ" --merged
    """
    rows = [row.__dict__ for row in archive(ctx).stats(filters)]
    total = sum(row["articles"] for row in rows)

    def text():
        for row in rows:
            click.echo(f"{row['province']:<20} {row['articles']:>6}   {vn_date(row['first'])} – {vn_date(row['last'])}")
        click.echo(f"{'total':<20} {total:>6}")

    emit(fmt, rows, text, document={"total": total, "provinces": rows})
