"""Extraction quality on hand-labelled pages: the htx extractor next to trafilatura, in the same run.

    .venv/bin/python benchmarks/eval_extraction.py [--set holdout|tune|all|benchmark|vn-real] [--json FILE]

Three kinds of pages:

- ``holdout``, ``tune``, ``all``: the project's fixtures, fixtures/extraction/pages/<family>/*.html with the
  hand-written fixtures/extraction/truth.json (articles and non-articles);
- ``benchmark``: the 121 dev pages of the public article-extraction benchmark (Scrapinghub, 2020), read from
  ../shared/benchmarks/article-extraction/ (html/<id>.html.gz, ground-truth.json): body text only;
- ``vn-real``: real Vietnamese pages with hand-written truth, ../shared/benchmarks/vn-real-pages/ (truth.json);
  set A is five whole pages, set B four pages a site had trimmed (no date).

The shared pages are third-party and stay outside the repository; the script only reads them.
Each page is decoded from its bytes with crawler.pages.decode_html (no HTTP header, so the <meta> charset decides)
and the same text goes to both extractors. For article pages it scores:

- body precision / recall / F1 over 4-token shingles, the article-extraction benchmark's metric: tokens are
  ``\\w+`` runs, shingles a multiset of 4-grams, tp/fp/fn normalised per page; precision is averaged over pages
  where something was extracted, recall over all pages, F1 is taken from the two averages. On the benchmark set
  the case is kept, as its evaluate.py does; on the Vietnamese sets text is NFC-normalised and lowercased first.
  The extracted body is lead + body for htx and the main text for trafilatura; the truth is lead + body.
- headline accuracy: exact match after whitespace folding and NFC;
- date accuracy: same calendar date and, when the truth has a time (anything but T00:00:00), the same time;
  "date (day only)" ignores the time;
- leaked boilerplate: occurrences of crawler.boilerplate.LEAK_PHRASES (case-insensitive) in title + lead + body,
  beyond those in the truth itself;
- milliseconds per page: the median of --runs runs (default 5) of each extractor on the page.

For non-article pages it checks that the extractor refuses them (htx: ``.article is None``; trafilatura and
readability-lxml: no result or a main text under 200 characters).

trafilatura is not a project dependency (``.venv/bin/pip install trafilatura lxml_html_clean``); without it
the trafilatura column is skipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.boilerplate import LEAK_PHRASES  # noqa: E402
from crawler.extract import extract_article  # noqa: E402
from crawler.pages import decode_html  # noqa: E402

FIXTURES = ROOT / "fixtures" / "extraction"
SHARED = Path(__file__).parents[1] / ".." / "shared" / "benchmarks"
FIXTURE_SETS = ("holdout", "tune", "all")
TRAF_MIN_CHARS = 200  # trafilatura output shorter than this counts as "refused"
BODY_OK = 0.95  # a page's body is listed as a failure when its precision or recall is below this
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"[\s\u00a0\u200b\ufeff]+")

try:
    import trafilatura  # noqa: E402
except ImportError as exc:  # pragma: no cover - depends on the environment
    trafilatura = None
    TRAF_IMPORT_ERROR = str(exc)
else:
    TRAF_IMPORT_ERROR = ""
try:
    import lxml.html  # noqa: E402
    from readability import Document  # noqa: E402  (readability-lxml, a candidate measured with --readability)
except ImportError:  # pragma: no cover - depends on the environment
    Document = None


# ---- text helpers -------------------------------------------------------------------------------------------


def fold(text: str | None) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def tokens(text: str | None, keep_case: bool = False) -> list[str]:
    text = unicodedata.normalize("NFC", text or "")
    return _TOKEN.findall(text if keep_case else text.lower())


def shingles(text: str, keep_case: bool = False, n: int = 4) -> Counter:
    toks = tokens(text, keep_case)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_match(true: str, pred: str, keep_case: bool = False) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of 4-token shingles, as article-extraction-benchmark computes them."""
    t, p = shingles(true, keep_case), shingles(pred, keep_case)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_of(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_of(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def f1_of(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def leak_count(text: str, truth_text: str) -> dict[str, int]:
    low, truth_low = text.lower(), truth_text.lower()
    found = {}
    for phrase in LEAK_PHRASES:
        extra = low.count(phrase.lower()) - truth_low.count(phrase.lower())
        if extra > 0:
            found[phrase] = extra
    return found


def parse_when(value) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", str(value))
    if not match:
        return None
    parts = [int(x) if x else 0 for x in match.groups()]
    try:
        return datetime(*parts)
    except ValueError:
        return None


def short(text: str, width: int = 90) -> str:
    text = fold(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- extractors -----------------------------------------------------------------------------------------------


@dataclass
class Output:
    """What one extractor returned for one page, in a common shape."""

    refused: bool
    title: str = ""
    published: datetime | None = None
    lead: str = ""
    body: str = ""  # paragraphs separated by newlines
    note: str = ""

    @property
    def text(self) -> str:
        return "\n".join(part for part in (self.lead, self.body) if part)


def run_htx(html: str, url: str) -> Output:
    result = extract_article(html, url, profile=None)
    article = result.article
    if article is None:
        return Output(True, note=result.problem)
    return Output(False, article.title, article.published, article.lead, article.body.replace("\n\n", "\n"),
                  "; ".join(result.warnings))


def run_trafilatura(html: str, url: str, favor_precision: bool) -> Output:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=favor_precision,
        date_extraction_params={
            "original_date": True,
            "extensive_search": True,
            "max_date": datetime.now().strftime("%Y-%m-%d"),
            "outputformat": "%Y-%m-%dT%H:%M:%S",
        },
    )
    if doc is None:
        return Output(True, note="no result")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    out = Output(len(text) < TRAF_MIN_CHARS, fold(data.get("title") or ""), parse_when(data.get("date")), "", text)
    if out.refused:
        out.note = f"main text of {len(text)} characters"
    return out


def run_readability(html: str) -> Output:
    """readability-lxml's main text (its summary, one line per block); it gives no date."""
    document = Document(html)
    tree = lxml.html.fromstring(document.summary(html_partial=True))
    for element in tree.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "br", "blockquote"):
        element.tail = "\n" + (element.tail or "")
    text = "\n".join(line.strip() for line in tree.text_content().split("\n") if line.strip())
    out = Output(len(text) < TRAF_MIN_CHARS, fold(document.short_title()), None, "", text)
    if out.refused:
        out.note = f"main text of {len(text)} characters"
    return out


def timed(fn, runs: int) -> tuple[Output, float]:
    times, output = [], None
    for _ in range(runs):
        start = time.perf_counter()
        output = fn()
        times.append((time.perf_counter() - start) * 1000)
    return output, statistics.median(times)


# ---- scoring --------------------------------------------------------------------------------------------------


@dataclass
class Score:
    file: str
    set: str
    is_article: bool
    extractor: str
    ms: float
    refused: bool
    tp_fp_fn: tuple[float, float, float] | None = None
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    title_ok: bool | None = None
    date_ok: bool | None = None
    day_ok: bool | None = None
    leaks: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    got_title: str = ""
    got_published: str | None = None


def paragraphs_not_in(paragraphs: list[str], other: str) -> list[str]:
    """Paragraphs whose token sequence does not occur in ``other`` (what is missing, or what is extra)."""
    haystack = " " + " ".join(tokens(other)) + " "
    return [p for p in paragraphs if tokens(p) and " " + " ".join(tokens(p)) + " " not in haystack]


def score_page(page: dict, name: str, out: Output, ms: float) -> Score:
    """Score one extractor's output on one page; a page without a title or date in its truth skips that check."""
    score = Score(page["file"], page["set"], page["is_article"], name, round(ms, 2), out.refused)
    if not page["is_article"]:
        if not out.refused:
            score.failures.append(f"not refused: took it as an article titled {short(out.title, 60)!r}")
        return score
    truth_text = "\n".join([page["lead"], *page["body"]]).strip()
    got_text = out.text
    score.tp_fp_fn = shingle_match(truth_text, got_text, keep_case=page["set"] == "benchmark")
    score.precision = precision_of(*score.tp_fp_fn)
    score.recall = recall_of(*score.tp_fp_fn)
    score.f1 = f1_of(score.precision, score.recall)
    score.got_title = out.title
    score.got_published = out.published.isoformat() if out.published else None
    if page.get("title"):
        score.title_ok = fold(out.title) == fold(page["title"])
    if page.get("published"):
        want = datetime.fromisoformat(page["published"])
        score.day_ok = out.published is not None and out.published.date() == want.date()
        has_time = want.time() != datetime.min.time()
        score.date_ok = bool(score.day_ok and (not has_time or out.published.time() == want.time()))
    score.leaks = leak_count(out.title + "\n" + got_text, (page.get("title") or "") + "\n" + truth_text)

    if out.refused:
        score.failures.append(f"refused the article: {short(out.note, 120)}")
    if score.title_ok is False:
        score.failures.append(f"title: expected {short(page['title'], 70)!r}, got {short(out.title, 70)!r}")
    if score.date_ok is False:
        score.failures.append(f"date: expected {page['published']}, got {score.got_published}")
    if not out.refused and (score.precision < BODY_OK or score.recall < BODY_OK):
        line = f"body: P={score.precision:.2f} R={score.recall:.2f}"
        missing = paragraphs_not_in([page["lead"], *page["body"]], got_text)
        extra = paragraphs_not_in([p for p in got_text.split("\n") if p.strip()], truth_text)
        if missing:
            line += f"; missing {len(missing)}: " + " | ".join(repr(short(p, 60)) for p in missing[:3])
        if extra:
            line += f"; extra {len(extra)}: " + " | ".join(repr(short(p, 60)) for p in extra[:4])
        score.failures.append(line)
    if score.leaks:
        score.failures.append("leaks: " + ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in score.leaks.items()))
    return score


def summarise(scores: list[Score]) -> dict:
    arts = [s for s in scores if s.is_article]
    nons = [s for s in scores if not s.is_article]
    prec = [s.precision for s in arts if s.tp_fp_fn and s.tp_fp_fn[0] + s.tp_fp_fn[1] > 0]
    rec = [s.recall for s in arts if s.tp_fp_fn and s.tp_fp_fn[0] + s.tp_fp_fn[2] > 0]
    p = statistics.mean(prec) if prec else 0.0
    r = statistics.mean(rec) if rec else 0.0
    return {
        "articles": len(arts),
        "non_articles": len(nons),
        "precision": p,
        "recall": r,
        "f1": f1_of(p, r),
        "mean_page_f1": statistics.mean(s.f1 for s in arts) if arts else 0.0,
        "extracted": sum(not s.refused for s in arts),
        "refused_articles": sum(s.refused for s in arts),
        "titled": sum(s.title_ok is not None for s in arts),
        "dated": sum(s.date_ok is not None for s in arts),
        "title_ok": sum(bool(s.title_ok) for s in arts),
        "date_ok": sum(bool(s.date_ok) for s in arts),
        "day_ok": sum(bool(s.day_ok) for s in arts),
        "leaks": sum(sum(s.leaks.values()) for s in arts),
        "pages_with_leaks": sum(bool(s.leaks) for s in arts),
        "refused_non_articles": sum(s.refused for s in nons),
        "ms_mean": statistics.mean(s.ms for s in scores) if scores else 0.0,
        "ms_median": statistics.median(s.ms for s in scores) if scores else 0.0,
    }


def print_table(label: str, summaries: dict[str, dict]) -> None:
    names = list(summaries)
    first = summaries[names[0]]
    n, m = first["articles"], first["non_articles"]
    print(f"\n== {label}: {n} article pages, {m} non-article pages ==")
    print(f"{'metric':<30}" + "".join(f"{name:>16}" for name in names))

    def frac(key, total_key):
        def show(s):
            total = s[total_key] if isinstance(total_key, str) else total_key
            return f"{s[key]}/{total} ({100 * s[key] / total:.0f}%)" if total else "-"

        return show

    rows = [
        ("body precision", lambda s: f"{s['precision']:.3f}"),
        ("body recall", lambda s: f"{s['recall']:.3f}"),
        ("body F1", lambda s: f"{s['f1']:.3f}"),
        ("body F1 (mean per page)", lambda s: f"{s['mean_page_f1']:.3f}"),
        ("articles extracted", frac("extracted", n)),
        ("headline accuracy", frac("title_ok", "titled")),
        ("date accuracy", frac("date_ok", "dated")),
        ("date accuracy (day only)", frac("day_ok", "dated")),
        ("leaked phrases (occurrences)", lambda s: str(s["leaks"])),
        ("pages with leaks", lambda s: f"{s['pages_with_leaks']}/{n}"),
        ("non-articles refused", frac("refused_non_articles", m)),
        ("ms/page (mean of medians)", lambda s: f"{s['ms_mean']:.1f}"),
        ("ms/page (median)", lambda s: f"{s['ms_median']:.1f}"),
    ]
    for label_row, fn in rows:
        print(f"{label_row:<30}" + "".join(f"{fn(summaries[name]):>16}" for name in names))


def print_refusals(refused: list[Score]) -> None:
    """Article pages an extractor gave nothing for, with its reason."""
    if refused:
        print(f"\n-- article pages refused ({len(refused)} page/extractor pairs) --")
    for s in sorted(refused, key=lambda s: (s.extractor, s.file)):
        print(f"{s.extractor:<12} {s.file}: {s.failures[0].removeprefix('refused the article: ')}")


def print_failures(label: str, scores: list[Score]) -> None:
    failing = [s for s in scores if s.failures]
    print(f"\n-- {label}: failures per page ({len(failing)} page/extractor pairs) --")
    for s in sorted(failing, key=lambda s: (s.file, s.extractor)):
        print(f"{s.file} [{s.extractor}]")
        for line in s.failures:
            print(f"    {line}")


# ---- page sets -----------------------------------------------------------------------------------------------


def fixture_pages(which: str) -> list[tuple[dict, bytes]]:
    """The project's own pages: (truth, bytes) for the holdout or tune set, or both."""
    truth = json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8"))
    return [(page, (FIXTURES / "pages" / page["file"]).read_bytes())
            for page in truth["pages"] if which == "all" or page["set"] == which]


def benchmark_pages() -> list[tuple[dict, bytes]]:
    """The article-extraction benchmark's dev pages: body truth only (no headline or date in its truth)."""
    folder = SHARED / "article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        page = {"file": key, "url": item.get("url") or "", "set": "benchmark", "is_article": True,
                "title": None, "published": None, "lead": "", "body": [item["articleBody"]]}
        pages.append((page, gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())))
    return pages


def vn_real_pages() -> list[tuple[dict, bytes]]:
    """Real Vietnamese pages: set A whole pages (headline, date, body), set B trimmed pages (no date)."""
    folder = SHARED / "vn-real-pages"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in truth.items():
        page = {"file": key, "url": item["url"], "set": f"vn-real-{item['set']}", "is_article": True,
                "title": item["title"], "published": item["published"], "lead": "",
                "body": [line for line in item["body"].split("\n") if line.strip()]}
        pages.append((page, (folder / item["file"]).read_bytes()))
    return pages


def load_pages(which: str) -> tuple[list[tuple[dict, bytes]], list[str]]:
    """The pages of a --set and the names of the sets to print; SystemExit with a message when they are absent."""
    if which in FIXTURE_SETS:
        return fixture_pages(which), (["holdout", "tune", "all"] if which == "all" else [which])
    loader, sets = (benchmark_pages, ["benchmark"]) if which == "benchmark" else (vn_real_pages, ["vn-real-A", "vn-real-B"])
    try:
        return loader(), sets
    except FileNotFoundError as exc:
        raise SystemExit(f"error: the {which} pages are not there ({exc.filename}): they are read from "
                         f"{SHARED.resolve()}, the shared folder beside the repository") from None


# ---- main -----------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*FIXTURE_SETS, "benchmark", "vn-real"), default="all",
                        help="which pages to score (default: all fixtures, printed per set)")
    parser.add_argument("--json", type=Path, help="write per-page scores and summaries to this file")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page and extractor (default 5)")
    parser.add_argument("--favor-precision", action="store_true", help="run trafilatura with favor_precision=True")
    parser.add_argument("--no-trafilatura", action="store_true", help="score htx only")
    parser.add_argument("--readability", action="store_true", help="also score readability-lxml (a candidate)")
    parser.add_argument("--failures", action="store_true", help="list every page's failures (always for fixtures)")
    args = parser.parse_args(argv)

    pages, sets = load_pages(args.set)
    extractors = ["htx"]
    if args.no_trafilatura:
        pass
    elif trafilatura is None:
        print(f"note: trafilatura is not installed ({TRAF_IMPORT_ERROR}); its column is skipped "
              "(.venv/bin/pip install trafilatura lxml_html_clean)")
    else:
        extractors.append("trafilatura")
        mode = "favor_precision=True" if args.favor_precision else "default balance"
        print(f"note: trafilatura {trafilatura.__version__} ({mode}), given the same decoded text as htx")
    if args.readability:
        if Document is None:
            raise SystemExit("error: readability-lxml is not installed (.venv/bin/pip install -e '.[bench]')")
        extractors.append("readability")

    scores: list[Score] = []
    for page, raw in pages:
        html = decode_html(raw)
        url = page.get("url") or "https://example.gov.vn/" + page["file"]
        runners = {
            "htx": lambda: run_htx(html, url),
            "trafilatura": lambda: run_trafilatura(html, url, args.favor_precision),
            "readability": lambda: run_readability(html),
        }
        for name in extractors:
            runners[name]()  # warm-up (imports, caches), not timed
            out, ms = timed(runners[name], max(1, args.runs))
            scores.append(score_page(page, name, out, ms))

    report = {"sets": {}, "pages": [asdict(s) for s in scores]}
    for set_name in sets:
        in_set = scores if set_name == "all" else [s for s in scores if s.set == set_name]
        summaries = {name: summarise([s for s in in_set if s.extractor == name]) for name in extractors}
        report["sets"][set_name] = summaries
        print_table(set_name, summaries)
    print_refusals([s for s in scores if s.is_article and s.refused])
    for set_name in sets:
        if set_name != "all" and (args.failures or args.set in FIXTURE_SETS or set_name.startswith("vn-real")):
            print_failures(set_name, [s for s in scores if s.set == set_name])
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
