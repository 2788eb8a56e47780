"""Compare benchmark: `htx compare` (matching stories per province and period) on the synthetic corpus.

Queries the indexes a `bench_search.py --keep DIR` run left (htx and plain Whoosh, same articles), warm:

  htx     indexer.reports.compare.coverage() (parse, matching set, story dedup, rows and periods), as `htx compare` runs it
  plain   Whoosh's own grouping on the plain index: searcher.search(q, limit=None, groupedby=province x period)
  cli     the `htx compare` command in a new process (Python start-up included), and `htx --help` for reference

    .venv/bin/python benchmarks/bench_search.py --commit-every 10000 --keep /tmp/bench --no-queries   # 100,000 articles
    .venv/bin/python benchmarks/bench_compare.py /tmp/bench

Prints times; asserts nothing about them.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import sorting
from whoosh.qparser import MultifieldParser

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import PLAIN_TEXT_FIELDS, percentile  # noqa: E402  (benchmarks/bench_search.py)

from indexer.engine.index import index_storage  # noqa: E402
from indexer.reports.compare import coverage, period_of  # noqa: E402
from indexer.vietnamese.provinces import resolve  # noqa: E402

CASES = [  # (query, period, provinces, merged)
    ("hợp tác xã", "year", [], False),
    ("hợp tác xã", "month", [], True),
    ("quỹ tín dụng nhân dân", "quarter", [], False),
    ("hop tac xa", "year", [], True),
    ("OCOP", "month", ["Sóc Trăng", "Cần Thơ", "Hậu Giang"], False),
    ("chuyển đổi số", "year", [], False),
]
HTX = str(Path(sys.executable).with_name("htx"))


def time_runs(run, runs: int) -> list[float]:
    """Milliseconds of each of ``runs`` calls, after one warm-up call."""
    run()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        out.append((time.perf_counter() - start) * 1000)
    return out


def plain_grouping(searcher, parser, text: str, period: str, provinces: list[str]):
    """Counts per province and period the way Whoosh offers: a grouped search over every match."""
    query = parser.parse(text)
    published = searcher.reader().column_reader("published")
    facet = sorting.MultiFacet([sorting.FieldFacet("province"),
                                sorting.FunctionFacet(lambda s, doc: period_of(published[doc], period))])
    allowed = {p.key for p in provinces}
    results = searcher.search(query, limit=None, groupedby={"cells": facet})
    return {key: len(docs) for key, docs in results.groups("cells").items() if not allowed or key[0] in allowed}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="the directory a bench_search.py --keep run left (holds htx/ and plain/)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each case (default 5)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    ix = index_storage(root / "htx").open_index()
    plain_ix = whoosh_index.open_dir(str(root / "plain"))
    plain_parser = MultifieldParser(PLAIN_TEXT_FIELDS, plain_ix.schema)
    data_dir = Path(tempfile.mkdtemp(prefix="htx-compare-"))  # what --index expects: a folder holding index/
    (data_dir / "index").symlink_to((root / "htx").resolve())
    print(f"{ix.doc_count():,} articles; {args.runs} warm runs per case; p50 / max ms\n")
    print(f"{'case':<52} {'stories':>8} {'htx coverage()':>16} {'plain grouping':>16} {'htx compare (CLI)':>18}")
    all_htx = []
    with plain_ix.searcher() as plain_searcher:
        for text, period, names, merged in CASES:
            provinces = [resolve(name)[0] for name in names]
            result = coverage(ix, text, period, provinces, merged)
            stories = sum(result.total(row) for row in result.rows)
            htx_ms = time_runs(lambda: coverage(ix, text, period, provinces, merged), args.runs)
            plain_ms = time_runs(lambda: plain_grouping(plain_searcher, plain_parser, text, period, provinces), args.runs)
            command = [HTX, "--index", str(data_dir), "compare", text, "--period", period, "--csv"]
            command += ["--merged"] * merged + [arg for name in names for arg in ("--province", name)]
            cli_ms = time_runs(lambda: subprocess.run(command, check=True, capture_output=True), 2)
            all_htx += htx_ms
            label = f"{text} --period {period}" + (" --merged" if merged else "") + (f" ({len(names)} provinces)" if names else "")
            print(f"{label:<52} {stories:>8,} {statistics.median(htx_ms):>7.0f} / {max(htx_ms):<6.0f} "
                  f"{statistics.median(plain_ms):>7.0f} / {max(plain_ms):<6.0f} {statistics.median(cli_ms):>8.0f} / {max(cli_ms):<6.0f}")
    shutil.rmtree(data_dir)
    startup = time_runs(lambda: subprocess.run([HTX, "--help"], check=True, capture_output=True), 3)
    print(f"\nhtx coverage() over all cases: p50 {statistics.median(all_htx):.0f} ms, p95 {percentile(all_htx, 95):.0f} ms, "
          f"max {max(all_htx):.0f} ms; `htx --help` (start-up alone): {statistics.median(startup):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
