"""Fetching one page outside a crawl (htx extract URL, htx portal check), within the crawl's limits: pages capped
at DOWNLOAD_MAXSIZE, the whole download within DOWNLOAD_TIMEOUT, redirects only within the same site."""

import http.client
import time
import urllib.request
from urllib.parse import urlsplit

from crawler.pages import decode_html
from crawler.settings import DOWNLOAD_MAXSIZE, DOWNLOAD_TIMEOUT, USER_AGENT

CHUNK = 64 * 1024


class FetchError(OSError):
    """A page that could not be fetched; the message names the URL and the reason."""


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host and a valid port."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a malformed IPv6 host or a port out of range
        return False


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on one site: one host (with or without "www.") and port (another port is another
    site; http and https on their default ports are one)."""
    return _site(url) == _site(other)


def _site(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www."), None if parts.port in (80, 443) else parts.port


class _SameSiteRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not same_site(req.full_url, newurl):
            raise FetchError(f"{req.full_url}: redirected to another site ({newurl}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SameSiteRedirects)


def fetch_html(url: str) -> str:
    """GET ``url`` with the crawler's User-Agent and limits; the page as NFC text."""
    if not is_http_url(url):
        raise FetchError(f"{url}: not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + DOWNLOAD_TIMEOUT
    try:
        with _opener.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
            body = bytearray()
            while chunk := response.read1(CHUNK):
                body += chunk
                if len(body) > DOWNLOAD_MAXSIZE:
                    raise FetchError(f"{url}: larger than {DOWNLOAD_MAXSIZE // 2**20} MiB; not fetched")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: took over {DOWNLOAD_TIMEOUT}s; not fetched")
            return decode_html(bytes(body), response.headers.get("Content-Type"))
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:  # ValueError: a malformed redirect target
        reason = " ".join(str(error).split()) or type(error).__name__
        raise FetchError(f"{url}: cannot fetch ({reason})") from None
