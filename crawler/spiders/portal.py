"""The generic portal spider: walks a profile's list pages and extracts every article they link to."""

import hashlib
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
from crawler.learn import POSTBACK, in_menu
from crawler.pages import decode_html
from crawler.profiles import PortalProfile
from crawler.state import CrawlState
from crawler.store import data_dir_of

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
        self.known_seen: set[str] = set()
        self.resting: set[str] = set()  # known failures not asked for again yet (backoff)
        self.asked: set[str] = set()  # what this run asked for
        self.resuming = False
        self.allowed_domains = list(self.profile.domains)
        if base_url:
            self.allowed_domains.append(urlsplit(base_url).hostname)
        self.list_pages_seen = 0
        self.discovery_left = 0
        self.run_id = None
        self._state = None

    @property
    def state(self) -> CrawlState:
        """The data directory's crawl database (opened on first use)."""
        if self._state is None:
            self._state = CrawlState(data_dir_of(self.settings))
        return self._state

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
        """The links worth a request: not stored yet, and not a known failure still resting on its backoff
        schedule (both counted, once each). ``--refresh`` asks for every link."""
        new = []
        for url in dict.fromkeys(urls):
            canonical = self.canonical_url(url)
            if self.refresh or canonical in self.asked:  # asked for in this run: Scrapy's duplicate filter drops it
                new.append(url)
            elif self.state.is_stored_article(canonical):
                self.known_seen.add(canonical)
            elif self.state.should_fetch(canonical):
                new.append(url)
            else:
                self.resting.add(canonical)
        self.asked.update(self.canonical_url(url) for url in new)
        self.crawler.stats.set_value("htx/known_not_fetched", len(self.known_seen))
        self.crawler.stats.set_value("htx/resting", len(self.resting))
        return new

    async def start(self):
        self.run_id = self.state.start_run(self.name)
        self.resuming = not self.state.last_run_completed(self.name, before=self.run_id)
        discovering = not self.profile.article_links
        self.discovery_left = self.settings.getint("HTX_DISCOVERY_BUDGET") if discovering else 0
        for url in self.profile.start_urls(self.fetch_base):
            yield self.discovery_request(url, force=True) if discovering else self.revalidated(url, self.parse_list, "list")
        for url in self.portal_links(self.profile.feed_urls(self.fetch_base)):
            yield self.revalidated(url, self.parse_feed, "feed")

    def revalidated(self, url: str, callback, kind: str) -> scrapy.Request:
        """A list page, feed or sitemap is always revalidated (a conditional request when a cached copy has an
        ETag or date)."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, headers={"Cache-Control": "max-age=0"}, meta={"kind": kind})

    def remember(self, response, kind: str) -> None:
        """Note a response that gave what its kind promises, with its validators and a digest of its body."""
        headers = response.headers
        self.state.fetched(
            self.canonical_url(response.url), self.name, kind, response.status,
            etag=headers.get("ETag", b"").decode("latin-1"), last_modified=headers.get("Last-Modified", b"").decode("latin-1"),
            content_hash=hashlib.sha1(response.body).hexdigest(),
        )

    def parse_list(self, response):
        """A list page: every article not stored yet, then the next list page.

        Lists run newest first, so a page whose articles are all stored ends the walk, unless the previous
        crawl was interrupted: then every list page is read again (its stored articles still are not fetched).
        """
        self.list_pages_seen += 1
        html = self.page_text(response)
        if html is None:
            return
        self.remember(response, "list")
        soup = BeautifulSoup(html, "lxml")
        links = [urljoin(response.url, a["href"]) for a in soup.select(self.profile.article_links) if a.get("href")]
        new = self.not_stored(links)
        yield from self.article_requests(new)
        if (links and not new and not self.resuming) or (self.max_list_pages and self.list_pages_seen >= self.max_list_pages):
            return
        next_link = soup.select_one(self.profile.next_page) if self.profile.next_page else None
        href = next_link.get("href", "").strip() if next_link is not None else ""
        if href and (POSTBACK.match(href) or not href.startswith(("#", "javascript:"))):
            yield self.next_list_request(response, href)

    def next_list_request(self, response, href: str) -> scrapy.Request:
        """The next list page: a link, or an ASP.NET ``__doPostBack`` answered with the page's form posted back."""
        postback = POSTBACK.match(href.strip())
        if postback is None:
            return self.revalidated(urljoin(response.url, href), self.parse_list, "list")
        target, argument = postback.groups()
        return scrapy.FormRequest.from_response(
            response, formdata={"__EVENTTARGET": target, "__EVENTARGUMENT": argument}, dont_click=True,
            callback=self.parse_list, errback=self.on_error, meta={"kind": "list"},
        )

    def parse_feed(self, response):
        """A feed, sitemap or sitemap index: its child sitemaps, and every article it links to that is not
        stored yet; links to other sites are dropped. A malformed document is counted as failed, and what
        could be read of it is still followed."""
        if self.is_empty(response):
            return
        links = feed_links(response.body, response.url)
        if links.problem:
            self.count_failure(response, links.problem, links.detail)
        else:
            self.remember(response, "feed")
        for url in self.portal_links(links.sitemaps):
            yield self.revalidated(url, self.parse_feed, "feed")
        yield from self.article_requests(self.not_stored(self.portal_links(links.articles)))

    def article_requests(self, urls: list[str]):
        """Requests for article pages (the same page linked from a list and a feed is fetched once: Scrapy's
        duplicate filter)."""
        for url in urls:
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error, meta={"kind": "article"})

    def extract(self, response):
        """The article on a page (None when there is none: the reason is counted)."""
        html = self.page_text(response)
        if html is None:
            return None
        result = extract_article(html, self.canonical_url(response.url), self.profile)
        for warning in result.warnings:
            self.logger.warning("%s: %s", response.url, warning)
            self.crawler.stats.inc_value("htx/warnings")
        if result.article is None and response.meta.get("kind") == "article":
            self.count_failure(response, result.problem)
        return result.article

    def parse_article(self, response):
        """An article page: extract it, or count why not."""
        article = self.extract(response)
        if article is not None:
            yield article

    def discovery_request(self, url: str, force: bool = False) -> scrapy.Request | None:
        """A page of a portal without a list profile, while the page budget lasts (the start page always)."""
        if not force and self.discovery_left <= 0:
            self.crawler.stats.inc_value("htx/over_budget")
            return None
        self.discovery_left -= 0 if force else 1
        self.crawler.stats.inc_value("htx/discovery_requests")
        return scrapy.Request(url, callback=self.parse_discovered, errback=self.on_error, meta={"kind": "page"}, dont_filter=force)

    def parse_discovered(self, response):
        """A portal without a list profile: every page goes to the generic extractor; pages that are not articles
        (home, list, search pages) are only followed, within the page budget and the depth limit, and rest before
        they are read again. Menus, headers and footers (other agencies' links) are not walked; links stay on the portal."""
        article = self.extract(response)
        if article is not None:
            yield article
            return
        self.crawler.stats.inc_value("htx/not_articles")
        # followed now, then resting on the backoff schedule like a failure (the start page is asked for every run)
        self.state.failed(self.canonical_url(response.url), self.name, "not-article", "not an article", response.status)
        html = self.page_text(response)
        soup = BeautifulSoup(html or "", "lxml")
        links = [urljoin(response.url, a["href"]).split("#")[0] for a in soup.find_all("a", href=True) if not in_menu(a)]
        links = [url for url in self.portal_links(links) if not SKIPPED_LINKS.search(url)]
        for url in self.not_stored(links):
            if self.state.should_fetch(self.canonical_url(url)) or self.refresh:
                request = self.discovery_request(url)
                if request is not None:
                    yield request

    def closed(self, reason):
        """Note the run's end: one that ran to its end marks the portal's list walk complete."""
        stats = self.crawler.stats.get_stats()
        requests = stats.get("downloader/request_count", 0) - stats.get("httpcache/hit", 0)
        self.state.finish_run(self.run_id, "finished" if reason == "finished" else reason, requests)
        self.state.close()

    def is_empty(self, response) -> bool:
        """True, counted as failed, when the server sent no body."""
        if response.body.strip():
            return False
        self.count_failure(response, "empty page")
        return True

    def page_text(self, response) -> str | None:
        """The page as text; None when the server sent no body."""
        if self.is_empty(response):
            return None
        return decode_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))

    def on_error(self, failure):
        """A request that failed for good (after retries): counted by reason."""
        error = failure.value
        status = error.response.status if isinstance(error, HttpError) else None
        self.count_failure(failure.request, failure_reason(error), status=status)

    def count_failure(self, source, reason: str, detail: str = "", status: int | None = None) -> None:
        """Log a page that gave no article (or a broken feed), count it under ``htx/failed/<reason>`` and note it
        in the crawl database, where it rests on the backoff schedule. ``source`` is the request or response."""
        self.logger.warning("%s: %s%s", source.url, reason, f" ({detail})" if detail else "")
        self.crawler.stats.inc_value(f"htx/failed/{reason}")
        kind = source.meta.get("kind", "article")
        answered = isinstance(source, scrapy.http.Response)
        if kind == "page" or (kind == "article" and answered):
            kind = "not-article"  # a page that came but holds no article (or a link that was never one)
        self.state.failed(self.canonical_url(source.url), self.name, kind, reason, source.status if answered else status)
