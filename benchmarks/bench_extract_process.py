"""Whole-process extraction time: each extractor in a fresh Python process, over every page of a set once, imports
and start-up included (eval_extraction.py times pages inside one warm process).

    .venv/bin/python benchmarks/bench_extract_process.py [--set benchmark|vn-real|all] [--runs 3]

Prints wall-clock seconds per process (the median of --runs) and that divided by the pages, for htx, trafilatura
and an empty run (Python start-up and reading the decoded pages from a JSON file only), in the same run.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, sys
sys.path[:0] = [{root!r}]
pages = json.load(open({pages!r}, encoding="utf-8"))
{body}
"""
BODIES = {
    "baseline (start-up, pages read)": "",
    "htx": "from crawler.extract import extract_article\nfor url, html in pages: extract_article(html, url)",
    "trafilatura": "import trafilatura\nfor url, html in pages: trafilatura.extract(html, url=url)",
}


def _timed(code: str, runs: int, count: int) -> str:
    """The median wall time of ``runs`` processes running ``code``, per process and per page."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode:
            return "failed: " + done.stderr.strip().splitlines()[-1]
    seconds = statistics.median(times)
    return f"{seconds:6.2f} s   {seconds / count * 1000:6.1f} ms/page"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="benchmark", help="benchmark (default), vn-real or all (fixtures)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path[:0] = [str(HERE)]
    from eval_extraction import load_pages

    from crawler.pages import decode_html

    pages = [(page["url"], decode_html(data)) for page, data in load_pages(args.set)[0]]
    count = len(pages)
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "pages.json"  # decoded once; a child imports only its extractor
        saved.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        print(f"{count} pages ({args.set}); one process per run, median of {args.runs} runs")
        for name, body in BODIES.items():
            print(f"  {name:<32} {_timed(CHILD.format(root=str(HERE.parent), pages=str(saved), body=body), args.runs, count)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
