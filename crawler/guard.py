"""An extraction budget: a hostile page (tags nested too deep, or an extraction that runs too long) gives
"page too complex" instead of stalling a crawl or ``htx extract``."""

import os
import re
import signal
import threading
from contextlib import contextmanager

from crawler.extract import Extraction, extract_article
from crawler.profiles import PortalProfile

TOO_COMPLEX = "page too complex"
MAX_DEPTH = 1000  # real pages nest a few dozen tags deep
EXTRACT_SECONDS = 20.0  # per page, $HTX_EXTRACT_SECONDS; a large real page takes well under a second
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# tags that never hold others, or that the parser closes by itself when the next one opens
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option".split()
)


class _OverBudget(Exception):
    pass


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """How deep the page's tags nest (counted up to ``limit + 1``), in one pass over its tags."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
        if deepest > limit:
            break
    return deepest


@contextmanager
def time_budget(seconds: float):
    """Raise _OverBudget in the block after ``seconds`` (a real-time alarm, so only in the main thread, where the
    crawl's event loop and the htx commands run; elsewhere the block runs unbounded)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_within_budget(html: str, url: str, profile: PortalProfile | None = None) -> Extraction:
    """``extract_article`` on a budget: a page nested over MAX_DEPTH tags deep, or whose extraction takes over
    $HTX_EXTRACT_SECONDS (EXTRACT_SECONDS), gives no article and the problem TOO_COMPLEX."""
    if nesting_depth(html) > MAX_DEPTH:
        return Extraction(None, "guard", [f"tags nested over {MAX_DEPTH} deep"], TOO_COMPLEX)
    seconds = float(os.environ.get("HTX_EXTRACT_SECONDS") or EXTRACT_SECONDS)
    try:
        with time_budget(seconds):
            return extract_article(html, url, profile)
    except _OverBudget:
        return Extraction(None, "guard", [f"extraction took over {seconds:g}s"], TOO_COMPLEX)
