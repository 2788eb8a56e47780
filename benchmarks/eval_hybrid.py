"""Would a hybrid beat either extractor? htx's text or trafilatura's, chosen per page by how much they agree.

    .venv/bin/python benchmarks/eval_hybrid.py

For each page of the benchmark, VN real and fixture sets (see eval_extraction.py) both extractors run once;
trafilatura's lines go through htx's boilerplate lexicon and date-line rule. The hybrid keeps htx's text when
each text holds at least T of the other's 4-token shingles and takes trafilatura's otherwise (or when htx
refuses); body F1 is printed per set for htx, trafilatura and the hybrid at several T.
"""

import statistics
import sys

import eval_extraction as ev

from crawler.boilerplate import is_boilerplate
from crawler.extract import is_date_line
from crawler.pages import decode_html

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def filtered(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip() and not (is_boilerplate(line) or is_date_line(line)))


def held(part: str, whole: str) -> float:
    """The share of ``part``'s shingles found in ``whole``."""
    mine, theirs = ev.shingles(part), ev.shingles(whole)
    total = sum(mine.values())
    return sum((mine & theirs).values()) / total if total else 0.0


def body_f1(rows: list[tuple[dict, str]]) -> float:
    precisions, recalls = [], []
    for page, text in rows:
        tp, fp, fn = ev.shingle_match("\n".join([page["lead"], *page["body"]]), text, keep_case=page["set"] == "benchmark")
        if tp + fp > 0:
            precisions.append(ev.precision_of(tp, fp, fn))
        recalls.append(ev.recall_of(tp, fp, fn))
    return ev.f1_of(statistics.mean(precisions), statistics.mean(recalls))


def main() -> int:
    results: dict[str, list] = {}
    for which in ("benchmark", "vn-real", "all"):
        pages, _ = ev.load_pages(which)
        for page, raw in pages:
            if page["is_article"]:
                html = decode_html(raw)
                url = page.get("url") or "https://example.gov.vn/" + page["file"]
                htx, traf = ev.run_htx(html, url), ev.run_trafilatura(html, url, False)
                results.setdefault(which, []).append((page, htx, filtered(traf.text)))
    print(f"{'set':<12}{'htx':>8}{'trafil.':>9}" + "".join(f"{f'T={t}':>9}" for t in THRESHOLDS))
    for which, rows in results.items():
        line = f"{which:<12}{body_f1([(p, h.text) for p, h, _ in rows]):>8.3f}{body_f1([(p, t) for p, _, t in rows]):>9.3f}"
        for threshold in THRESHOLDS:
            chosen = [(p, t if h.refused or min(held(t, h.text), held(h.text, t)) < threshold else h.text) for p, h, t in rows]
            line += f"{body_f1(chosen):>9.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
