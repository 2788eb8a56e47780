"""Results as plain, JSON-ready records: the shapes of ``htx search/compare/facts --json`` and of the web API."""

from datetime import datetime

from indexer.query.search import Hit, SearchResult
from indexer.reports.compare import Coverage
from indexer.reports.facts import Fact


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def marked_snippet(segments: list[tuple[str, bool]]) -> str:
    """A snippet as text, matched words **marked**."""
    return "".join(f"**{text}**" if matched else text for text, matched in segments)


def hit_record(hit: Hit) -> dict:
    """One hit: url, title, province, published (ISO), score, snippet (matches **marked**)."""
    return {
        "url": hit.url,
        "title": hit.title,
        "province": hit.province,
        "published": iso(hit.published),
        "score": round(hit.score, 4),
        "snippet": marked_snippet(hit.snippet),
    }


def search_record(result: SearchResult) -> dict:
    """A page of hits with the exact total and the matches per province, most first."""
    return {
        "total": result.total,
        "page": result.page,
        "hits": [hit_record(hit) for hit in result.hits],
        "by_province": dict(result.by_province.most_common()),
    }


def coverage_record(query: str, period: str, result: Coverage) -> dict:
    """Stories per province and period, every period of the span given (zeros included)."""
    return {
        "query": query,
        "period": period,
        "periods": result.periods,
        "undated": result.undated,
        "provinces": {row: {p: counts.get(p, 0) for p in result.periods} for row, counts in result.rows.items()},
    }


def coverage_rows(result: Coverage) -> list[list]:
    """The CSV rows of a comparison, header first: province, period, articles."""
    rows: list[list] = [["province", "period", "articles"]]
    for row, counts in result.rows.items():
        rows += [[row, period, counts.get(period, 0)] for period in result.periods]
    return rows


def fact_record(fact: Fact) -> dict:
    """One reported figure with its sentence, province, date (ISO) and source URL."""
    return {**fact.__dict__, "published": iso(fact.published)}


def latest_record(row: str, fact: Fact | None) -> dict:
    """One row of the latest totals: the province (or 2025 unit) and its newest figure, or that it states none."""
    return {"province": row, "value": fact.value if fact else None, "qualifier": fact.qualifier if fact else "",
            "unit": fact.unit if fact else "", "published": iso(fact.published) if fact else None,
            "url": fact.url if fact else None, "sentence": fact.sentence if fact else "no province total stated"}
