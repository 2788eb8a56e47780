"""How long each HTML parser takes to build its tree, on the pages the extraction evaluation reads: the measurement
behind extracting on lxml's tree rather than BeautifulSoup's.

    .venv/bin/python benchmarks/bench_parsers.py [--set benchmark|vn-real|all] [--runs 3]

Parsers: lxml.html (what crawler/extract.py uses), BeautifulSoup with lxml and with html.parser (what it used
before) and selectolax's Lexbor if installed (``pip install selectolax``). Each page is decoded once as
eval_extraction does; the time is the median of --runs parses per page, averaged over pages.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_extraction import load_pages  # noqa: E402

from crawler.extract import _parse  # noqa: E402
from crawler.pages import decode_html  # noqa: E402


def parsers() -> dict:
    """name -> function building a tree from the page's text, for the parsers this environment has."""
    from bs4 import BeautifulSoup

    found = {
        "lxml.html (htx)": _parse,
        "BeautifulSoup + lxml": lambda html: BeautifulSoup(html, "lxml"),
        "BeautifulSoup + html.parser": lambda html: BeautifulSoup(html, "html.parser"),
    }
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        print("note: selectolax not installed; its column is skipped", file=sys.stderr)
    else:
        found["selectolax (Lexbor)"] = LexborHTMLParser
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="benchmark", help="benchmark (default), vn-real or all (fixtures)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    pages, _ = load_pages(args.set)
    texts = [decode_html(data) for _, data in pages]
    print(f"{len(texts)} pages ({args.set}), tree build ms/page, mean of per-page medians of {args.runs} runs")
    for name, build in parsers().items():
        build(texts[0])  # warm-up
        per_page = []
        for html in texts:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                build(html)
                times.append((time.perf_counter() - start) * 1000)
            per_page.append(statistics.median(times))
        print(f"  {name:<30} {statistics.fmean(per_page):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
