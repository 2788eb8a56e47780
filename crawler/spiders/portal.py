"""The generic portal spider: walks a profile's list pages and extracts every article they link to."""

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from bs4 import BeautifulSoup
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.feeds import feed_links
from crawler.guard import extract_within_budget as extract_article
from crawler.pages import decode_html
from crawler.profiles import PortalProfile
from crawler.store import data_dir_of, known_article_urls, last_crawl_finished, record_crawl_state

SKIPPED_LINKS = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif|mp[34]|avi)(\?|$)|/(login|dang-nhap|tim-kiem|search)\b|javascript:|mailto:", re.I)

# How the crawl summary names a download that failed for good (other exceptions: by their class name).
FAILURE_REASONS = {
    DownloadTimeoutError: "timeout",
    DownloadFailedError: "connection lost",
    ResponseDataLossError: "truncated response",
    DownloadCancelledError: "page over size limit",
    DownloadConnectionRefusedError: "connection refused",
    CannotResolveHostError: "unknown host",
}


def with_origin(url: str, origin: str) -> str:
    """``url`` with the scheme and host of ``origin``."""
    base = urlsplit(origin)
    return urlunsplit(urlsplit(url)._replace(scheme=base.scheme, netloc=base.netloc))


def failure_reason(error: Exception) -> str:
    """Why a request failed: its HTTP status, an IgnoreRequest's message (redirect loop, redirect to private
    address, max redirections reached), or FAILURE_REASONS."""
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    if isinstance(error, IgnoreRequest):
        return str(error) or "ignored"
    return FAILURE_REASONS.get(type(error), type(error).__name__)


class PortalSpider(scrapy.Spider):
    """Crawls one portal as its profile describes; ``-a base_url=...`` points it at a replica."""

    profile: PortalProfile

    def __init__(self, base_url: str | None = None, max_list_pages: str | int = 0, refresh: str | bool = False, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fetch_base = base_url or self.profile.base_url
        self.max_list_pages = int(max_list_pages or 0)
        self.refresh = refresh in (True, "1", "true", "yes")
        self.known: set[str] = set()
        self.known_seen: set[str] = set()
        self.resuming = False
        self.allowed_domains = list(self.profile.domains)
        if base_url:
            self.allowed_domains.append(urlsplit(base_url).hostname)
        self.list_pages_seen = 0

    def canonical_url(self, url: str) -> str:
        """The article's address on the real portal (fixture replicas map back to it), without fragment."""
        if self.fetch_base != self.profile.base_url and url.startswith(self.fetch_base.rstrip("/")):
            url = with_origin(url, self.profile.base_url)
        parts = urlsplit(url)
        return urlunsplit(parts._replace(fragment="", netloc=parts.netloc.lower()))

    def portal_links(self, urls: list[str]) -> list[str]:
        """The links that lead to the portal, as they are fetched: the real portal's addresses (feeds and sitemaps
        name them in full) point at the replica when crawling one. Links to other sites are dropped."""
        replica = self.fetch_base != self.profile.base_url
        fetch_host = urlsplit(self.fetch_base).netloc
        kept = []
        for url in urls:
            if self.profile.owns(url):
                kept.append(with_origin(url, self.fetch_base) if replica else url)
            elif urlsplit(url).netloc == fetch_host:
                kept.append(url)
        return kept

    def not_stored(self, urls: list[str]) -> list[str]:
        """The links to articles not stored yet; the others are counted once each as already stored."""
        new = []
        for url in urls:
            canonical = self.canonical_url(url)
            if canonical in self.known:
                self.known_seen.add(canonical)
            else:
                new.append(url)
        self.crawler.stats.set_value("htx/known_not_fetched", len(self.known_seen))
        return new

    async def start(self):
        data_dir = data_dir_of(self.settings)
        if not self.refresh:
            self.known = known_article_urls(data_dir)
        self.resuming = not last_crawl_finished(data_dir, self.name)
        record_crawl_state(data_dir, self.name, "running")
        for url in self.profile.start_urls(self.fetch_base):
            yield self.revalidated(url, self.parse_list) if self.profile.article_links else self.discovery_request(url)
        for url in self.portal_links(self.profile.feed_urls(self.fetch_base)):
            yield self.revalidated(url, self.parse_feed)

    def revalidated(self, url: str, callback) -> scrapy.Request:
        """A list page, feed or sitemap is always revalidated (a conditional request when a cached copy has an
        ETag or date)."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, headers={"Cache-Control": "max-age=0"})

    def parse_list(self, response):
        """A list page: every article not stored yet, then the next list page.

        Lists run newest first, so a page whose articles are all stored ends the walk, unless the previous
        crawl was interrupted: then every list page is read again (its stored articles still are not fetched).
        """
        self.list_pages_seen += 1
        html = self.page_text(response)
        if html is None:
            return
        soup = BeautifulSoup(html, "lxml")
        links = [urljoin(response.url, a["href"]) for a in soup.select(self.profile.article_links) if a.get("href")]
        new = self.not_stored(links)
        yield from self.article_requests(new)
        if (links and not new and not self.resuming) or (self.max_list_pages and self.list_pages_seen >= self.max_list_pages):
            return
        next_link = soup.select_one(self.profile.next_page)
        if next_link is not None and next_link.get("href"):
            yield self.revalidated(urljoin(response.url, next_link["href"]), self.parse_list)

    def parse_feed(self, response):
        """A feed, sitemap or sitemap index: its child sitemaps, and every article it links to that is not
        stored yet; links to other sites are dropped. A malformed document is counted as failed, and what
        could be read of it is still followed."""
        if self.is_empty(response):
            return
        links = feed_links(response.body, response.url)
        if links.problem:
            self.count_failure(response.url, links.problem, links.detail)
        for url in self.portal_links(links.sitemaps):
            yield self.revalidated(url, self.parse_feed)
        yield from self.article_requests(self.not_stored(self.portal_links(links.articles)))

    def article_requests(self, urls: list[str]):
        """Requests for article pages (the same page linked from a list and a feed is fetched once: Scrapy's
        duplicate filter)."""
        for url in urls:
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error)

    def parse_article(self, response):
        """An article page: extract it, or count why not."""
        html = self.page_text(response)
        if html is None:
            return
        result = extract_article(html, self.canonical_url(response.url), self.profile)
        for warning in result.warnings:
            self.logger.warning("%s: %s", response.url, warning)
            self.crawler.stats.inc_value("htx/warnings")
        if result.article is None:
            self.count_failure(response.url, result.problem)
            return
        yield result.article

    def discovery_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_discovered, errback=self.on_error)

    def parse_discovered(self, response):
        """A portal without a profile: every page goes to the generic extractor; pages that are not articles
        (home, list, search pages) are only followed. Links stay on the portal's domains (OffsiteMiddleware)."""
        html = self.page_text(response)
        if html is None:
            return
        result = extract_article(html, self.canonical_url(response.url), self.profile)
        if result.article is not None:
            yield result.article
        else:
            self.crawler.stats.inc_value("htx/not_articles")
        for link in BeautifulSoup(html, "lxml").find_all("a", href=True):
            url = urljoin(response.url, link["href"]).split("#")[0]
            if url.startswith("http") and not SKIPPED_LINKS.search(url) and self.canonical_url(url) not in self.known:
                yield self.discovery_request(url)

    def closed(self, reason):
        """A crawl that ran to its end marks the portal's list walk complete."""
        if reason == "finished":
            record_crawl_state(data_dir_of(self.settings), self.name, "finished")

    def is_empty(self, response) -> bool:
        """True, counted as failed, when the server sent no body."""
        if response.body.strip():
            return False
        self.count_failure(response.url, "empty page")
        return True

    def page_text(self, response) -> str | None:
        """The page as text; None when the server sent no body."""
        if self.is_empty(response):
            return None
        return decode_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))

    def on_error(self, failure):
        """A request that failed for good (after retries): counted by reason."""
        self.count_failure(failure.request.url, failure_reason(failure.value))

    def count_failure(self, url: str, reason: str, detail: str = "") -> None:
        """Log a page that gave no article (or a broken feed) and count it under ``htx/failed/<reason>``."""
        self.logger.warning("%s: %s%s", url, reason, f" ({detail})" if detail else "")
        self.crawler.stats.inc_value(f"htx/failed/{reason}")
