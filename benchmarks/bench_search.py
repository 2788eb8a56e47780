"""Search benchmark: the htx index (Vietnamese analyzer, compounds, folding) against plain Whoosh.

Builds two indexes of the same synthetic corpus (benchmarks/corpus.py) in temporary directories, then times
four kinds of queries on a warm index, top 10:

  (k) keyword query of 2 words        (p) quoted phrases, "hợp tác xã" and other common ones
  (f) one province + one month        (d) without diacritics: "hop tac xa", "quy tin dung" ...

and "hợp tác xã" alone, 10 times quoted and 10 times unquoted (q, u).

For htx, the real search path indexer.query.search.search() (parse, top 10, exact total and per-province counts,
stored fields, snippets, a searcher opened per call as the CLI does) and also parse_query +
searcher.search(q, limit=10) on a kept searcher, so the cost of the counts shows. For plain Whoosh,
MultifieldParser(["title", "lead", "body"]) + searcher.search(q, limit=10), and for filtered queries
And([q, Term("province", key), DateRange("published", start, end)]).

    .venv/bin/python benchmarks/bench_search.py                      # 100,000 articles (long: 1-2 h on 2 cores)
    .venv/bin/python benchmarks/bench_search.py --articles 3000      # a quick check
    .venv/bin/python benchmarks/bench_search.py --articles 10000 --keep /tmp/bench --json out.json
    .venv/bin/python benchmarks/bench_search.py --reuse /tmp/bench --profile   # queries only, cProfile of htx
    .venv/bin/python benchmarks/bench_search.py --reuse /tmp/bench --repeat 3  # each query's fastest of 3 runs

Prints times; asserts nothing about them.
"""

import argparse
import calendar
import copy
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from functools import partial
from pathlib import Path

import whoosh
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import DATETIME, ID, TEXT, Schema
from whoosh.qparser import MultifieldParser
from whoosh.query import And, DateRange, Term

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (benchmarks/corpus.py)

from indexer.engine.index import index_storage, index_writer, to_document  # noqa: E402
from indexer.engine.schema import build_schema  # noqa: E402
from indexer.query.ranking import SaturatedTfIdf  # noqa: E402
from indexer.query.search import filter_queries, parse_query, search  # noqa: E402
from indexer.vietnamese.provinces import all_provinces  # noqa: E402
from indexer.vietnamese.text import strip_diacritics  # noqa: E402

PLAIN_TEXT_FIELDS = ["title", "lead", "body"]
KINDS = {
    "k": "keyword, 2 words",
    "p": 'phrase ("hợp tác xã", ...)',
    "f": "province + one month",
    "d": "no diacritics",
}


# ---------------------------------------------------------------------------------------------- indexes


def plain_schema() -> Schema:
    """Whoosh as a newcomer would set it up: title, lead and body as TEXT fields with StandardAnalyzer,
    province a plain ID, published DATETIME(sortable); the other htx fields stored as they are."""
    schema = Schema()
    for name, field in build_schema().items():
        if name in PLAIN_TEXT_FIELDS:
            field = TEXT(analyzer=StandardAnalyzer(), stored=True)
        elif name == "province":
            field = ID(stored=True)
        elif name == "published":
            field = DATETIME(stored=True, sortable=True)
        elif name == "text":  # htx's one searched field of title, lead and body
            continue
        else:
            field = copy.deepcopy(field)
        schema.add(name, field)
    return schema


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(kind: str, path: Path, args) -> dict:
    """Index the corpus; the writer's time (to_document, add_document, commits) is timed apart from generation."""
    path.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(path), build_schema() if kind == "htx" else plain_schema())
    generated = indexed = mapping = 0.0
    commits = 0
    wall = time.perf_counter()
    new_writer = partial(index_writer, ix) if kind == "htx" else ix.writer
    writer = new_writer(limitmb=args.limitmb)
    stream = corpus.articles(args.articles, args.words, args.seed)
    count = 0
    while True:
        t0 = time.perf_counter()
        article = next(stream, None)
        t1 = time.perf_counter()
        generated += t1 - t0
        if article is None:
            break
        document = to_document(article)
        document["story"] = document["url"]  # every synthetic article is a story of its own, as assign_stories finds
        if kind == "plain":
            del document["text"]
        mapping += time.perf_counter() - t1
        writer.add_document(**document)
        count += 1
        if args.commit_every and count % args.commit_every == 0 and count < args.articles:
            writer.commit()
            commits += 1
            writer = new_writer(limitmb=args.limitmb)
        indexed += time.perf_counter() - t1
        if args.verbose and count % 1000 == 0:
            print(f"  {kind}: {count} articles, {count / indexed:.0f}/s", file=sys.stderr)
    t0 = time.perf_counter()
    writer.commit()
    commits += 1
    indexed += time.perf_counter() - t0
    wall = time.perf_counter() - wall
    with ix.reader() as reader:
        segments = len(ix._segments()) if hasattr(ix, "_segments") else None
        doc_count = reader.doc_count()
        body_terms = sum(1 for _ in reader.lexicon("text" if kind == "htx" else "body"))
    return {
        "articles": doc_count,
        "index_seconds": indexed,
        "articles_per_second": doc_count / indexed,
        "to_document_seconds": mapping,
        "generation_seconds": generated,
        "wall_seconds": wall,
        "commits": commits,
        "segments": segments,
        "size_mb": dir_size(path) / 1e6,
        "body_terms": body_terms,
        "max_rss_mb_so_far": max_rss_mb(),
    }


# ---------------------------------------------------------------------------------------------- queries

KEYWORDS_A = """hợp tác xã, HTX, thành viên, doanh thu, nông sản, OCOP, quỹ tín dụng nhân dân, tổ hợp tác,
kinh tế tập thể, liên kết, tiêu thụ, chuyển đổi số, vốn điều lệ, lợi nhuận, đại hội thành viên, giám đốc,
UBND, QTDND, liên minh HTX, thương mại điện tử, chuỗi giá trị, nông thôn mới, tập huấn, giải thể,
thành lập mới, truy xuất nguồn gốc, tín dụng, cho vay, xuất khẩu, sản phẩm"""

PHRASES = """quỹ tín dụng nhân dân, kinh tế tập thể, tổ hợp tác, liên minh hợp tác xã, thành viên, nông nghiệp,
sản phẩm, doanh thu, tỷ đồng, triệu đồng, ủy ban nhân dân, nông thôn mới, chuyển đổi số, chuỗi giá trị,
thương mại điện tử, truy xuất nguồn gốc, đại hội thành viên, vốn điều lệ, hội đồng quản trị,
hợp tác xã nông nghiệp, HTX nông nghiệp, mô hình hợp tác xã, tín dụng nhân dân, nông nghiệp công nghệ cao,
giá trị gia tăng, nguồn nhân lực, hỗ trợ lãi suất, sản phẩm OCOP, thành viên hợp tác xã, cánh đồng lớn,
xúc tiến thương mại, bao tiêu sản phẩm, Ngân hàng Chính sách xã hội, Sở Nông nghiệp và Phát triển nông thôn"""

FOLDED = """hop tac xa, quy tin dung, quy tin dung nhan dan, kinh te tap the, to hop tac, lien minh hop tac xa,
nong san, doanh thu, thanh vien, chuyen doi so, von dieu le, hoi dong quan tri, nong thon moi, ty dong,
san pham ocop, lien ket tieu thu, thuong mai dien tu, truy xuat nguon goc, giam doc htx, dai hoi thanh vien"""


def _split(text: str) -> list[str]:
    return corpus._split(text)


def draw_queries(count: int, seed: int) -> dict[str, list[dict]]:
    """``count`` queries of each kind, the same for both indexes and for every run with this seed."""
    rng = random.Random(seed * 7919 + 17)
    vocab = corpus.vocabulary()
    function_words = set(_split(corpus.HEAD)[:14]) | set(_split(corpus.FUNCTION_TAIL))
    pool = [  # words of one or two syllables, as people type them
        e for e in vocab.entries[10:1400]
        if e.count(" ") <= 1 and e not in function_words and all(c.isalnum() or c == " " for c in e)
    ]
    keywords_a, phrases, folded = _split(KEYWORDS_A), _split(PHRASES), _split(FOLDED)
    provinces = all_provinces()

    def keyword_pair() -> str:
        # the first word is often a domain word (one term in htx: "hợp tác xã", "QTDND") or a province
        first = rng.choice(keywords_a + [p.name for p in provinces if p.name.count(" ") <= 1]) if rng.random() < 0.5 else rng.choice(pool)
        return f"{first} {rng.choice(pool)}".lower()

    queries = {kind: [] for kind in KINDS}
    for i in range(count):
        queries["k"].append({"text": keyword_pair()})
        phrase = "hợp tác xã" if i % 5 == 0 else rng.choice(phrases)
        queries["p"].append({"text": f'"{phrase}"'})
        year, month = rng.randint(2015, 2026), rng.randint(1, 12)
        queries["f"].append({
            "text": rng.choice(keywords_a[:12]),
            "province": rng.choice(provinces).key,
            "since": datetime(year, month, 1).isoformat(),
            "until": datetime(year, month, calendar.monthrange(year, month)[1], 23, 59, 59, 999999).isoformat(),
        })
        if rng.random() < 0.5:
            text = rng.choice(folded)
            if rng.random() < 0.3:
                text += " " + strip_diacritics(rng.choice(provinces).name).lower()
        else:
            text = strip_diacritics(keyword_pair())
        queries["d"].append({"text": text})
    return queries


def _filters(query: dict):
    if "province" not in query:
        return None, None, None
    from indexer.vietnamese.provinces import by_key

    return [by_key(query["province"])], datetime.fromisoformat(query["since"]), datetime.fromisoformat(query["until"])


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summarize(ms: list[float], hits: list[int]) -> dict:
    return {
        "n": len(ms),
        "p50_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 95),
        "mean_ms": statistics.fmean(ms),
        "max_ms": max(ms),
        "mean_hits": statistics.fmean(hits) if hits else None,
        "zero_hit_queries": sum(1 for h in hits if h == 0),
    }


class HtxRunner:
    def __init__(self, path: Path):
        self.ix = index_storage(path).open_index()  # as the CLI opens it
        self.searcher = self.ix.searcher(weighting=SaturatedTfIdf())

    def full(self, query: dict) -> tuple[float, int]:
        provinces, since, until = _filters(query)
        t0 = time.perf_counter()
        result = search(self.ix, query["text"], provinces=provinces or (), since=since, until=until, limit=10)
        elapsed = time.perf_counter() - t0
        return elapsed, result.total

    def _query(self, query: dict):
        provinces, since, until = _filters(query)
        parsed = parse_query(self.ix, query["text"])
        extra = filter_queries(provinces or [], since, until)
        return And([parsed, *extra]) if extra else parsed

    def raw(self, query: dict) -> tuple[float, int]:
        t0 = time.perf_counter()
        q = self._query(query)
        results = self.searcher.search(q, limit=10)
        elapsed = time.perf_counter() - t0
        return elapsed, len(results)

    def close(self):
        self.searcher.close()


class PlainRunner:
    def __init__(self, path: Path):
        self.ix = whoosh_index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(PLAIN_TEXT_FIELDS, self.ix.schema)

    def raw(self, query: dict) -> tuple[float, int]:
        provinces, since, until = _filters(query)
        t0 = time.perf_counter()
        q = self.parser.parse(query["text"])
        if provinces:
            q = And([q, Term("province", provinces[0].key), DateRange("published", since, until)])
        results = self.searcher.search(q, limit=10)
        elapsed = time.perf_counter() - t0
        return elapsed, len(results)

    def close(self):
        self.searcher.close()


def time_queries(run, queries: list[dict], repeat: int = 1) -> dict:
    """Each query's time (the fastest of ``repeat`` runs) and its number of matches."""
    ms, hits, detail = [], [], []
    gc.collect()
    for query in queries:
        elapsed, total = min(run(query) for _ in range(repeat))
        ms.append(elapsed * 1000)
        hits.append(total)
        detail.append({**query, "ms": round(elapsed * 1000, 3), "hits": total})
    return {**summarize(ms, hits), "queries": detail}


def run_queries(paths: dict[str, Path], args) -> dict:
    queries = draw_queries(args.queries, args.seed)
    warmup = [q for kind in KINDS for q in draw_queries(3, args.seed + 1000)[kind]]
    htx, plain = HtxRunner(paths["htx"]), PlainRunner(paths["plain"])
    out = {"htx_search": {}, "htx_parse_search": {}, "plain": {}}
    repeated = {  # the commonest query, 10 runs each: quoted, and unquoted as in `htx search "hợp tác xã"`
        "q": [{"text": '"hợp tác xã"'}] * 10,
        "u": [{"text": "hợp tác xã"}] * 10,
    }
    runners = {
        "htx_search": htx.full,
        "htx_parse_search": htx.raw,
        "plain": plain.raw,
    }
    try:
        for run in runners.values():  # warm: OS cache, lazily loaded columns, analyzer caches
            for query in warmup:
                run(query)
        for kind in [*KINDS, *repeated]:
            for name, run in runners.items():
                if args.verbose:
                    print(f"  {name} ({kind})", file=sys.stderr)
                out[name][kind] = time_queries(run, repeated.get(kind) or queries[kind], args.repeat)
        if args.profile:
            profile_htx(htx, queries, args)
    finally:
        htx.close()
        plain.close()
    return out


def profile_htx(htx: HtxRunner, queries: dict, args) -> None:
    """cProfile of the htx search() path over every drawn query; the top functions go to stderr."""
    profiler = cProfile.Profile()
    profiler.enable()
    for kind in KINDS:
        for query in queries[kind]:
            htx.full(query)
    profiler.disable()
    if args.profile_out:
        profiler.dump_stats(args.profile_out)
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(order).print_stats(25)
        print(f"\n# cProfile of htx search() over {sum(len(v) for v in queries.values())} queries, by {order}",
              file=sys.stderr)
        print(buffer.getvalue(), file=sys.stderr)


# ---------------------------------------------------------------------------------------------- report


def _cell(stats: dict | None) -> str:
    if not stats:
        return "—"
    return f"{stats['p50_ms']:.1f} / {stats['p95_ms']:.1f}"


def _count(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.2f}"


def report(result: dict) -> str:
    c, m, b, q = result["corpus"], result["machine"], result.get("build"), result["queries"]
    rows = []
    width = 58

    def row(label, htx, plain):
        rows.append(f"{label:<{width}} {htx:>16} {plain:>16}")

    rows.append(
        f"corpus: {c['articles']:,} articles x ~{c['words']} words, seed {c['seed']}, vocabulary "
        f"{c['vocabulary_entries']:,} entries / {c['vocabulary_syllables']:,} syllables, 63 provinces, 2015–2026"
    )
    rows.append(
        f"machine: {m['cpu_count']} CPUs, {m['platform']}, Python {m['python']}, whoosh {m['whoosh']}, "
        f"limitmb {c['limitmb']}, commit every {c['commit_every'] or 'end (single commit)'}"
    )
    rows.append("")
    row("", "htx", "plain Whoosh")
    rows.append("-" * (width + 34))
    if b:
        h, p = b["htx"], b["plain"]
        row("indexing throughput (articles/s, writer time)", f"{h['articles_per_second']:.1f}", f"{p['articles_per_second']:.1f}")
        row("indexing time (s: to_document + add + commit)", f"{h['index_seconds']:.1f}", f"{p['index_seconds']:.1f}")
        row("  of which to_document() (s)", f"{h['to_document_seconds']:.1f}", f"{p['to_document_seconds']:.1f}")
        row("build wall time incl. corpus generation (s)", f"{h['wall_seconds']:.1f}", f"{p['wall_seconds']:.1f}")
        row("index size on disk (MB)", f"{h['size_mb']:.1f}", f"{p['size_mb']:.1f}")
        row("distinct terms (htx text, plain body)", f"{h['body_terms']:,}", f"{p['body_terms']:,}")
        row("segments / commits", f"{h['segments']} / {h['commits']}", f"{p['segments']} / {p['commits']}")
        row("process max RSS after build (MB)", f"{h['max_rss_mb_so_far']:.0f}", f"{p['max_rss_mb_so_far']:.0f}")
        rows.append("-" * (width + 34))
    if q is None:
        return "\n".join(rows)
    fastest = f", each the fastest of {result['repeat']} runs" if result.get("repeat", 1) > 1 else ""
    rows.append(f"query latency, warm index, top 10, {result['queries_per_kind']} queries each{fastest}: p50 / p95 ms")
    repeated = [("q", '"hợp tác xã" quoted, 10 runs'), ("u", "hợp tác xã unquoted (the shell's htx search \"hợp tác xã\"), 10 runs")]
    for kind, label in [*KINDS.items(), *repeated]:
        if kind not in q["plain"]:  # a --json from an older version of this script
            continue
        rows.append(f"({kind}) {label}")
        row("    htx search() (counts per province, snippets)", _cell(q["htx_search"][kind]), "—")
        row("    parse + searcher.search(limit=10)", _cell(q["htx_parse_search"][kind]), _cell(q["plain"][kind]))
        hs, ps = q["htx_search"][kind], q["plain"][kind]
        row("    mean matches (queries with 0 matches)",
            f"{_count(hs['mean_hits'])} ({hs['zero_hit_queries']})", f"{_count(ps['mean_hits'])} ({ps['zero_hit_queries']})")
    return "\n".join(rows)


# ---------------------------------------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size (default 100000)")
    parser.add_argument("--words", type=int, default=600, help="words (syllables) per article (default 600)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=50, help="queries per kind (default 50)")
    parser.add_argument("--limitmb", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each query N times and count its fastest (a shared machine's pauses left out)")
    parser.add_argument("--commit-every", type=int, default=0, help="commit every N articles (default: one commit at the end)")
    parser.add_argument("--keep", metavar="DIR", help="build the indexes in DIR/htx and DIR/plain and keep them")
    parser.add_argument("--reuse", metavar="DIR", help="skip building: query the indexes a --keep run left in DIR")
    parser.add_argument("--json", metavar="FILE", help="also save every number (and each query's time) as JSON")
    parser.add_argument("--profile", action="store_true", help="cProfile the htx search() path; top functions to stderr")
    parser.add_argument("--profile-out", metavar="FILE", help="with --profile, also dump the pstats file")
    parser.add_argument("--no-queries", action="store_true", help="only build (and report) the indexes")
    parser.add_argument("--verbose", "-v", action="store_true", help="progress on stderr")
    args = parser.parse_args(argv)

    result = {
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "whoosh": whoosh.versionstring(),
        },
        "queries_per_kind": args.queries,
        "repeat": args.repeat,
    }
    cleanup = None
    if args.reuse:
        root = Path(args.reuse)
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
        for key in ("articles", "words", "seed", "limitmb", "commit_every"):
            setattr(args, key, meta["corpus"][key])
        result["build"] = meta.get("build")
    elif args.keep:
        root = Path(args.keep)
        if root.exists() and any(root.iterdir()):
            parser.error(f"--keep {root}: the directory is not empty")
    else:
        root = cleanup = Path(tempfile.mkdtemp(prefix="htx-bench-"))
    vocab = corpus.vocabulary()
    result["corpus"] = {
        "articles": args.articles,
        "words": args.words,
        "seed": args.seed,
        "vocabulary_entries": len(vocab.entries),
        "vocabulary_syllables": vocab.syllable_count(),
        "limitmb": args.limitmb,
        "commit_every": args.commit_every,
    }
    paths = {"htx": root / "htx", "plain": root / "plain"}
    try:
        if not args.reuse:
            result["build"] = {}
            for kind in ("htx", "plain"):
                if args.verbose:
                    print(f"building {kind} in {paths[kind]}", file=sys.stderr)
                result["build"][kind] = build(kind, paths[kind], args)
            (root / "meta.json").write_text(json.dumps({"corpus": result["corpus"], "build": result["build"]}, indent=2))
        if args.verbose:
            print("querying", file=sys.stderr)
        result["queries"] = None if args.no_queries else run_queries(paths, args)
    finally:
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
