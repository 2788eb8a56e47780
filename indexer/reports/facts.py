"""Facts: the figures stored with each article (see indexer/reports/figures.py), filtered and ranked for reports."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from whoosh import query as Q
from whoosh.index import Index

from indexer.query.matching import matching_docs
from indexer.query.search import filter_queries, parse_query
from indexer.reports.compare import period_of, periods_between
from indexer.reports.figures import Figure
from indexer.vietnamese.provinces import Province, all_provinces, by_key, national

NATIONAL = national().name


@dataclass(frozen=True)
class Fact(Figure):
    """A figure with where and when it was reported."""

    province: str
    unit_2025: str
    published: datetime | None
    url: str


def facts(
    ix: Index,
    text: str | None = None,
    metric: str | None = None,
    provinces: list[Province] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    scopes: tuple[str, ...] = (),
) -> list[Fact]:
    """Every stored figure of the matching articles (of these ``scopes``, else all), newest first; a story's
    copies give its figures once."""
    parts = [parse_query(ix, text)] if text else []
    if metric:
        parts.append(Q.Term("metrics", metric))
    parts += filter_queries(list(provinces), since, until, mentions=False)
    query = Q.And(parts) if parts else Q.Every()
    found, seen = [], set()
    with ix.searcher() as searcher:
        for docnum in matching_docs(searcher, query).tolist():
            doc = searcher.stored_fields(docnum)
            province = by_key(doc["province"]) if doc.get("province") else None
            for figure in doc.get("figures") or ():
                key = (doc.get("story"), figure["metric"], figure["value"], figure["kind"], figure["scope"])
                if (metric and figure["metric"] != metric) or (scopes and figure["scope"] not in scopes) or key in seen:
                    continue
                seen.add(key)
                found.append(Fact(
                    province=province.name if province else "", unit_2025=province.unit_2025 if province else "",
                    published=doc.get("published"), url=doc["url"], **figure,
                ))
    return sorted(found, key=lambda f: f.published or datetime.min, reverse=True)


def is_reported_total(fact: Fact) -> bool:
    """An achieved total of the whole province (the national scope's: a national total), not a part, an average,
    one cooperative's figure, a target or a criterion."""
    return fact.scope == ("national" if fact.province == NATIONAL else "total") and fact.kind == "achieved"


def latest_per_province(found: list[Fact], merged: bool = False, rows: tuple[str, ...] = ()) -> dict[str, Fact | None]:
    """Per province (or 2025 unit with ``merged``) the achieved province total of the newest article stating one
    (an exact one over a qualified one), None for a province of ``rows`` or of ``found`` that states none. The
    national scope keeps its own row: its national totals are its totals."""
    latest: dict[str, Fact | None] = dict.fromkeys(rows)
    for fact in found:  # newest first
        row = fact.unit_2025 if merged else fact.province
        if not is_reported_total(fact):
            latest.setdefault(row, None)
            continue
        chosen = latest.get(row)
        if chosen is None or (chosen.url == fact.url and chosen.qualifier and not fact.qualifier):
            latest[row] = fact  # in one article, "532 HTX" over the headline's "hơn 500 HTX"
    return dict(sorted(latest.items()))


@dataclass(frozen=True)
class PeriodTotal:
    """A row's reported total in one period: ``parts`` are the newest province total of each former province in
    the row (one, unless merged), ``missing`` the former provinces of a merged row that reported none in the
    period; then the total is partial and ``value`` is None (a sum of some parts would read as a fall)."""

    parts: tuple[Fact, ...]
    missing: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        return None if self.missing else sum(part.value for part in self.parts)

    @property
    def upper(self) -> float | None:
        """The upper end of a sum with a range in it."""
        if self.missing or all(part.upper is None for part in self.parts):
            return None
        return sum(part.value if part.upper is None else part.upper for part in self.parts)

    @property
    def qualifier(self) -> str:
        """The parts' qualifier ("hơn 500" + 300 is "hơn 800"); "khoảng" when they differ."""
        qualifiers = {part.qualifier for part in self.parts} - {""}
        return qualifiers.pop() if len(qualifiers) == 1 else "khoảng" if qualifiers else ""

    @property
    def unit(self) -> str:
        return self.parts[0].unit

    @property
    def published(self) -> datetime:
        return max(part.published for part in self.parts)


@dataclass
class MetricHistory:
    """One measure's reported totals per row (province, or 2025 unit when merged) and period; a period in which a
    row reported no total has no entry. ``undated`` names the provinces with a total in an undated article, which
    no period shows."""

    periods: list[str]
    rows: dict[str, dict[str, PeriodTotal]] = field(default_factory=dict)
    undated: list[str] = field(default_factory=list)


def _former_provinces(unit: str) -> tuple[str, ...]:
    """The former provinces a 2025 unit absorbed; the national scope is its own."""
    return tuple(p.name for p in all_provinces() if p.unit_2025 == unit) or (unit,)


def totals_over_time(
    found: list[Fact],
    period: str,
    merged: bool = False,
    rows: tuple[str, ...] = (),
    since: datetime | None = None,
    until: datetime | None = None,
) -> MetricHistory:
    """Per row and period the total ``latest_per_province`` takes from the period's articles: the achieved
    province total of the newest one stating one. With ``merged`` a 2025 unit's total is the sum of its former
    provinces' totals of the period where every one of them reported one, else partial (see PeriodTotal). Rows
    for ``rows`` and every province of ``found``; periods from ``since`` (else the first total) to ``until``."""
    by_period: dict[str | None, list[Fact]] = defaultdict(list)
    for fact in found:  # newest first
        by_period[period_of(fact.published, period) if fact.published else None].append(fact)
    undated = [row for row, fact in latest_per_province(by_period.pop(None, [])).items() if fact]
    table: dict[str, dict[str, PeriodTotal]] = {row: {} for row in rows}
    for fact in found:
        table.setdefault(fact.unit_2025 if merged else fact.province, {})
    for label, facts_in_period in sorted(by_period.items()):
        reported = {row: fact for row, fact in latest_per_province(facts_in_period).items() if fact}
        for row, cells in table.items():
            formers = _former_provinces(row) if merged else (row,)
            parts = tuple(reported[name] for name in formers if name in reported)
            if parts:
                cells[label] = PeriodTotal(parts, tuple(name for name in formers if name not in reported))
    dates = [cell.published for cells in table.values() for cell in cells.values()]
    first, last = since or min(dates, default=None), until or max(dates, default=None)
    periods = periods_between(first, last, period) if first and last else []
    return MetricHistory(periods, dict(sorted(table.items())), undated)
