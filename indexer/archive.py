"""One library API over a data directory: what the htx command, the web page and scripts call.

    archive = NewsArchive(Path("~/.local/share/htx").expanduser())
    result = archive.search("hop tac xa", Filters(provinces=("Sóc Trăng",), since="tháng 5/2023"))

Filters are given as users type them (province names with or without diacritics, dates in every form
``htx search`` accepts); a filter that cannot be read raises FilterError naming the option.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from indexer.engine.index import (
    IndexMissing,
    IndexOutdated,
    check_index,
    open_index,
    prepare_data_dir,
    rebuild_index,
    to_document,
    write_articles,
)
from indexer.itemstore import ItemStore, read_jsonl
from indexer.query.search import SearchResult, search
from indexer.reports.compare import Coverage, coverage
from indexer.reports.facts import Fact, MetricHistory, facts, latest_per_province, totals_over_time
from indexer.reports.figures import METRICS
from indexer.reports.topics import Topic, topics
from indexer.vietnamese.dates import parse_date_span
from indexer.vietnamese.provinces import Province, UnknownProvince, resolve
from indexer.vietnamese.relevance import is_about_cooperatives

Progress = Callable[[int, int], None]  # told (done, total) as articles are written


class FilterError(ValueError):
    """A filter that cannot be read; ``option`` names it (province, since, until)."""

    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


class NothingStored(RuntimeError):
    """A rebuild found no stored article to index."""


class NoValidArticle(ValueError):
    """An import whose files hold no article that can be indexed; ``errors`` says what is wrong with each line."""

    def __init__(self, errors: list[str]):
        super().__init__("no valid article to index (each line needs url, title, body; see 'htx extract --jsonl')")
        self.errors = errors


@dataclass(frozen=True)
class Filters:
    """Which articles a question is about: provinces (former units, or 2025 units with ``merged``) and dates."""

    provinces: tuple[str, ...] = ()
    merged: bool = False
    since: str | None = None
    until: str | None = None

    def chosen_provinces(self) -> list[Province]:
        """The former provinces the names mean; FilterError with suggestions for an unknown name."""
        chosen: list[Province] = []
        try:
            for name in self.provinces:
                chosen += [p for p in resolve(name, merged=self.merged) if p not in chosen]
        except UnknownProvince as error:
            raise FilterError("province", str(error)) from None
        return chosen

    def span(self) -> tuple[datetime | None, datetime | None]:
        """The first and last moment the dates mean (a month, quarter or year covers its whole span)."""
        bounds = []
        for option, value, end in (("since", self.since, False), ("until", self.until, True)):
            try:
                bounds.append(parse_date_span(value)[end] if value else None)
            except ValueError as error:
                raise FilterError(option, str(error)) from None
        since, until = bounds
        if since and until and since > until:
            raise FilterError("since", f"{self.since} is after the until date {self.until}")
        return since, until


@dataclass
class ProvinceStats:
    province: str
    articles: int
    first: datetime | None
    last: datetime | None


@dataclass
class ImportReport:
    """What an import did: counts of new, updated and unchanged articles, and the lines it could not read."""

    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


class NewsArchive:
    """The index, stored items and crawl summaries of one data directory."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)

    def index(self):
        """The Whoosh index (opened anew, so a reader sees the latest commit); IndexMissing says how to make one."""
        return open_index(self.data_dir)

    def prepare_for_crawl(self) -> None:
        """Check before a crawl starts: the data directory can be written (OSError) and its index, if any,
        opens (IndexOutdated, IndexDamaged); a missing index is created by the crawl's first commit."""
        prepare_data_dir(self.data_dir)
        try:
            self.index().close()
        except IndexOutdated:
            raise
        except IndexMissing:
            pass

    def check(self) -> int:
        """Read the whole index (table of contents, segments, every article, term, posting and column); how
        many articles it holds. IndexDamaged names what is damaged."""
        return check_index(self.data_dir)

    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, page: int = 1,
               sort: str = "relevance") -> SearchResult:
        """One page of hits, best (or newest/oldest) first, the exact total and the matches per province."""
        provinces, (since, until) = filters.chosen_provinces(), filters.span()
        return search(self.index(), query, provinces, since, until, limit=limit, page=page, sort=sort)

    def coverage(self, query: str, filters: Filters = Filters(), period: str = "month") -> Coverage:
        """Distinct stories per province (2025 unit when merged) and period."""
        provinces, (since, until) = filters.chosen_provinces(), filters.span()
        return coverage(self.index(), query, period, provinces, filters.merged, since, until)

    def facts(self, query: str | None = None, filters: Filters = Filters(), metric: str | None = None,
              scopes: tuple[str, ...] = ()) -> list[Fact]:
        """Reported figures (of these scopes, else all), newest first; a story's copies give theirs once."""
        provinces, (since, until) = filters.chosen_provinces(), filters.span()
        return facts(self.index(), query, metric, provinces, since, until, scopes)

    def latest_totals(self, metric: str, filters: Filters = Filters(), query: str | None = None) -> dict[str, Fact | None]:
        """Per province (2025 unit when merged) the achieved province total of the newest article stating one;
        None for a chosen province that states none."""
        provinces = filters.chosen_provinces()
        rows = tuple(dict.fromkeys(p.unit_2025 if filters.merged else p.name for p in provinces))
        return latest_per_province(self.facts(query, filters, metric), filters.merged, rows)

    def metric_history(self, metric: str, filters: Filters = Filters(), period: str = "month",
                       query: str | None = None) -> MetricHistory:
        """Per province (2025 unit when merged) and period the reported total of ``metric`` (one of METRICS):
        the newest article's in each period; a merged unit's only where all its former provinces reported."""
        if metric not in METRICS:
            raise FilterError("metric", f"unknown measure '{metric}'; one of: {', '.join(sorted(METRICS))}")
        provinces, (since, until) = filters.chosen_provinces(), filters.span()
        rows = tuple(dict.fromkeys(p.unit_2025 if filters.merged else p.name for p in provinces))
        return totals_over_time(self.facts(query, filters, metric), period, filters.merged, rows, since, until)

    def topics(self, filters: Filters, limit: int = 20) -> list[Topic]:
        """The terms that set the chosen provinces' articles apart from the rest."""
        provinces, (since, until) = filters.chosen_provinces(), filters.span()
        return topics(self.index(), provinces, limit, since, until)

    def stats(self, filters: Filters = Filters()) -> list[ProvinceStats]:
        """Articles per province with their first and last dates, most articles first."""
        keys = {p.key for p in filters.chosen_provinces()}
        since, until = filters.span()
        rows: dict[str, ProvinceStats] = {}
        with self.index().searcher() as searcher:
            for doc in searcher.all_stored_fields():
                published = doc.get("published")
                if (keys and doc.get("province") not in keys) or (
                    (since or until) and (published is None or (since and published < since) or (until and published > until))
                ):
                    continue
                name = doc.get("province_name") or "?"
                row = rows.setdefault(name, ProvinceStats(name, 0, published, published))
                row.articles += 1
                if published:
                    row.first = min(filter(None, (row.first, published)))
                    row.last = max(filter(None, (row.last, published)))
        return sorted(rows.values(), key=lambda r: (-r.articles, r.province))

    def article(self, url: str) -> dict | None:
        """The stored fields of one indexed article, None when the index has no such URL."""
        with self.index().searcher() as searcher:
            return searcher.document(url=url.strip())

    def import_jsonl(self, paths: Iterable[Path], progress: Progress | None = None) -> ImportReport:
        """Store and index the articles of JSON Lines files (the fields of ``htx extract --json``); lines that
        cannot be read are reported by file and number, the rest indexed in one commit."""
        report, good = ImportReport(), []
        for path in paths:
            articles, errors = read_jsonl(path)
            report.errors += errors
            for article in articles:
                try:
                    to_document(article)
                    good.append(article)
                except ValueError as error:
                    report.errors.append(f"{path}: {article.url}: {error}")
        if not good:
            raise NoValidArticle(report.errors)
        run = ItemStore(self.data_dir).open_run("import")
        for article in good:
            run.write(article)
        run.close()
        report.counts = write_articles(self.data_dir, good, progress)
        return report

    def reindex(self, keep_all: bool = False, progress: Progress | None = None) -> int:
        """Rebuild the index from the stored items beside the old one, then swap them; how many were indexed."""
        articles = []
        for article in ItemStore(self.data_dir).best_copies():
            article.about_cooperatives = is_about_cooperatives(article.title, article.lead, article.body)
            if keep_all or article.about_cooperatives:
                articles.append(article)
        if not articles:
            raise NothingStored(f"no stored items in {self.data_dir / 'items'}: crawl first")
        return rebuild_index(self.data_dir, articles, progress)["new"]

    def crawl_runs(self) -> list[dict]:
        """Each crawl run, newest first: ``{"run": "YYYYmmddTHHMMSS", "portals": [summary per portal]}``."""
        runs = []
        for path in sorted((self.data_dir / "crawls").glob("*.json"), reverse=True):
            try:
                runs.append({"run": path.stem, "portals": json.loads(path.read_text(encoding="utf-8"))})
            except (OSError, ValueError):
                continue  # a summary cut short by a kill
        return runs
