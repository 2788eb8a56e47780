"""Running portal spiders in this process and summarising what they did."""

import json
import logging
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.profiles import PortalProfile
from crawler.spider_loader import spider_class
from crawler.store import index_pending
from indexer.vietnamese.dates import now_vn

LOOPBACK_SETTINGS = {  # for fixture replicas on 127.0.0.1: no need to spare the server
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


@dataclass
class PortalSummary:
    """What one portal's crawl did."""

    portal: str
    requests: int = 0
    pages_fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_not_cooperative: int = 0
    known_not_fetched: int = 0
    failed: dict = field(default_factory=dict)
    resting: int = 0
    discovery_pages: int = 0
    over_budget: int = 0
    warnings: int = 0

    @classmethod
    def from_stats(cls, portal: str, stats: dict) -> "PortalSummary":
        failed = Counter({k.removeprefix("htx/failed/"): v for k, v in stats.items() if k.startswith("htx/failed/")})
        return cls(
            portal=portal,
            requests=stats.get("downloader/request_count", 0) - stats.get("httpcache/hit", 0),
            pages_fetched=stats.get("downloader/response_count", 0),
            new=stats.get("htx/new", 0),
            updated=stats.get("htx/updated", 0),
            unchanged=stats.get("htx/unchanged", 0),
            skipped_not_cooperative=stats.get("htx/skipped_not_cooperative", 0),
            known_not_fetched=stats.get("htx/known_not_fetched", 0),
            failed=dict(failed),
            resting=stats.get("htx/resting", 0),
            discovery_pages=stats.get("htx/discovery_requests", 0),
            over_budget=stats.get("htx/over_budget", 0),
            warnings=stats.get("htx/warnings", 0),
        )

    def line(self) -> str:
        failed = sum(self.failed.values())
        reasons = f" ({', '.join(f'{k}: {v}' for k, v in sorted(self.failed.items()))})" if failed else ""
        resting = f", {self.resting} resting (failed or not articles before)" if self.resting else ""
        budget = f"; discovery: {self.discovery_pages} pages, {self.over_budget} links left over budget" if self.discovery_pages else ""
        return (
            f"{self.portal}: {self.requests} requests, {self.pages_fetched} pages fetched{budget}; indexed {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged; skipped {self.skipped_not_cooperative} not about cooperatives, "
            f"{self.known_not_fetched} already stored{resting}; "
            f"failed {failed}{reasons}"
        )


def conditional_requests(data_dir: Path) -> dict:
    """Scrapy's HTTP cache with the RFC 2616 policy: pages fetched before are asked for again with
    If-None-Match / If-Modified-Since where the portal sent an ETag or Last-Modified, and a 304 costs no body."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_STORAGE": "crawler.httpcache.SharedFilesystemCacheStorage",  # two crawls of one portal may overlap
        "HTTPCACHE_DIR": str(data_dir / "httpcache"),
        "HTTPCACHE_IGNORE_HTTP_CODES": [500, 502, 503, 504, 429, 404, 408],
    }


class StatusLine(logging.Handler):
    """On a terminal, progress as one line rewritten in place: per portal the articles extracted, skipped and
    committed so far, and the time spent; other messages print above it."""

    def __init__(self):
        super().__init__()
        self.counts: dict[str, Counter] = {}
        self.started = time.monotonic()

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "event", None)
        if event is None:
            sys.stderr.write("\r\033[K" + record.getMessage() + "\n")
        else:
            self.counts.setdefault(record.portal, Counter())[event] += getattr(record, "count", 1)
        parts = [f"{portal}: {c['extracted']} articles, {c['skipped']} skipped, {c['committed']} committed"
                 for portal, c in self.counts.items()]
        sys.stderr.write(f"\r\033[Kcrawling {int(time.monotonic() - self.started)}s · " + " · ".join(parts))
        sys.stderr.flush()


def setup_logging(verbose: bool = False) -> None:
    """Progress on stderr: a status line on a terminal, a line per article when piped (for logs); Scrapy's own
    messages only when they are warnings (or verbose).

    Levels sit on the handlers, because Scrapy resets the root logger's level when a crawler starts.
    """
    root = logging.StreamHandler(sys.stderr)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(root)
    progress = logging.getLogger("htx.progress")
    progress.setLevel(logging.INFO)
    progress.propagate = False
    if not progress.handlers:
        handler = StatusLine() if sys.stderr.isatty() else logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress.addHandler(handler)


def crawl(
    profiles: list[PortalProfile],
    data_dir: Path,
    base_urls: dict[str, str] | None = None,
    keep_all: bool = False,
    max_list_pages: int = 0,
    refresh: bool = False,
    settings: dict | None = None,
) -> list[PortalSummary]:
    """Crawl the portals concurrently into ``data_dir``; a summary per portal, also saved in ``crawls/``.

    Articles already stored are not fetched again unless ``refresh``; stored articles that a killed run did
    not commit are indexed first. ``base_urls`` maps a portal to a replica's address (the fixture server);
    such crawls skip politeness delays.
    """
    recovered = index_pending(Path(data_dir), keep_all)
    if recovered:
        logging.getLogger("htx.progress").info("indexed %d stored articles an interrupted crawl had not committed", recovered)
    base_urls = base_urls or {}
    scrapy_settings = Settings()
    scrapy_settings.setmodule("crawler.settings", priority="project")
    scrapy_settings.update({"HTX_DATA_DIR": str(data_dir), "HTX_KEEP_ALL": keep_all, **conditional_requests(Path(data_dir))}, priority="cmdline")
    if base_urls or all(urlsplit(p.base_url).hostname in ("127.0.0.1", "localhost", "::1") for p in profiles):
        scrapy_settings.update(LOOPBACK_SETTINGS, priority="project")  # a profile's [settings] still win
    scrapy_settings.update(settings or {}, priority="cmdline")
    scrapy_settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(scrapy_settings)
    crawlers = {}
    for profile in profiles:
        crawlers[profile.name] = process.create_crawler(spider_class(profile))
        process.crawl(crawlers[profile.name], base_url=base_urls.get(profile.name), max_list_pages=max_list_pages, refresh=refresh)
    process.start()
    summaries = [PortalSummary.from_stats(name, c.stats.get_stats()) for name, c in crawlers.items()]
    log_dir = Path(data_dir) / "crawls"
    log_dir.mkdir(parents=True, exist_ok=True)
    stamp = now_vn().strftime("%Y%m%dT%H%M%S")
    (log_dir / f"{stamp}.json").write_text(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=1), encoding="utf-8")
    return summaries
