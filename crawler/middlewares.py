"""Downloader middlewares for failing portals: honour Retry-After, fail redirect loops, refuse private redirects,
say in one line when robots.txt cannot be fetched."""

import ipaddress
import logging
import socket
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares import robotstxt
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.asyncio import run_in_thread, sleep
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

# IgnoreRequest messages: the spider counts a failure under its message (htx/failed/<message>).
REDIRECT_LOOP = "redirect loop"
PRIVATE_REDIRECT = "redirect to private address"
OFFSITE_REDIRECT = "redirect off-site to"  # followed by the target


def retry_after_seconds(value: bytes | None) -> float | None:
    """A Retry-After header in seconds (it holds seconds or an HTTP date); None when missing or unreadable."""
    text = (value or b"").decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return (parsedate_to_datetime(text) - datetime.now(UTC)).total_seconds()
    except (TypeError, ValueError):
        return None


def is_internal(host: str | None) -> bool:
    """True when ``host`` is, or resolves to, an address off the public internet (private, loopback, link-local…)."""
    if not host:
        return False
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            addresses = {ipaddress.ip_address(info[4][0]) for info in socket.getaddrinfo(host, None)}
        except OSError:
            return False  # unresolvable: the download itself fails and is counted
    return any(not address.is_global for address in addresses)


class RetryAfterMiddleware:
    """Before Scrapy's RetryMiddleware retries a 503 or 429, waits min(Retry-After, HTX_RETRY_AFTER_MAX) seconds."""

    def __init__(self, crawler):
        self.cap = crawler.settings.getfloat("HTX_RETRY_AFTER_MAX")
        self.max_retry_times = crawler.settings.getint("RETRY_TIMES")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response):
        retries_left = request.meta.get("retry_times", 0) < request.meta.get("max_retry_times", self.max_retry_times)
        delay = retry_after_seconds(response.headers.get("Retry-After")) if response.status in (429, 503) else None
        if retries_left and (delay or 0) > 0:
            await sleep(min(delay, self.cap))
        return response


class RedirectLoopMiddleware:
    """Fails a redirect back to an address already in its own redirect chain (REDIRECT_LOOP).

    Scrapy's duplicate filter would otherwise drop the looping request without a word.
    """

    def process_response(self, request, response):
        location = response.headers.get("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = urljoin(request.url, safe_url_string(location))
            if target in (*request.meta.get("redirect_urls", ()), request.url):
                raise IgnoreRequest(REDIRECT_LOOP)
        return response


class PrivateRedirectMiddleware:
    """Refuses a redirect to a private or loopback address (PRIVATE_REDIRECT): a portal must not steer the
    crawler into the local network. Crawls of a replica on such an address (127.0.0.1) are exempt."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request):
        if "redirect_urls" not in request.meta:
            return None
        if await run_in_thread(is_internal, urlsplit(request.url).hostname) and not await run_in_thread(
            is_internal, urlsplit(self.crawler.spider.fetch_base).hostname
        ):
            raise IgnoreRequest(PRIVATE_REDIRECT)
        return None


def on_portal(url: str, spider) -> bool:
    """True when ``url`` is on the spider's portal: a host on its domains and, when the crawl fetches from an
    explicit port (a replica), that same port (another port of the same host is another site)."""
    target, base = urlsplit(url), urlsplit(spider.fetch_base)
    host = target.hostname or ""
    on_domains = any(host == domain or host.endswith("." + domain) for domain in spider.allowed_domains)
    return on_domains and (base.port is None or target.port == base.port)


class OffsiteRedirectMiddleware:
    """Fails a redirect or meta refresh that leaves the portal (OFFSITE_REDIRECT and the target), so that the
    page it replaced is counted under failed instead of vanishing in Scrapy's offsite filter (which drops the
    redirected request when it is scheduled, without an errback)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.meta_refresh_max = crawler.settings.getfloat("METAREFRESH_MAXDELAY")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        target = None
        location = response.headers.get("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = urljoin(request.url, safe_url_string(location))
        elif isinstance(response, HtmlResponse):
            interval, url = get_meta_refresh(response)
            target = url if url and interval < self.meta_refresh_max else None
        if target and not on_portal(target, self.crawler.spider):
            raise IgnoreRequest(f"{OFFSITE_REDIRECT} {target}")
        return response


class RobotsTxtErrorLine(logging.Filter):
    """Turns the error (and 40-line traceback) Scrapy's RobotsTxtMiddleware logs for a robots.txt it could not
    fetch into one warning line."""

    def filter(self, record):
        from crawler.spiders.portal import failure_reason  # the spider imports this module's constants

        if record.exc_info and isinstance(record.args, dict) and "f_exception" in record.args:
            robots = urljoin(record.args["request"].url, "/robots.txt")
            record.msg, record.args = "%s could not be fetched (%s): crawling as if the site had none", (
                robots, failure_reason(record.args["f_exception"]))
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, whose answer to a robots.txt that times out, resets or is refused (after
    retries) we keep: the site is crawled as if it had no robots.txt. Only the log changes: one line."""

    def __init__(self, crawler):
        super().__init__(crawler)
        if not any(isinstance(f, RobotsTxtErrorLine) for f in robotstxt.logger.filters):
            robotstxt.logger.addFilter(RobotsTxtErrorLine())
