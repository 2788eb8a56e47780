"""Precision and recall of figure extraction on the hand-labelled corpus fixtures/figures/: the articles the
extractor was developed on (*.json) and a holdout written afterwards and never tuned on (holdout/*.json).

A figure is right when metric, value, upper end, qualifier, scope and kind all agree with the label; the
"values only" line also counts a figure right when only scope or kind differ. Per-measure and per-scope lines
score the figures of that measure or scope (by the label for recall, by the extractor for precision).

    .venv/bin/python benchmarks/eval_figures.py --set all      # table (--set tune, holdout or all)
    .venv/bin/python benchmarks/eval_figures.py --errors       # and every miss and false figure
    .venv/bin/python benchmarks/eval_figures.py --json out.json
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.reports.figures import METRICS, SCOPES, extract_figures  # noqa: E402
from indexer.vietnamese.provinces import national  # noqa: E402

CORPUS = ROOT / "fixtures" / "figures"
NATIONAL = national().name


SETS = {"tune": "*.json", "holdout": "holdout/*.json"}


def load_corpus(name: str = "all") -> list[dict]:
    """Every labelled article of a set ("tune", "holdout" or "all"), in file order."""
    patterns = SETS.values() if name == "all" else [SETS[name]]
    paths = [path for pattern in patterns for path in sorted(CORPUS.glob(pattern))]
    return [article for path in paths for article in json.loads(path.read_text(encoding="utf-8"))]


def article_text(article: dict) -> str:
    """What the index extracts figures from: headline, lead and body."""
    return "\n".join([article["title"], article["lead"], *article["body"]])


def labelled(article: dict) -> Counter:
    return Counter((m, float(v), None if u is None else float(u), q, s, k) for m, v, u, q, s, k in article["figures"])


def extracted(article: dict) -> Counter:
    figures = extract_figures(article_text(article), national=article["province"] == NATIONAL)
    return Counter((f.metric, f.value, f.upper, f.qualifier, f.scope, f.kind) for f in figures)


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(corpus: list[dict]) -> dict:
    """Precision and recall overall, per measure, per scope and on values alone; misses and false figures."""
    by = {"measure": {}, "scope": {}}
    overall, values = Counter(), Counter()
    errors = []
    for article in corpus:
        want, got = labelled(article), extracted(article)
        right = want & got
        for name, position in (("measure", 0), ("scope", 4)):
            for counts, field in ((want, "labelled"), (got, "extracted"), (right, "right")):
                for figure, n in counts.items():
                    by[name].setdefault(figure[position], Counter())[field] += n
        overall.update(labelled=sum(want.values()), extracted=sum(got.values()), right=sum(right.values()))
        plain = Counter(figure[:4] for figure in want.elements()) & Counter(figure[:4] for figure in got.elements())
        values.update(right=sum(plain.values()))
        errors += [(article["url"], "missed", f) for f in (want - got).elements()]
        errors += [(article["url"], "false", f) for f in (got - want).elements()]

    def pr(counts: Counter) -> dict:
        return {"precision": _ratio(counts["right"], counts["extracted"]), "recall": _ratio(counts["right"], counts["labelled"]),
                "labelled": counts["labelled"], "extracted": counts["extracted"]}

    return {
        "articles": len(corpus),
        "provinces": len({a["province"] for a in corpus}),
        "overall": pr(overall),
        "values_only": pr(Counter(labelled=overall["labelled"], extracted=overall["extracted"], right=values["right"])),
        "measure": {name: pr(by["measure"].get(name, Counter())) for name in METRICS},
        "scope": {name: pr(by["scope"].get(name, Counter())) for name in SCOPES},
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="which articles (default: all)")
    parser.add_argument("--errors", action="store_true", help="list every miss and false figure")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    args = parser.parse_args()
    result = score(load_corpus(args.set))
    overall = result["overall"]
    print(f"set {args.set}: {overall['labelled']} labelled figures in {result['articles']} articles of {result['provinces']} "
          f"provinces (national scope included); {overall['extracted']} extracted")
    print("| | labelled | extracted | precision | recall |\n| --- | --- | --- | --- | --- |")
    rows = [("all (metric, value, range, qualifier, scope, kind)", overall), ("values only (scope and kind not compared)", result["values_only"])]
    rows += [(f"measure `{name}`", s) for name, s in result["measure"].items()]
    rows += [(f"scope `{name}`", s) for name, s in result["scope"].items()]
    for name, s in rows:
        print(f"| {name} | {s['labelled']} | {s['extracted']} | {s['precision']:.2f} | {s['recall']:.2f} |")
    if args.errors:
        for url, what, figure in result["errors"]:
            print(f"{what:<6} {figure} {url}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
