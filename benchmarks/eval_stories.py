"""Stories: are reposts recognised as one story, and do distinct articles about one event stay apart?

Reposts are made from the 18 cooperative articles of the fixture portals the way the national alliance reposts
them: (a) the lead rewritten and the last two paragraphs cut, a source line added; (b) only the first half of the
paragraphs under a rewritten lead; (c) every other paragraph, no lead. Distinct articles are those 18, the 54
articles of fixtures/figures/ and the 4 hand-written pairs of fixtures/stories/same_event.json (two provinces'
reports of one event). Everything is indexed for real (write_articles into a temporary index) and the story ids
are read back; the pairwise decisions of the 3-gram Jaccard rule alone are shown beside the containment rule.

    .venv/bin/python benchmarks/eval_stories.py
"""

import itertools
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.eval_figures import load_corpus  # noqa: E402
from indexer.article import Article  # noqa: E402
from indexer.engine.index import open_index, write_articles  # noqa: E402
from indexer.reports.stories import SIMILAR, same_story, shingles  # noqa: E402

PORTALS = {"soctrang": ("Sóc Trăng", "soctrang.gov.vn"), "dongthap": ("Đồng Tháp", "dongthap.gov.vn")}


def originals() -> list[Article]:
    found = []
    for path in sorted((ROOT / "fixtures" / "truth").glob("*.json")):
        province, domain = PORTALS[path.stem]
        for a in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            if a["about_cooperatives"]:
                found.append(Article(url=f"https://{domain}{a['path']}", title=a["title"], lead=a["lead"], province=province,
                                     body="\n\n".join(a["body"]), published=datetime.fromisoformat(a["published"])))
    return found


def reposts(article: Article) -> list[Article]:
    """The three repost variants of an article, filed under the national scope a week later."""
    paragraphs = article.paragraphs()
    lead = f"Liên minh HTX Việt Nam giới thiệu bài viết của Cổng thông tin điện tử tỉnh {article.province}: {article.title.lower()}."
    source = f"Theo {article.url.split('/')[2]}"
    bodies = {"a": (lead, paragraphs[:-2] + [source]), "b": (lead, paragraphs[: (len(paragraphs) + 1) // 2]),
              "c": ("", paragraphs[::2])}
    return [Article(url=f"https://vca.org.vn/repost-{variant}/{article.url.rsplit('/', 1)[-1]}", title=article.title,
                    lead=new_lead, body="\n\n".join(body), province="Toàn quốc", published=article.published.replace(day=1))
            for variant, (new_lead, body) in bodies.items()]


def distinct() -> tuple[list[Article], list[tuple[str, str]]]:
    """Articles that are all different stories, and the URL pairs that report one event."""
    found = [Article(url=a["url"], title=a["title"], lead=a["lead"], body="\n\n".join(a["body"]), province=a["province"],
                     published=datetime.fromisoformat(a["published"])) for a in load_corpus("all")]
    events = json.loads((ROOT / "fixtures" / "stories" / "same_event.json").read_text(encoding="utf-8"))["events"]
    pairs = []
    for pair in events:
        found += [Article(url=a["url"], title=a["title"], lead=a["lead"], body=a["body"], province=a["province"],
                          published=datetime.fromisoformat(a["published"])) for a in pair]
        pairs.append((pair[0]["url"], pair[1]["url"]))
    return found, pairs


def grams(article: Article) -> set[str]:
    return shingles(article.lead + " " + article.body)


def jaccard_only(a: set[str], b: set[str]) -> bool:
    return len(a & b) >= SIMILAR * len(a | b)


def main() -> None:
    sources = originals()
    others, event_pairs = distinct()
    copies = {source.url: reposts(source) for source in sources}
    everything = sources + others
    with tempfile.TemporaryDirectory() as tmp:
        write_articles(Path(tmp), everything)
        write_articles(Path(tmp), [copy for batch in copies.values() for copy in batch])
        with open_index(Path(tmp)).searcher() as searcher:
            story = {fields["url"]: fields["story"] for fields in searcher.all_stored_fields()}
    print(f"{len(everything)} distinct articles ({len(event_pairs)} pairs reporting one event), "
          f"{sum(map(len, copies.values()))} reposts of {len(sources)} of them")
    for variant, index in (("a: lead rewritten, 2 paragraphs cut", 0), ("b: first half, lead rewritten", 1),
                           ("c: every other paragraph", 2)):
        batch = [(copies[s.url][index], s) for s in sources]
        found = sum(story[copy.url] == story[source.url] for copy, source in batch)
        by_rule = {rule.__name__: sum(rule(grams(copy), grams(source)) for copy, source in batch) for rule in (jaccard_only, same_story)}
        print(f"reposts {variant}: one story in the index {found}/{len(batch)}; "
              f"pairwise Jaccard >= {SIMILAR} {by_rule['jaccard_only']}/{len(batch)}, with containment {by_rule['same_story']}/{len(batch)}")
    merged = [(a.url, b.url) for a, b in itertools.combinations(everything, 2) if story[a.url] == story[b.url]]
    pairs = len(everything) * (len(everything) - 1) // 2
    print(f"false merges among distinct articles: {len(merged)} of {pairs} pairs; same-event pairs merged: "
          f"{sum(pair in merged or pair[::-1] in merged for pair in event_pairs)}/{len(event_pairs)}")
    by_url = {a.url: grams(a) for a in everything}
    for a, b in event_pairs:
        shared = len(by_url[a] & by_url[b])
        print(f"  same event: Jaccard {shared / len(by_url[a] | by_url[b]):.2f}, "
              f"containment {shared / min(len(by_url[a]), len(by_url[b])):.2f}  {a}")
    worst = max(itertools.combinations(everything, 2), key=lambda p: len(by_url[p[0].url] & by_url[p[1].url])
                / min(len(by_url[p[0].url]), len(by_url[p[1].url])))
    shared = len(by_url[worst[0].url] & by_url[worst[1].url])
    print(f"highest containment between distinct articles: {shared / min(len(by_url[worst[0].url]), len(by_url[worst[1].url])):.2f} "
          f"({worst[0].url}, {worst[1].url})")
    for a, b in merged:
        print("  merged:", a, b)


if __name__ == "__main__":
    main()
