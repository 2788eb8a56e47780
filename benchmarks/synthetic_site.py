"""A large generated portal in the shape of the Sóc Trăng fixture, for the crawl benchmark.

Writes ``DIR/sites/bench/`` (list pages ``/portal/Pages/Kinh-te-tap-the.aspx`` and ``...aspx@Page=N`` with
20 articles each, newest first, the article pages, robots.txt) and ``PORTALS/bench.toml`` (the soctrang
profile renamed, without its sitemap (the generated site has none), with a ``[settings]`` table that turns
politeness off).

Article pages are the real fixture article pages (``fixtures/sites/soctrang``, the UTF-8 ones) with the
headline, date line, lead, body and "related news" list swapped; each article uses one of them in turn, so
the markup variants of the fixture (div/span headlines, five date-line formats, pages with and without a
lead, Word-pasted bodies) all occur. The text is recombined from the paragraphs of both fixture portals'
truth files (``fixtures/truth/*.json``): paragraphs shuffled and numbers varied, deterministically from the
seed. About 80% of the articles are about cooperatives, the rest are built only from paragraphs that name
no cooperative term (checked with indexer.vietnamese.relevance).

    .venv/bin/python benchmarks/synthetic_site.py /tmp/site --articles 300 --check   # generate and verify
    .venv/bin/python benchmarks/synthetic_site.py /tmp/data --articles 100000 --archive # a stored archive
"""

import argparse
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from indexer.vietnamese.relevance import is_about_cooperatives

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SOCTRANG = FIXTURES / "sites" / "soctrang"
PROFILE = ROOT / "crawler" / "portals" / "soctrang.toml"
LIST_PATH = "/portal/Pages/Kinh-te-tap-the.aspx"
REAL_BASE = "https://www.soctrang.gov.vn"
PER_PAGE = 20
COOPERATIVE_SHARE = 0.8
NEWEST = datetime(2025, 6, 30, 17, 30)

NO_POLITENESS = {  # the [settings] table of bench.toml
    "download_delay": 0,
    "autothrottle_enabled": False,
    "concurrent_requests": 16,
    "concurrent_requests_per_domain": 16,
}

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
PLACES = ["Mỹ Xuyên", "Trần Đề", "Vĩnh Châu", "Ngã Năm", "Thạnh Trị", "Kế Sách", "Long Phú", "Cù Lao Dung",
          "Châu Thành", "Mỹ Tú", "Ngã Năm", "Sóc Trăng"]
IMAGES = ["ky-ket-lien-ket.jpg", "thu-hoach-lua.jpg", "hoi-nghi-lien-minh.jpg", "san-pham-ocop.jpg", "ao-tom.jpg"]


# ---------------------------------------------------------------------------------------------- text pool


@dataclass
class Pool:
    """Text of the fixture articles, split by kind and by topic (True: about cooperatives)."""

    titles: dict = field(default_factory=lambda: {True: [], False: []})
    leads: dict = field(default_factory=lambda: {True: [], False: []})
    paragraphs: dict = field(default_factory=lambda: {True: [], False: []})
    short: dict = field(default_factory=lambda: {True: [], False: []})  # sub-headings and captions
    bylines: list = field(default_factory=list)


def load_pool() -> Pool:
    pool = Pool()
    for truth in sorted((FIXTURES / "truth").glob("*.json")):
        for article in json.loads(truth.read_text(encoding="utf-8"))["articles"]:
            coop = bool(article["about_cooperatives"])
            pool.titles[coop].append(article["title"])
            if article["lead"]:
                pool.leads[coop].append(article["lead"])
            body = list(article["body"])
            if body and len(body[-1]) < 40 and not body[-1].endswith("."):
                pool.bylines.append(body.pop())
            for text in body:
                long = len(text) >= 100 and text.endswith((".", "”", "\""))
                (pool.paragraphs if long else pool.short)[coop].append(text)
    # Articles about something else must not name cooperatives anywhere (their paragraphs may come from
    # either kind of fixture article, as long as they are free of cooperative terms).
    for kind in ("titles", "leads", "paragraphs", "short"):
        getattr(pool, kind)[False] = sorted({t for t in getattr(pool, kind)[True] + getattr(pool, kind)[False]
                                             if not is_about_cooperatives(t)})
    return pool


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def vary_numbers(text: str, rng: random.Random) -> str:
    """Change the digits of every number except years and the parts of dates and times."""

    def swap(match: re.Match) -> str:
        token, start, end = match.group(), match.start(), match.end()
        before, after = text[start - 1: start], text[end: end + 1]
        if before in "/:" and before or after in "/:" and after or re.fullmatch(r"(19|20)\d\d", token):
            return token
        digits = [str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in token]
        if digits[0] != "0" or len(token) == 1:
            digits[0] = str(rng.randint(1, 9))  # no leading zero ("02" would read as a different style)
        return "".join(digits)

    return _NUMBER.sub(swap, text)


def slug(text: str, limit: int = 60) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", folded)
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------- templates


@dataclass
class ArticleTemplate:
    """One fixture article page cut into a prefix, slots and a suffix."""

    name: str
    path: str
    title: str
    head: str  # from the start of the page to the headline's text
    header: str  # after the headline text, up to the lead / body (date line, maybe the tools)
    has_lead: bool
    lead_open: str
    lead_close: str
    between: str  # from the lead to the start of the body (the hidden label and the rich field's tag)
    tail: str  # after the body: tools, the related list, right column, footer

    @classmethod
    def from_page(cls, path: Path) -> "ArticleTemplate":
        html = path.read_text(encoding="utf-8")
        url_path = "/" + path.relative_to(SOCTRANG).as_posix()
        title_match = re.search(r'<(div|span) class="tandan-p-article-title">(.*?)</\1>', html, re.S)
        head = html[: title_match.start(2)]
        rest = html[title_match.end(2):]
        label = rest.index('<div id="ctl00_PlaceHolderMain_ctl02_label"')
        before_label = rest[:label]
        lead_match = re.search(r'<div(?: style="[^"]*")?>\s*(?:<p>)?\s*<(strong|b)>(.*?)</\1>\s*(?:</p>)?\s*</div>\s*$', before_label, re.S)
        if lead_match:
            header = before_label[: lead_match.start()]
            lead_open = before_label[lead_match.start(): lead_match.start(2)]
            lead_close = before_label[lead_match.end(2): lead_match.end()]
        else:
            header, lead_open, lead_close = before_label, "", ""
        field_tag = re.search(r'<div id="ctl00_PlaceHolderMain_ctl02__ControlWrapper_RichHtmlField"[^>]*>', rest)
        between = rest[label: field_tag.end()] + "\n"
        after = rest[field_tag.end():]
        ends = [after.find(marker) for marker in ('<div class="tandan-p-article-tools">', '</div>\n<div class="ms-clear">',
                                                   '<div class="tandan-p-article-other">')]
        end = min(e for e in ends if e >= 0)
        tail = after[end:]
        return cls(path.stem, url_path, title_match.group(2), head, header, bool(lead_match), lead_open, lead_close,
                   between, tail)

    def render(self, article: "GeneratedArticle", related: list["GeneratedArticle"]) -> str:
        when = article.published
        swaps = {  # in this order: the quoted URL holds the file name too
            quote(REAL_BASE + self.path, safe=""): quote(REAL_BASE + article.path, safe=""),
            quote(self.title, safe=""): quote(article.title, safe=""),
            self.path: article.path,
            Path(self.path).name: Path(article.path).name,
        }
        description = article.lead or article.paragraphs[0]
        head = re.sub(r'(<meta name="description" content=")[^"]*', lambda m: m.group(1) + escape(description).replace('"', "&quot;"), self.head)
        head = replace_all(head, swaps)
        header = re.sub(r"\d{2}/\d{2}/\d{4}", when.strftime("%d/%m/%Y"), self.header)
        header = re.sub(r"\b\d{2}:\d{2}:\d{2}\b", when.strftime("%H:%M:%S"), header)
        header = re.sub(r"\b\d{2}:\d{2}\b", when.strftime("%H:%M"), header)
        header = re.sub("|".join(WEEKDAYS), WEEKDAYS[when.weekday()], header)
        header = re.sub(r"Lượt xem: \d+", f"Lượt xem: {article.views}", header)
        header = replace_all(header, swaps)
        lead = f"{self.lead_open}{escape(article.lead)}{self.lead_close}" if self.has_lead else ""
        related_items = "".join(
            f'<li><a href="{r.path}">{escape(r.title)}</a> <span class="tandan-p-article-other-date">({r.published:%d/%m/%Y})</span></li>\n'
            for r in related
        )
        tail = re.sub(r'(<div class="tandan-p-article-other">.*?<ul>\n).*?(</ul>)', lambda m: m.group(1) + related_items + m.group(2), self.tail, count=1, flags=re.S)
        tail = replace_all(tail, swaps)
        return head + escape(article.title) + header + lead + self.between + article.body_html + tail


def replace_all(text: str, swaps: dict) -> str:
    for old, new in swaps.items():
        text = text.replace(old, new)
    return text


@dataclass
class ListTemplate:
    head: str
    tail: str

    @classmethod
    def from_page(cls, path: Path) -> "ListTemplate":
        html = path.read_text(encoding="utf-8")
        start = html.index('<div class="tandan-p-list-news">')
        end = html.index("</div>\n</div>\n</div>\n</div>\n</td>", html.index('<div class="tandan-paging">'))
        return cls(html[:start], html[end:])

    def render(self, page: int, pages: int, articles: list["GeneratedArticle"]) -> str:
        target = f"./Kinh-te-tap-the.aspx?Page={page}" if page > 1 else "./Kinh-te-tap-the.aspx"
        head = self.head.replace("Kinh tế tập thể - Trang 2", f"Kinh tế tập thể - Trang {page}" if page > 1 else "Kinh tế tập thể")
        head = head.replace("./Kinh-te-tap-the.aspx?Page=2", target)
        items = []
        for a in articles:
            items.append(
                '<div class="tandan-p-list-item">\n'
                '<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr>\n'
                f'<td class="tandan-p-list-thumb" valign="top" width="160"><a href="{a.path}"><img src="{a.image}" alt="{escape(a.title)}" width="150" height="100" /></a></td>\n'
                '<td class="tandan-p-list-info" valign="top">\n'
                f'<a class="tandan-p-list-title" href="{a.path}">{escape(a.title)}</a>\n'
                f'<div class="tandan-p-list-date">({a.published:%d/%m/%Y})</div>\n'
                f'<div class="tandan-p-list-summary">{escape(a.summary)}</div>\n'
                "</td>\n</tr></table>\n</div>\n"
            )

        def href(n: int) -> str:
            return LIST_PATH if n == 1 else f"{LIST_PATH}?Page={n}"

        paging = ['<div class="tandan-paging">\n<span class="tandan-paging-label">Trang:</span>\n']
        if page > 1:
            paging.append(f'<a href="{href(page - 1)}" title="Trang trước" class="prev">« Trang trước</a>\n')
        shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
        for n in shown:
            paging.append(f'<span class="current">{n}</span>\n' if n == page else f'<a href="{href(n)}" class="page-number">{n}</a>\n')
        if page < pages:
            paging.append(f'<a href="{href(page + 1)}" title="Trang sau" class="next">Trang sau »</a>\n')
        paging.append("</div>\n")
        return head + '<div class="tandan-p-list-news">\n' + "".join(items) + "</div>\n" + "".join(paging) + self.tail


# ---------------------------------------------------------------------------------------------- articles


@dataclass
class GeneratedArticle:
    number: int
    about_cooperatives: bool
    title: str
    published: datetime
    lead: str
    paragraphs: list[str]
    body_html: str
    byline: str
    path: str
    image: str
    views: int

    @property
    def summary(self) -> str:
        text = self.lead or self.paragraphs[0]
        return text if len(text) < 260 else text[:text.rfind(" ", 0, 250)] + " ..."


def generate_article(number: int, published: datetime, pool: Pool, template: ArticleTemplate, seed: int) -> GeneratedArticle:
    rng = random.Random(seed * 1_000_003 + number)
    coop = rng.random() < COOPERATIVE_SHARE
    title = vary_numbers(rng.choice(pool.titles[coop]), rng)
    if rng.random() < 0.5:
        title = f"{rng.choice(PLACES)}: {title}"
    lead = vary_numbers(rng.choice(pool.leads[coop]), rng) if template.has_lead else ""
    count = rng.randint(4, min(9, len(pool.paragraphs[coop])))
    paragraphs = [vary_numbers(p, rng) for p in rng.sample(pool.paragraphs[coop], count)]
    if coop and not is_about_cooperatives(title, lead, *paragraphs):
        paragraphs.insert(0, vary_numbers(rng.choice([p for p in pool.paragraphs[True] if is_about_cooperatives(p)]), rng))
    image = f"/portal/PublishingImages/{published.year}/{published.month}/{rng.choice(IMAGES)}"
    byline = rng.choice(pool.bylines)
    if not coop and is_about_cooperatives(byline):
        byline = "Minh Khoa"
    html = []
    heading_at = rng.randint(2, len(paragraphs)) if rng.random() < 0.5 else -1
    image_at = rng.randint(1, len(paragraphs)) if rng.random() < 0.7 else -1
    for i, text in enumerate(paragraphs):
        if i == heading_at:
            html.append(f'<h3 style="text-align: justify;">{escape(rng.choice(pool.short[coop]))}</h3>\n')
        if i == image_at:
            html.append(f'<p style="text-align: center;"><img alt="" src="{image}" style="width: 600px;" /><br />\n'
                        f'<span style="font-size: 12px;"><em>{escape(rng.choice(pool.short[coop]))}</em></span></p>\n')
        html.append(f'<p style="text-align: justify;">{escape(text)}</p>\n')
    html.append(f'<p style="text-align: right;"><strong>{escape(byline)}</strong></p>\n')
    code = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
    path = f"/portal/Pages/{published.year}-{published.month}-{published.day}/{slug(title)}{code}.aspx"
    return GeneratedArticle(number, coop, title, published, lead, paragraphs, "".join(html), byline, path, image,
                            rng.randint(20, 2000))


def article_templates() -> list[ArticleTemplate]:
    headers = json.loads((SOCTRANG / "_headers.json").read_text(encoding="utf-8"))
    legacy = {p for p, h in headers.items() if "utf-8" not in h.get("Content-Type", "utf-8").lower()}
    pages = sorted(p for p in (SOCTRANG / "portal" / "Pages").glob("*/*.aspx") if "/" + p.relative_to(SOCTRANG).as_posix() not in legacy)
    return [ArticleTemplate.from_page(p) for p in pages]


def generate(out: Path, articles: int = 5000, seed: int = 1) -> dict:
    """Write ``out/sites/bench`` and ``out/portals/bench.toml``; returns what was written."""
    site = out / "sites" / "bench"
    pages_dir = site / "portal" / "Pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    (site / "robots.txt").write_bytes((SOCTRANG / "robots.txt").read_bytes())
    pool = load_pool()
    templates = article_templates()
    list_template = ListTemplate.from_page(SOCTRANG / "portal" / "Pages" / "Kinh-te-tap-the.aspx@Page=2")
    rng = random.Random(seed)
    when, generated = NEWEST, []
    for number in range(articles):
        when -= timedelta(minutes=rng.randint(20, 900))
        generated.append(generate_article(number, when.replace(second=rng.randint(0, 59)), pool, templates[number % len(templates)], seed))
    seen = set()
    for article in generated:  # two equal slugs on one day: make the later one unique
        while article.path in seen:
            article.path = article.path.replace(".aspx", "x.aspx")
        seen.add(article.path)
    total_bytes = 0
    for i, article in enumerate(generated):
        related = [generated[j] for j in (i + 1, i + 2, i + 3) if j < len(generated)]
        html = templates[i % len(templates)].render(article, related)
        target = site / article.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        total_bytes += len(data)
    pages = max(1, -(-articles // PER_PAGE))
    for page in range(1, pages + 1):
        name = "Kinh-te-tap-the.aspx" if page == 1 else f"Kinh-te-tap-the.aspx@Page={page}"
        data = list_template.render(page, pages, generated[(page - 1) * PER_PAGE: page * PER_PAGE]).encode("utf-8")
        (pages_dir / name).write_bytes(data)
        total_bytes += len(data)
    portals = out / "portals"
    portals.mkdir(parents=True, exist_ok=True)
    profile = PROFILE.read_text(encoding="utf-8").replace('name = "soctrang"', 'name = "bench"', 1)
    profile = "\n".join(line for line in profile.splitlines() if not line.startswith("sitemaps ="))  # list pages only
    profile = profile.rstrip("\n") + "\n\n[settings]  # politeness off: a loopback benchmark\n" + "".join(
        f"{key} = {str(value).lower() if isinstance(value, bool) else value}\n" for key, value in NO_POLITENESS.items())
    (portals / "bench.toml").write_text(profile, encoding="utf-8")
    return {
        "site": str(site),
        "portals": str(portals),
        "articles": articles,
        "about_cooperatives": sum(a.about_cooperatives for a in generated),
        "list_pages": pages,
        "bytes": total_bytes,
        "templates": [t.name for t in templates],
        "generated": generated,
    }


ARCHIVE_BASE = "https://lmhtx.archive.gov.vn"  # the stored archive's articles: another portal's addresses


def stored_archive(data_dir: Path, count: int, seed: int = 1) -> tuple[int, float]:
    """Store ``count`` articles of another portal in ``data_dir`` as earlier crawls would have: in ``items/``
    (JSON Lines, text recombined like the site's) and in the crawl database, filled from items/ as htx fills a
    new one (timed), with every article settled as if indexed. The index itself is left empty: building one of
    100,000 articles takes most of an hour here (bench_search.py measures that), and a crawl only opens it.
    Returns the bytes of items written and the seconds the database took to fill."""
    import time

    from crawler.state import CrawlState
    from indexer.article import Article
    from indexer.itemstore import ItemStore

    pool, rng, when = load_pool(), random.Random(seed), NEWEST
    run = ItemStore(data_dir).open_run("archive")
    for number in range(count):
        when -= timedelta(minutes=rng.randint(1, 30))
        article = generate_article(number, when, pool, SimpleNamespace(has_lead=number % 3 != 0), seed)
        body = "\n\n".join([*article.paragraphs, article.byline])
        run.write(Article(url=ARCHIVE_BASE + article.path, title=article.title, body=body, province="Sóc Trăng",
                          portal="archive", published=article.published, lead=article.lead,
                          about_cooperatives=article.about_cooperatives))
    run.close()
    start = time.perf_counter()
    state = CrawlState(data_dir)
    filled = time.perf_counter() - start
    state.settled(url for urls in state.pending().values() for url in urls)
    state.close()
    return run.path.stat().st_size, filled


def check(info: dict, sample: int = 200) -> list[str]:
    """Extract a sample of the generated pages with the real extractor; the mismatches found."""
    import os

    os.environ["HTX_PORTALS"] = info["portals"]
    from crawler.extract import extract_article
    from crawler.pages import decode_html
    from crawler.profiles import load_profiles

    profile = load_profiles()["bench"]
    problems = []
    articles = info["generated"]
    for article in articles[:: max(1, len(articles) // sample)]:
        html = decode_html((Path(info["site"]) / article.path.lstrip("/")).read_bytes(), "text/html; charset=utf-8")
        result = extract_article(html, REAL_BASE + article.path, profile)
        got = result.article
        if got is None:
            problems.append(f"{article.path}: no article ({result.problem})")
            continue
        checks = {
            "title": got.title == article.title,
            "published": got.published is not None and got.published.replace(second=0) == article.published.replace(second=0),
            "lead": got.lead == article.lead,
            "paragraphs": all(p in got.body for p in article.paragraphs),
            "about_cooperatives": got.about_cooperatives == article.about_cooperatives,
            "path": result.path == "profile",
        }
        bad = [k for k, ok in checks.items() if not ok]
        if bad:
            problems.append(f"{article.path} [{article.number}]: {', '.join(bad)} "
                            f"(title {got.title!r}, published {got.published}, lead {got.lead[:40]!r}, warnings {result.warnings})")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", action="store_true", help="extract a sample of the pages and compare")
    parser.add_argument("--archive", action="store_true",
                        help="instead of a site, store --articles articles of another portal in the data directory OUT")
    args = parser.parse_args(argv)
    if args.archive:
        size, filled = stored_archive(args.out, args.articles, args.seed)
        print(f"stored {args.articles} articles in {args.out} ({size / 1e6:.0f} MB of items); "
              f"the crawl database filled from items/ in {filled:.1f} s")
        return 0
    info = generate(args.out, args.articles, args.seed)
    print(f"{info['articles']} articles ({info['about_cooperatives']} about cooperatives), {info['list_pages']} list pages, "
          f"{info['bytes'] / 1e6:.1f} MB in {info['site']}; profile in {info['portals']}")
    if args.check:
        problems = check(info)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"check: {len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
