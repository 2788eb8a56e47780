"""Fetching one page outside a crawl (htx extract URL, htx portal check)."""

import urllib.request

from crawler.pages import decode_html
from crawler.settings import DOWNLOAD_TIMEOUT, USER_AGENT


class FetchError(OSError):
    """A page that could not be fetched; the message names the URL and the reason."""


def fetch_html(url: str) -> str:
    """GET ``url`` with the crawler's User-Agent and timeout; the page as NFC text."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
            return decode_html(response.read(), response.headers.get("Content-Type"))
    except OSError as error:
        raise FetchError(f"{url}: cannot fetch ({error})") from None
