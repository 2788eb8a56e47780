"""htx compare, topics and facts: which provinces report on what, how often, and with which figures."""

from pathlib import Path

import click

from indexer.records import coverage_record, coverage_rows, fact_record, latest_record
from indexer.reports.compare import PERIODS, Coverage
from indexer.reports.facts import NATIONAL, Fact, MetricHistory, PeriodTotal
from indexer.reports.figures import METRICS, SCOPES
from search_cli.common import UserError, archive
from search_cli.options import filter_options, limit_option, output_options
from search_cli.output import emit, vn_date

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


def _pyplot():
    """matplotlib's pyplot drawing into files; a one-line error when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UserError("--chart needs matplotlib: pip install 'htx-news[chart]'", exit_code=1) from None
    return plt


def _save(figure, path: Path) -> None:
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=150)
    except OSError as error:
        raise UserError(f"cannot write the chart to {path}: {error.strerror}; give a file in an existing folder", exit_code=1) from None


def _chart(result: Coverage, path: Path, title: str) -> None:
    rows = list(result.rows)
    figure, axes = _pyplot().subplots(figsize=(max(6, 0.5 * len(result.periods) + 3), 0.4 * len(rows) + 2))
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
    _save(figure, path)


def _line_chart(history: MetricHistory, path: Path, title: str) -> None:
    """A line per row through the periods in which it reported a total (partial merged totals left out); the
    national scope, when drawn beside provinces, on an axis of its own at the right."""
    plt = _pyplot()
    series = {row: [(x, cells[p].value) for x, p in enumerate(history.periods) if p in cells and cells[p].value is not None]
              for row, cells in history.rows.items()}
    series = {row: points for row, points in series.items() if points}
    columns = 1 + len(series) // 25
    figure, axes = plt.subplots(figsize=(max(6, 0.5 * len(history.periods) + 3) + 2 * columns, max(5, 0.22 * len(series) / columns + 1)))
    national_axes = axes.twinx() if NATIONAL in series and len(series) > 1 else axes
    for n, (row, points) in enumerate(series.items()):
        style = {"color": "black", "linestyle": "--"} if row == NATIONAL else {
            "color": plt.cm.tab20(n % 20), "linestyle": ("-", "--", ":")[n // 20 % 3]}
        (national_axes if row == NATIONAL else axes).plot(*zip(*points, strict=True), marker="o", label=row, **style)
    axes.set_xticks(range(len(history.periods)), history.periods, rotation=60, ha="right")
    for side in {axes, national_axes}:
        side.yaxis.set_major_formatter(lambda value, _: _vn_number(value))
    if national_axes is not axes:
        national_axes.set_ylabel(f"{NATIONAL} (dashed)")
    axes.set_title(title)
    lines = axes.lines + (national_axes.lines if national_axes is not axes else [])
    if lines:
        axes.legend(handles=lines, loc="upper left", bbox_to_anchor=(1.2 if national_axes is not axes else 1.01, 1),
                    fontsize=8, ncols=columns)
    _save(figure, path)


@click.command("compare")
@click.argument("query", required=False)
@click.option("--metric", "-m", type=click.Choice(sorted(METRICS)), help="Only this figure.")
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True)
@filter_options
@output_options("json", "jsonl", "csv")
@click.option("--chart", callback=_chart_path,
              help="Also draw a heat map (with --metric: a line per province) into this .png, .svg or .pdf file.")
@click.pass_context
def compare_command(ctx, query, metric, period, filters, fmt, chart):
    """Count matching stories per province and period (copies of one story count once); with --metric, the
    province totals of that figure reported in each period instead (QUERY then optional: it narrows the articles).

    Example: htx compare "hợp tác xã" --period quarter --since 2023 --merged

    Example: htx compare --metric cooperatives --period year --merged
    """
    if metric:
        history = archive(ctx).metric_history(metric, filters, period, query)
        _print_history(history, metric, period, filters.merged, fmt)
        if chart:
            _line_chart(history, chart, f"{metric}: {METRICS[metric]} — reported totals per {period}")
            click.echo(f"chart written to {chart}", err=True)
        return
    if not query:
        raise click.UsageError("Missing argument 'QUERY' (or --metric NAME for the reported totals)", ctx)
    result = archive(ctx).coverage(query, filters, period)
    header, *rows = coverage_rows(result)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    emit(fmt, records, lambda: click.echo(_table(result)), coverage_record(query, period, result))
    if chart:
        _chart(result, chart, f"{query} — articles per {period}")
        click.echo(f"chart written to {chart}", err=True)


def _total_record(total: PeriodTotal | None) -> dict | None:
    """A period's total as JSON: value (None when partial), range, qualifier, unit, date, missing provinces and
    the figures it is taken from."""
    if total is None:
        return None
    sources = [{"province": part.province, "value": part.value, "upper": part.upper, "qualifier": part.qualifier,
                "published": part.published, "url": part.url, "sentence": part.sentence} for part in total.parts]
    return {"value": total.value, "upper": total.upper, "qualifier": total.qualifier, "unit": total.unit,
            "published": total.published, "partial": bool(total.missing), "missing": list(total.missing), "sources": sources}


def _history_row(row: str, period: str, total: PeriodTotal | None) -> dict:
    """One row and period for JSON Lines and CSV: empty fields where the row reported no total."""
    record = _total_record(total) or {}
    return {"province": row, "period": period, **{k: record.get(k) for k in ("value", "upper", "qualifier", "unit", "published", "partial")},
            "missing": ", ".join(record.get("missing", ())), "urls": " ".join(s["url"] for s in record.get("sources", ()))}


def _print_history(history: MetricHistory, metric: str, period: str, merged: bool, fmt: str | None) -> None:
    """The reported totals: a table of rows and periods for people (the last MAX_COLUMNS periods), every period
    in JSON (null where nothing was reported), JSON Lines and CSV."""
    document = {"metric": metric, "period": period, "merged": merged, "periods": history.periods, "undated": history.undated,
                "provinces": {row: {p: _total_record(cells.get(p)) for p in history.periods} for row, cells in history.rows.items()}}
    rows = [_history_row(row, p, cells.get(p)) for row, cells in history.rows.items() for p in history.periods]

    def cell(total: PeriodTotal | None) -> str:
        return "—" if total is None else "partial" if total.missing else _number(total)

    def text():
        if not history.rows:
            click.echo(f"No {metric} figures in the matching articles.")
            return
        shown = history.periods[-MAX_COLUMNS:]
        table = [["province", *shown]] + [[row, *(cell(cells.get(p)) for p in shown)] for row, cells in history.rows.items()]
        widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
        for line in table:
            click.echo("  ".join([line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)]))
        click.echo(f"{metric}: the province total of the newest article stating one in each {period}; — none reported")
        if len(shown) < len(history.periods):
            click.echo(f"(the last {len(shown)} of {len(history.periods)} periods; --json or --csv for all)")
        for row, cells in history.rows.items():
            for label, total in cells.items():
                if total.missing:
                    click.echo(f"partial: {row} {label}: no total from {', '.join(total.missing)}")
        if history.undated:
            click.echo(f"(undated articles' totals not shown: {', '.join(history.undated)})")

    emit(fmt, rows, text, document)


@click.command("topics")
@filter_options
@limit_option(20)
@output_options("json", "jsonl", "csv")
@click.pass_context
def topics_command(ctx, filters, limit, fmt):
    """The terms that set these provinces' articles apart from the rest (log-likelihood); needs --province.

    Example: htx topics -p "Sóc Trăng" --since 2023
    """
    if not filters.provinces:
        raise UserError("topics needs --province: the provinces whose coverage to characterise")
    found = archive(ctx).topics(filters, limit)

    def text():
        if not found:
            click.echo("No distinguishing terms: these provinces have no articles, or they are the whole index.")
        for topic in found:
            click.echo(f"{topic.term:<32} {topic.count:>6} here  {topic.rest:>7} elsewhere  LL {topic.score:8.1f}")

    emit(fmt, [t.__dict__ for t in found], text)


def _vn_number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if value == int(value) else f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _number(fact: Fact) -> str:
    value = _vn_number(fact.value) + (f" – {_vn_number(fact.upper)}" if fact.upper is not None else "")
    return " ".join(filter(None, (fact.qualifier, value, fact.unit)))


@click.command("facts")
@click.argument("query", required=False)
@click.option("--metric", "-m", type=click.Choice(sorted(METRICS)), help="Only this figure.")
@click.option("--scope", "scopes", multiple=True, type=click.Choice(sorted(SCOPES)), help="Only figures of this scope (repeatable).")
@click.option("--latest", is_flag=True, help="One row per province (2025 unit with --merged): the province total of the newest article stating one (needs --metric).")
@filter_options
@output_options("json", "jsonl", "csv")
@click.pass_context
def facts_command(ctx, query, metric, scopes, latest, filters, fmt):
    """Figures reported in articles: cooperatives, members, new cooperatives, credit funds, revenue, loans …

    Example: htx facts --metric cooperatives --latest
    """
    if latest and not metric:
        raise UserError(f"--latest needs --metric, one of: {', '.join(sorted(METRICS))}")
    if latest:
        _print_latest(archive(ctx).latest_totals(metric, filters, query), fmt)
        return
    found = archive(ctx).facts(query, filters, metric, scopes)

    def text():
        for fact in found:
            scope = fact.scope + (f": {fact.label}" if fact.label else "")
            click.echo(f"{fact.province:<14} {vn_date(fact.published):<16} {fact.metric:<18} {_number(fact):>22}  ({fact.kind}, {scope})")
            click.echo(f"    “{fact.sentence}”\n    {fact.url}")
        click.echo(f"{len(found)} figures")

    emit(fmt, [fact_record(fact) for fact in found], text)


def _print_latest(latest: dict[str, Fact | None], fmt: str | None) -> None:
    """The province table of --latest: value, date and source per row, or that the row states no total."""
    none = "no province total stated"
    records = [latest_record(row, fact) for row, fact in latest.items()]

    def text():
        width = max([len(row) for row in latest] + [8])
        for row, fact in latest.items():
            shown = f"{_number(fact):>22}  {vn_date(fact.published):<16} {fact.url}" if fact else f"{'—':>22}  {none}"
            click.echo(f"{row:<{width}} {shown}")
        click.echo(f"{sum(1 for f in latest.values() if f)} of {len(latest)} provinces state a total")

    emit(fmt, records, text)
