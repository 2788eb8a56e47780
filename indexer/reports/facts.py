"""Facts: the figures stored with each article (see indexer/reports/figures.py), filtered and ranked for reports."""

from dataclasses import dataclass
from datetime import datetime

from whoosh import query as Q
from whoosh.index import Index

from indexer.query.matching import matching_docs
from indexer.query.search import filter_queries, parse_query
from indexer.reports.figures import Figure
from indexer.vietnamese.provinces import Province, by_key, national

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
