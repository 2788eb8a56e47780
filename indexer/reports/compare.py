"""Coverage: how many distinct stories matching a query each province published per period."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, lru_cache

from whoosh import query as Q
from whoosh.index import Index

from indexer.engine.columns import DAY, NO_DATE, column_values
from indexer.query.matching import matching_docs
from indexer.query.search import filter_queries, parse_query
from indexer.vietnamese.provinces import Province, by_key

PERIODS = ("month", "quarter", "year")


def period_of(moment: datetime, period: str) -> str:
    """The label of the period holding ``moment``: 2023-05, 2023-Q2 or 2023."""
    if period == "year":
        return f"{moment.year}"
    if period == "quarter":
        return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"
    return f"{moment.year}-{moment.month:02d}"


def periods_between(first: datetime, last: datetime, period: str) -> list[str]:
    """Every period label from ``first`` to ``last``, empty ones included."""
    labels, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = period_of(datetime(year, month, 1), period)
        if label not in labels:
            labels.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def _day(day: int) -> datetime:
    return datetime.min + timedelta(days=day)


@cache
def _period_of_day(day: int, period: str) -> str:
    return period_of(_day(day), period)


@dataclass
class Coverage:
    """Distinct stories per row (province or 2025 unit) and period; copies of one story count once."""

    periods: list[str]
    rows: dict[str, Counter] = field(default_factory=dict)
    undated: int = 0

    def total(self, row: str) -> int:
        return sum(self.rows[row].values())


def coverage(
    ix: Index,
    text: str,
    period: str = "month",
    provinces: list[Province] = (),
    merged: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Coverage:
    """Count matching stories per province (or 2025 unit with ``merged``) and period.

    A story republished on several portals counts once, for the province of its first copy. Rows for the
    chosen provinces (else every province in the index) are present even when they count zero.
    """
    full = Q.And([parse_query(ix, text), *filter_queries(list(provinces), since, until, mentions=False)])
    with ix.searcher() as searcher:
        docs = matching_docs(searcher, full).tolist()
        provinces_of, dates, stories = (column_values(searcher, name, docs) for name in ("province", "published", "story"))
        first_copy: dict[bytes, tuple[int, bytes]] = {}  # story -> (date, province) of its first copy
        for doc in docs:
            published, story = dates[doc], stories[doc]
            if published != NO_DATE and (story not in first_copy or published < first_copy[story][0]):
                first_copy[story] = (published, provinces_of[doc])
        undated = len(docs) - sum(1 for doc in docs if dates[doc] != NO_DATE)
        present = provinces or [by_key(key) for key in searcher.reader().field_terms("province") if key]

    def row_of(province: Province) -> str:
        return province.unit_2025 if merged else province.name

    row_of_key = lru_cache(maxsize=None)(lambda key: row_of(by_key(key.decode())))
    rows = {row_of(p): Counter() for p in present}
    for published, key in first_copy.values():
        rows.setdefault(row_of_key(key), Counter())[_period_of_day(published // DAY, period)] += 1
    days = [published // DAY for published, _ in first_copy.values()]
    first = since or (_day(min(days)) if days else None)
    last = until or (_day(max(days)) if days else None)
    periods = periods_between(first, last, period) if first and last else []
    return Coverage(periods=periods, rows=dict(sorted(rows.items())), undated=undated)
