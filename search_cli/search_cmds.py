"""htx search, show and stats: reading the index."""

import json
import sys
from collections import Counter

import click

from indexer.query.search import SORTS, QueryError, search
from search_cli.common import UserError, date_bound, open_index, province_list
from search_cli.output import print_results, vn_date


@click.command("search")
@click.argument("query")
@click.option("--province", "-p", multiple=True, help="Province (former unit) to keep, with or without diacritics; repeatable.")
@click.option("--merged", is_flag=True, help="Read --province as a 2025 unit and include the former provinces it absorbed.")
@click.option("--since", help="Published on or after: 15/05/2023, 2023-05-15, 'tháng 5/2023', 'quý 2/2024', 2023, 'hôm qua'.")
@click.option("--until", help="Published on or before (same forms; a month or quarter means its last day).")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000), help="Hits per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page of hits.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--json", "fmt", flag_value="json", help="One JSON document with hits and counts.")
@click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object per hit.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")
@click.pass_context
def search_command(ctx, query, province, merged, since, until, limit, page, sort, fmt):
    """Search articles: words are AND-ed; use "quoted phrases", OR, NOT, title:word."""
    provinces = province_list(province, merged)
    since_at, until_at = date_bound(since, end=False), date_bound(until, end=True)
    if since_at and until_at and since_at > until_at:
        raise UserError(f"--since {since} is after --until {until}")
    ix = open_index(ctx)
    try:
        result = search(ix, query, provinces, since_at, until_at, limit=limit, page=page, sort=sort)
    except QueryError as error:
        raise UserError(f"query: {error}") from None
    print_results(result, fmt or "text", limit, colour=sys.stdout.isatty())


@click.command("show")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show_command(ctx, url, as_json):
    """Print one stored article."""
    with open_index(ctx).searcher() as searcher:
        doc = searcher.document(url=url.strip())
    if doc is None:
        raise UserError(f"no article with URL {url} in the index (try 'htx search' to find its URL)", exit_code=1)
    if as_json:
        doc = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in doc.items()}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(click.style(doc["title"], bold=True) if sys.stdout.isatty() else doc["title"])
    click.echo(f"{doc.get('province_name') or '?'} · {vn_date(doc.get('published'))} · {doc['url']}\n")
    if doc.get("lead"):
        click.echo(doc["lead"] + "\n")
    click.echo(doc["body"])


@click.command("stats")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats_command(ctx, as_json):
    """Count articles per province, with the date range."""
    per_province, dates = Counter(), {}
    with open_index(ctx).searcher() as searcher:
        for doc in searcher.all_stored_fields():
            name = doc.get("province_name") or "?"
            per_province[name] += 1
            if doc.get("published"):
                first, last = dates.get(name, (doc["published"], doc["published"]))
                dates[name] = (min(first, doc["published"]), max(last, doc["published"]))
    rows = [
        {"province": name, "articles": count, "first": dates.get(name, (None, None))[0], "last": dates.get(name, (None, None))[1]}
        for name, count in per_province.most_common()
    ]
    if as_json:
        for row in rows:
            row["first"], row["last"] = (d.isoformat() if d else None for d in (row["first"], row["last"]))
        click.echo(json.dumps({"total": sum(per_province.values()), "provinces": rows}, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['province']:<20} {row['articles']:>6}   {vn_date(row['first'])} – {vn_date(row['last'])}")
    click.echo(f"{'total':<20} {sum(per_province.values()):>6}")
