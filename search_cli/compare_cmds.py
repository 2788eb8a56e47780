"""htx compare, topics and facts: which provinces report on what, how often, and with which figures."""

import csv
import io
import json
from pathlib import Path

import click

from indexer.query.search import QueryError
from indexer.reports.compare import PERIODS, Coverage, coverage
from indexer.reports.facts import Fact, facts, latest_per_province
from indexer.reports.figures import METRICS
from indexer.reports.topics import topics
from search_cli.common import UserError, date_bound, open_index, province_list
from search_cli.output import vn_date

SPARKS = " ▁▂▃▄▅▆▇█"
MAX_COLUMNS = 12  # more periods than this are shown as a sparkline only


def sparkline(counts: list[int]) -> str:
    """One character per period, its height proportional to the count."""
    top = max(counts, default=0) or 1
    return "".join(SPARKS[round(c / top * (len(SPARKS) - 1))] for c in counts)


def _table(result: Coverage) -> str:
    show_counts = len(result.periods) <= MAX_COLUMNS
    width = max([len(r) for r in result.rows] + [8])
    lines = []
    header = f"{'province':<{width}}  {'trend':<{len(result.periods)}}  {'total':>5}"
    if show_counts:
        header += "".join(f" {p:>8}" for p in result.periods)
    lines.append(header)
    for row, counts in result.rows.items():
        series = [counts.get(p, 0) for p in result.periods]
        line = f"{row:<{width}}  {sparkline(series)}  {sum(series):>5}"
        if show_counts:
            line += "".join(f" {c:>8}" for c in series)
        lines.append(line)
    totals = [sum(c.get(p, 0) for c in result.rows.values()) for p in result.periods]
    lines.append(f"{'total':<{width}}  {sparkline(totals)}  {sum(totals):>5}" + ("".join(f" {c:>8}" for c in totals) if show_counts else ""))
    if result.undated:
        lines.append(f"({result.undated} matching articles have no publication date and are not counted)")
    return "\n".join(lines)


CHART_FORMATS = ("png", "svg", "pdf", "jpg", "jpeg", "webp", "tif", "tiff", "eps", "ps")  # what matplotlib writes


def _chart_path(ctx, param, value: str | None) -> Path | None:
    """The --chart file, a usage error unless it names a file in a format matplotlib writes."""
    if value is None:
        return None
    suffix = Path(value).suffix.lower().lstrip(".")
    if not value.strip() or suffix not in CHART_FORMATS:
        raise click.BadParameter(f"{value!r}: give a file name ending in .{', .'.join(CHART_FORMATS)}")
    return Path(value)


def _chart(result: Coverage, path: Path, title: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UserError("--chart needs matplotlib: pip install 'htx-news[chart]'", exit_code=1) from None
    rows = list(result.rows)
    figure, axes = plt.subplots(figsize=(max(6, 0.5 * len(result.periods) + 3), 0.4 * len(rows) + 2))
    matrix = [[result.rows[r].get(p, 0) for p in result.periods] for r in rows]
    image = axes.imshow(matrix, cmap="YlGn", aspect="auto")
    axes.set_xticks(range(len(result.periods)), result.periods, rotation=60, ha="right")
    axes.set_yticks(range(len(rows)), rows)
    for y, row in enumerate(matrix):
        for x, count in enumerate(row):
            if count:
                axes.text(x, y, count, ha="center", va="center", fontsize=8)
    axes.set_title(title)
    figure.colorbar(image, ax=axes, label="articles")
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=150)
    except OSError as error:
        raise UserError(f"cannot write the chart to {path}: {error.strerror}; give a file in an existing folder", exit_code=1) from None


@click.command("compare")
@click.argument("query")
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--since", help="From this date or period (same forms as htx search).")
@click.option("--until", help="Until this date or period.")
@click.option("--province", "-p", multiple=True, help="Province to show (repeatable); default: every province in the index.")
@click.option("--merged", is_flag=True, help="Group former provinces into their 2025 unit.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV: province, period, articles.")
@click.option("--json", "fmt", flag_value="json", help="JSON: periods and counts per province.")
@click.option("--chart", callback=_chart_path, help="Also draw a heat map into this PNG file.")
@click.pass_context
def compare_command(ctx, query, period, since, until, province, merged, fmt, chart):
    """Count matching articles per province and period (copies of one story count once)."""
    provinces = province_list(province, merged)
    since_at, until_at = date_bound(since, end=False), date_bound(until, end=True)
    try:
        result = coverage(open_index(ctx), query, period, provinces, merged, since_at, until_at)
    except QueryError as error:
        raise UserError(f"query: {error}") from None
    if fmt == "json":
        payload = {"query": query, "period": period, "periods": result.periods, "undated": result.undated,
                   "provinces": {row: {p: counts.get(p, 0) for p in result.periods} for row, counts in result.rows.items()}}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["province", "period", "articles"])
        for row, counts in result.rows.items():
            writer.writerows([row, p, counts.get(p, 0)] for p in result.periods)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(_table(result))
    if chart:
        _chart(result, chart, f"{query} — articles per {period}")
        click.echo(f"chart written to {chart}", err=True)


@click.command("topics")
@click.option("--province", "-p", multiple=True, required=True, help="Province whose coverage to characterise (repeatable).")
@click.option("--merged", is_flag=True, help="Read --province as a 2025 unit.")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 500))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def topics_command(ctx, province, merged, limit, as_json):
    """The terms that distinguish these provinces' articles from the rest (log-likelihood)."""
    found = topics(open_index(ctx), province_list(province, merged), limit)
    if as_json:
        click.echo(json.dumps([t.__dict__ for t in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("No distinguishing terms: these provinces have no articles, or they are the whole index.")
    for topic in found:
        click.echo(f"{topic.term:<32} {topic.count:>6} here  {topic.rest:>7} elsewhere  LL {topic.score:8.1f}")


def _number(fact: Fact) -> str:
    value = f"{fact.value:,.0f}".replace(",", ".") if fact.value == int(fact.value) else f"{fact.value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return " ".join(filter(None, (fact.qualifier, value, fact.unit)))


@click.command("facts")
@click.argument("query", required=False)
@click.option("--metric", "-m", type=click.Choice(sorted(METRICS)), help="Only this figure.")
@click.option("--province", "-p", multiple=True, help="Province (repeatable).")
@click.option("--merged", is_flag=True, help="Read --province as a 2025 unit; with --latest, one row per 2025 unit.")
@click.option("--since", help="Articles published from (same forms as htx search).")
@click.option("--until", help="Articles published until.")
@click.option("--latest", is_flag=True, help="One row per province: its most recent achieved figure (needs --metric).")
@click.option("--json", "fmt", flag_value="json")
@click.option("--csv", "fmt", flag_value="csv")
@click.pass_context
def facts_command(ctx, query, metric, province, merged, since, until, latest, fmt):
    """Figures reported in articles: cooperatives, members, new cooperatives, revenue, capital, areas …"""
    if latest and not metric:
        raise UserError(f"--latest needs --metric, one of: {', '.join(sorted(METRICS))}")
    provinces = province_list(province, merged)
    try:
        found = facts(open_index(ctx), query, metric, provinces, date_bound(since, end=False), date_bound(until, end=True))
    except QueryError as error:
        raise UserError(f"query: {error}") from None
    if latest:
        found = latest_per_province(found, merged)
    records = [{**fact.__dict__, "published": fact.published.isoformat() if fact.published else None} for fact in found]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(Fact.__dataclass_fields__))
        writer.writeheader()
        writer.writerows(records)
        click.echo(buffer.getvalue(), nl=False)
    else:
        for fact in found:
            kind = "target" if fact.is_target else "reported"
            click.echo(f"{fact.unit_2025 if merged and latest else fact.province:<14} {vn_date(fact.published):<16} {fact.metric:<18} {_number(fact):>22}  ({kind})")
            click.echo(f"    “{fact.sentence}”\n    {fact.url}")
        click.echo(f"{len(found)} figures")
