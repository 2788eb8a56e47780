"""Charts as geometry for the SVG templates: a heat map of a comparison and a line chart of reported figures.

Drawn on the server, so they need no network, no script and print as they show."""

import math
from dataclasses import dataclass, field
from datetime import datetime

from indexer.reports.compare import Coverage
from indexer.reports.facts import Fact, is_reported_total
from search_cli.web.vn import vn_number, vn_period

GREENS = ("#f7fcb9", "#d9f0a3", "#addd8e", "#78c679", "#41ab5d", "#238443", "#006837", "#004529")  # ColorBrewer YlGn
EMPTY = "#f2f2f2"
SERIES = ("#1b6ca8", "#d1495b", "#2e8b57", "#edae49", "#6a4c93", "#00798c", "#8c564b", "#444444")
LABEL_WIDTH, TOP, ROW, CHART_WIDTH = 150, 70, 20, 900


@dataclass
class Cell:
    x: float
    y: float
    width: float
    fill: str
    ink: str  # the colour of the count written in the cell
    count: int
    row: str
    period: str


@dataclass
class HeatMap:
    width: float
    height: float
    cell_width: float
    show_counts: bool
    cells: list[Cell]
    rows: list[tuple[float, str]]  # (y of the text baseline, province)
    columns: list[tuple[float, str]]  # (x of the column's centre, period) for the periods labelled
    legend: list[tuple[float, str, str]] = field(default_factory=list)  # (x, fill, label)


def _shade(count: int, top: int) -> int:
    return max(1, math.ceil(count / top * len(GREENS))) - 1


def heat_map(result: Coverage) -> HeatMap:
    """Provinces down, periods across, darker for more stories; zeros light grey."""
    periods, rows = result.periods, list(result.rows)
    top = max((c for counts in result.rows.values() for c in counts.values()), default=0) or 1
    cell = max(6.0, min(48.0, (CHART_WIDTH - LABEL_WIDTH) / max(1, len(periods))))
    every = math.ceil(44 / cell)  # label every n-th period so labels do not overlap
    cells = []
    for y, row in enumerate(rows):
        for x, period in enumerate(periods):
            count = result.rows[row].get(period, 0)
            shade = _shade(count, top) if count else -1
            cells.append(Cell(LABEL_WIDTH + x * cell, TOP + y * ROW, cell, GREENS[shade] if count else EMPTY,
                              "#ffffff" if shade >= 4 else "#222222", count, row, period))
    height = TOP + len(rows) * ROW + 50
    steps = [round(top * (i + 1) / len(GREENS)) for i in range(len(GREENS))]
    legend = [(LABEL_WIDTH + i * 44, fill, label) for i, (fill, label) in
              enumerate([(EMPTY, "0")] + [(GREENS[i], f"≤ {vn_number(step)}") for i, step in enumerate(steps)])]
    return HeatMap(
        width=LABEL_WIDTH + len(periods) * cell + 10, height=height, cell_width=cell, show_counts=cell >= 24,
        cells=cells, rows=[(TOP + y * ROW + ROW * 0.7, row) for y, row in enumerate(rows)],
        columns=[(LABEL_WIDTH + x * cell + cell / 2, vn_period(p)) for x, p in enumerate(periods) if x % every == 0],
        legend=legend,
    )


@dataclass
class Series:
    name: str
    colour: str
    path: str
    points: list[tuple[float, float, str]]  # (x, y, tooltip)


@dataclass
class LineChart:
    width: float
    height: float
    left: float
    top: float
    bottom: float
    right: float
    unit: str
    series: list[Series]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def _nice_top(value: float) -> float:
    magnitude = 10 ** math.floor(math.log10(value)) if value > 0 else 1
    return next(step * magnitude for step in (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10) if step * magnitude >= value)


def _scale(facts: list[Fact]) -> tuple[float, str]:
    unit, top = facts[0].unit, max(f.value for f in facts)
    if unit == "đồng" and top >= 10**9:
        return 10**9, "tỷ đồng"
    if unit == "đồng" and top >= 10**6:
        return 10**6, "triệu đồng"
    return 1, unit


def history_chart(found: list[Fact], series_limit: int = len(SERIES)) -> LineChart | None:
    """Reported province totals over time, one line per province (the ones with most figures), None with nothing
    dated. An article gives one point: its first province total, the one the table of latest figures would show."""
    first_of_article: dict[str, Fact] = {}
    for fact in found:
        if fact.published and is_reported_total(fact):
            first_of_article.setdefault(fact.url, fact)
    dated = list(first_of_article.values())
    if not dated:
        return None
    by_province: dict[str, list[Fact]] = {}
    for fact in sorted(dated, key=lambda f: f.published):
        by_province.setdefault(fact.province or "?", []).append(fact)
    chosen = sorted(by_province, key=lambda p: (-len(by_province[p]), p))[:series_limit]
    divisor, unit = _scale(dated)
    width, height, left, top, right, bottom = 900, 360, 80, 20, 880, 320
    first, last = min(f.published for f in dated), max(f.published for f in dated)
    span = (last - first).total_seconds() or 1
    y_top = _nice_top(max(f.value for f in dated) / divisor)

    def x_of(moment: datetime) -> float:
        return left + (moment - first).total_seconds() / span * (right - left) if last > first else (left + right) / 2

    def y_of(value: float) -> float:
        return bottom - value / divisor / y_top * (bottom - top)

    series = []
    for colour, province in zip(SERIES, chosen):
        points = [(round(x_of(f.published), 1), round(y_of(f.value), 1),
                   f"{province} {f.published:%d/%m/%Y}: {vn_number(f.value / divisor)} {unit}".strip()) for f in by_province[province]]
        path = "M" + " L".join(f"{x},{y}" for x, y, _ in points)
        series.append(Series(province, colour, path, points))
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    x_ticks = [(round(x_of(datetime(year, 1, 1)), 1), str(year)) for year in years]
    if not x_ticks:
        x_ticks = [(round(x_of(first), 1), first.strftime("%d/%m/%Y"))]
    y_ticks = [(round(y_of(y_top * divisor * i / 4), 1), vn_number(y_top * i / 4)) for i in range(5)]
    return LineChart(width, height, left, top, bottom, right, unit, series, x_ticks, y_ticks)
