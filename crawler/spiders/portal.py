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

from crawler.extract import extract_article
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
        self.resuming = False
        self.allowed_domains = list(self.profile.domains)
        if base_url:
            self.allowed_domains.append(urlsplit(base_url).hostname)
        self.list_pages_seen = 0

    def canonical_url(self, url: str) -> str:
        """The article's address on the real portal (fixture replicas map back to it), without fragment."""
        parts = urlsplit(url)
        if self.fetch_base != self.profile.base_url and url.startswith(self.fetch_base.rstrip("/")):
            real = urlsplit(self.profile.base_url)
            parts = parts._replace(scheme=real.scheme, netloc=real.netloc)
        return urlunsplit(parts._replace(fragment="", netloc=parts.netloc.lower()))

    async def start(self):
        data_dir = data_dir_of(self.settings)
        if not self.refresh:
            self.known = known_article_urls(data_dir)
        self.resuming = not last_crawl_finished(data_dir, self.name)
        record_crawl_state(data_dir, self.name, "running")
        for url in self.profile.start_urls(self.fetch_base):
            yield self.list_request(url) if self.profile.article_links else self.discovery_request(url)

    def list_request(self, url: str) -> scrapy.Request:
        """A list page is always revalidated (a conditional request when a cached copy has an ETag or date)."""
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error, headers={"Cache-Control": "max-age=0"})

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
        new = [url for url in links if self.canonical_url(url) not in self.known]
        self.crawler.stats.inc_value("htx/known_not_fetched", len(links) - len(new))
        for url in new:
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error)
        if (links and not new and not self.resuming) or (self.max_list_pages and self.list_pages_seen >= self.max_list_pages):
            return
        next_link = soup.select_one(self.profile.next_page)
        if next_link is not None and next_link.get("href"):
            yield self.list_request(urljoin(response.url, next_link["href"]))

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

    def page_text(self, response) -> str | None:
        """The page as text; None, counted as failed, when the server sent no body."""
        if not response.body.strip():
            self.count_failure(response.url, "empty page")
            return None
        return decode_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))

    def on_error(self, failure):
        """A request that failed for good (after retries): counted by reason."""
        self.count_failure(failure.request.url, failure_reason(failure.value))

    def count_failure(self, url: str, reason: str) -> None:
        """Log a page that gave no article and count it under ``htx/failed/<reason>``."""
        self.logger.warning("%s: %s", url, reason)
        self.crawler.stats.inc_value(f"htx/failed/{reason}")
