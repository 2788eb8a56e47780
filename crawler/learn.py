"""Learning a portal profile from the portal itself: where its news list is, which links on it are articles, how
it pages, and which feeds and sitemaps it advertises. A handful of requests (a budget), robots.txt obeyed."""

import re
import time
import urllib.request
import urllib.robotparser
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from crawler.fetch import FetchError, fetch_html, same_site
from crawler.profiles import PortalProfile, discovery_profile, learned_dir, load_profile, load_profiles
from crawler.settings import DOWNLOAD_DELAY, USER_AGENT
from indexer.vietnamese.dates import now_vn
from indexer.vietnamese.text import strip_diacritics

LEARN_BUDGET = 8  # requests: robots.txt, the start page and a few candidate lists
CANDIDATE_LISTS = 4
MIN_ITEMS = 3  # a news list shows at least this many article links
MIN_CONTEXT = 40  # characters beside each headline link (excerpt, date) in a news list's items, on average
SECTION_WORDS = [  # (words in a link's text, diacritics folded; score)
    (("hop tac xa", "kinh te tap the", "htx", "lien minh"), 3),
    (("tin tuc", "tin hoat dong", "tin su kien", "tin moi", "news"), 2),
    (("kinh te", "hoat dong"), 1),
]
SECTION_WORDS_MAX = 6  # a section's name in a menu is short; a longer link text is a headline
NOT_NEWS = re.compile(r"van ban|thu tuc|lich cong tac|hoi dap|lien he|so do|video|hinh anh|thu vien|tai lieu|gop y|dang nhap")
DOCUMENT_TITLE = re.compile(r"^(quyet dinh|cong van|ke hoach|thong bao|nghi quyet|chi thi|to trinh|thu tuc)\b.{0,40}\bso\b|\d+/[a-z]*-?[a-z]+", re.I)
NEXT_TEXTS = ("trang sau", "trang tiep", "tiep", "sau", "next", "»", "›", ">", ">>")
PAGE_PATTERNS = [  # how a list's page N is addressed, with a readable name
    (re.compile(r"[?&][^=&]*_cur=\d+"), "Liferay _cur=N"),
    (re.compile(r"/page/\d+/?$"), "/page/N/"),
    (re.compile(r"[/-](trang|page)-\d+"), "trang-N / page-N"),
    (re.compile(r"[?&](page|trang|p|pageindex|Page)=\d+", re.I), "?page=N"),
]
POSTBACK = re.compile(r"""^javascript:\s*__doPostBack\(\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")  # target, argument
LOOPBACK = ("127.0.0.1", "localhost", "::1")  # replicas: no need to spare the server
LINK_FEED_TYPES = ("application/rss+xml", "application/atom+xml")
MENU_PARTS = re.compile(r"menu|nav|header|footer|breadcrumb|sidebar|widget|lien-ket|weblink|pagination|paging|pager", re.I)
META_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\" >]+)", re.I)


class LearnError(RuntimeError):
    """The portal could not be learned (unreachable start page); the message says why."""


@dataclass
class NewsList:
    """A list page of articles and how to walk it."""

    url: str
    article_links: str
    article_urls: list[str]
    next_page: str = ""
    paging: str = ""


@dataclass
class Learned:
    """What learning a portal found, and what it cost."""

    start_url: str
    platform: str = "unknown"
    news: NewsList | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    requests: int = 0
    notes: list[str] = field(default_factory=list)


class Fetcher:
    """GETs pages of one portal with the crawler's User-Agent, obeying its robots.txt, within a request budget."""

    def __init__(self, start_url: str, budget: int = LEARN_BUDGET):
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(start_url))
        self.budget, self.requests = budget, 0
        self.robots = urllib.robotparser.RobotFileParser()
        robots = self.get(self.origin + "/robots.txt", check_robots=False)
        self.robots.parse((robots or "").splitlines())

    def get(self, url: str, check_robots: bool = True) -> str | None:
        """The page as text; None when it is off limits, over budget, or does not come (404, timeout, too large,
        redirected off the site …). Requests to a real portal are DOWNLOAD_DELAY apart, as the crawl's."""
        if self.requests >= self.budget or (check_robots and not self.robots.can_fetch(USER_AGENT, url)):
            return None
        if self.requests and urlsplit(url).hostname not in LOOPBACK:
            time.sleep(DOWNLOAD_DELAY)
        self.requests += 1
        try:
            return fetch_html(url)  # the crawl's limits: size, time, redirects within the site
        except FetchError:
            return None


def folded(text: str) -> str:
    return " ".join(strip_diacritics(text).lower().replace("-", " ").split())


def in_menu(element: Tag) -> bool:
    """True for an element inside a menu, header, footer, side box, pager or link box (by tag, class or id); the
    header of an ``<article>`` (WordPress puts its headline there) is content."""
    if element.find_parent("article") is not None:
        return element.find_parent(("nav", "aside")) is not None
    for parent in element.parents:
        if parent.name in ("nav", "header", "footer", "aside", "select"):
            return True
        marks = " ".join([*parent.get("class", []), parent.get("id", "")]) if parent.name else ""
        if marks and MENU_PARTS.search(marks):
            return True
    return False


def platform_of(html: str) -> str:
    """The CMS family a page shows signs of."""
    signs = [("wordpress", "wp-content"), ("liferay", "liferay"), ("nukeviet", "nukeviet"), ("aspnet", "__VIEWSTATE"),
             ("sharepoint", "_layouts/")]
    lowered = html.lower()
    return next((name for name, sign in signs if sign.lower() in lowered), "unknown")


def section_score(text: str, href: str) -> int:
    """How much a link's text (or address) says "the news list we want"; 0 for other sections."""
    words = folded(text)
    if not words or NOT_NEWS.search(words) or len(words.split()) > SECTION_WORDS_MAX:
        return 0
    score = max((points for keys, points in SECTION_WORDS if any(re.search(rf"\b{k}\b", words) for k in keys)), default=0)
    if score and re.search(r"tin-?tuc|news|category|chuyen-muc", href, re.I):
        score += 1
    return score


def element_key(element: Tag) -> str:
    """A CSS step for one element: its tag and classes."""
    classes = [c for c in element.get("class", []) if re.fullmatch(r"[A-Za-z_][\w-]*", c) and not re.search(r"\d{3,}|active|current", c)]
    return element.name + "".join(f".{c}" for c in classes)


def selector_path(link: Tag, depth: int) -> str:
    """The link's CSS path through ``depth`` ancestors (an ancestor with an id ends the path: ids are unique)."""
    steps = [element_key(link)]
    for parent in link.parents:
        if parent.name in (None, "[document]", "html", "body") or len(steps) > depth:
            break
        if parent.get("id") and re.fullmatch(r"[A-Za-z][\w-]*", parent["id"]):
            steps.append(f"{parent.name}#{parent['id']}")
            break
        steps.append(element_key(parent))
    return " > ".join(reversed(steps))


def item_context(link: Tag, url: str, page_url: str) -> int:
    """Characters of text around a link in its list item (the largest ancestor linking nowhere else): an excerpt
    or a date beside a headline marks a news list, a bare link marks a menu or a "most read" box."""
    item = link
    while item.parent is not None and item.parent.name not in ("body", "[document]"):
        targets = {urljoin(page_url, a["href"]).split("#")[0] for a in item.parent.find_all("a", href=True)}
        if targets - {url}:
            break
        item = item.parent
    return len(" ".join(item.get_text(" ").split())) - len(" ".join(link.get_text(" ").split()))


def article_group(soup: BeautifulSoup, page_url: str, origin: str) -> tuple[str, list[str], bool] | None:
    """The page's news items: among the groups of headline links (long text, on the portal, outside menus) that
    share one CSS path, those with text beside each link (excerpts, dates) first, then the largest; the selector
    that picks exactly them, their addresses in page order, and whether they had text beside them. None when no
    group has MIN_ITEMS links."""
    groups: dict[str, list[tuple[Tag, str]]] = defaultdict(list)
    for link in soup.find_all("a", href=True):
        url = urljoin(page_url, link["href"]).split("#")[0]
        text = " ".join(link.get_text(" ").split())
        if len(text) < 20 or not same_site(url, origin) or url == page_url or in_menu(link) or DOCUMENT_TITLE.search(folded(text)):
            continue
        groups[selector_path(link, 4)].append((link, url))
    ranked = []
    for path, members in groups.items():
        urls = list(dict.fromkeys(url for _, url in members))
        if len(urls) >= MIN_ITEMS:
            context = sum(item_context(link, url, page_url) for link, url in members) / len(members)
            ranked.append((context >= MIN_CONTEXT, len(urls), path, urls))
    if not ranked:
        return None
    with_context, _, path, urls = max(ranked, key=lambda r: r[:2])
    return narrowest_selector(soup, page_url, path, set(urls)), urls, with_context


def narrowest_selector(soup: BeautifulSoup, page_url: str, path: str, urls: set[str]) -> str:
    """The shortest tail of ``path`` that selects links to exactly ``urls`` on the page."""
    steps = path.split(" > ")
    for start in range(len(steps) - 2, -1, -1):
        selector = " > ".join(steps[start:])
        found = {urljoin(page_url, a["href"]).split("#")[0] for a in soup.select(selector) if a.get("href")}
        if found == urls:
            return selector
    return path


def next_page_link(soup: BeautifulSoup, page_url: str) -> tuple[str, str]:
    """The CSS selector of the link to the next list page and the way pages are addressed; ("", "") if none."""
    for link in soup.find_all("a", href=True):
        href, text = link["href"].strip(), folded(link.get_text(" "))
        rel = [r.lower() for r in link.get("rel", [])]
        classes = [c for c in link.get("class", []) if "next" in c.lower()]
        label = folded(link.get("title", "") or link.get("aria-label", ""))
        if not ("next" in rel or classes or text in NEXT_TEXTS or label in NEXT_TEXTS):
            continue
        if POSTBACK.match(href):
            paging = "ASP.NET __doPostBack"
        else:
            url = urljoin(page_url, href)
            paging = next((name for pattern, name in PAGE_PATTERNS if pattern.search(url)), "")
            if not paging or href.startswith(("#", "javascript:")):
                continue
        if "next" in rel:
            selector = "a[rel~=next]"
        elif classes:
            selector = f"a.{classes[0]}"
        elif label:
            attribute = "title" if link.get("title") else "aria-label"
            selector = f'a[{attribute}="{link[attribute]}"]'
        else:
            selector = f'{selector_path(link, 2)}:-soup-contains-own("{link.get_text().strip()}")'
        if soup.select_one(selector) is link:
            return selector, paging
    return "", ""


def read_list(html: str, url: str, origin: str) -> NewsList | None:
    """The news list on a page, if it holds one."""
    soup = BeautifulSoup(html, "lxml")
    group = article_group(soup, url, origin)
    if group is None:
        return None
    next_page, paging = next_page_link(soup, url)
    if not next_page and not group[2]:
        return None  # bare links on a page that does not page: a home page's box, not the news list
    return NewsList(url=url, article_links=group[0], article_urls=group[1], next_page=next_page, paging=paging)


def advertised_feeds(soup: BeautifulSoup, page_url: str, origin: str) -> list[str]:
    """Feeds a page names in ``<link rel="alternate">`` on the portal itself (comment feeds left out)."""
    feeds = []
    for link in soup.find_all("link", href=True):
        if "alternate" in [r.lower() for r in link.get("rel", [])] and link.get("type", "").lower() in LINK_FEED_TYPES:
            url = urljoin(page_url, link["href"])
            if same_site(url, origin) and "comment" not in url.lower() and url not in feeds:
                feeds.append(url)
    return feeds


def learn(start_url: str, budget: int = LEARN_BUDGET) -> Learned:
    """Learn a portal from ``start_url`` (its home page or a news list) within ``budget`` requests."""
    fetcher = Fetcher(start_url, budget)
    learned = Learned(start_url=start_url, sitemaps=list(fetcher.robots.site_maps() or []))
    html = fetcher.get(start_url)
    if html is None:
        raise LearnError(f"{start_url}: cannot fetch the start page (unreachable, missing or disallowed by robots.txt)")
    soup = BeautifulSoup(html, "lxml")
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)})
    target = META_REFRESH.search(refresh.get("content", "")) if refresh is not None else None
    if target and same_site(urljoin(start_url, target.group(1)), fetcher.origin):  # a home page that redirects
        start_url = urljoin(start_url, target.group(1))
        html = fetcher.get(start_url) or html
        soup = BeautifulSoup(html, "lxml")
    learned.platform = platform_of(html)
    learned.feeds = advertised_feeds(soup, start_url, fetcher.origin)
    if urlsplit(start_url).path.strip("/") not in ("", "index.html", "index.php", "default.aspx", "trang-chu"):
        learned.news = read_list(html, start_url, fetcher.origin)  # the user gave a list page
    candidates: dict[str, int] = {}
    for link in soup.find_all("a", href=True):
        url = urljoin(start_url, link["href"]).split("#")[0]
        score = section_score(link.get_text(" "), url)
        if score and same_site(url, fetcher.origin) and url != start_url:
            candidates[url] = max(score, candidates.get(url, 0))
    for url in sorted(candidates, key=lambda u: -candidates[u])[:CANDIDATE_LISTS]:
        if learned.news is not None:
            break
        page = fetcher.get(url)
        learned.news = read_list(page, url, fetcher.origin) if page is not None else None
        if learned.news is None:
            learned.notes.append(f"section {url}: {'no list of article links' if page is not None else 'did not come'}")
    learned.news = learned.news or read_list(html, start_url, fetcher.origin)
    learned.requests = fetcher.requests
    return learned


def profile_name(url: str) -> str:
    """A profile name from a portal's host (and port, if any): "lienminhhtx.bentre.gov.vn" -> "lienminhhtx_bentre_gov_vn"."""
    netloc = urlsplit(url).netloc.lower().removeprefix("www.")
    return re.sub(r"[^a-z0-9]+", "_", netloc).strip("_")


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def profile_text(learned: Learned, province: str, name: str = "") -> str:
    """The learned profile as a TOML file a user can read, edit and commit (crawler/portals/, or $HTX_PORTALS)."""
    news = learned.news
    parts = urlsplit(news.url)
    base_url = f"{parts.scheme}://{parts.netloc}"
    start_path = parts.path + (f"?{parts.query}" if parts.query else "")
    host = (parts.hostname or "").removeprefix("www.")
    lines = [
        f"# Learned by 'htx portal learn {learned.start_url}' on {now_vn():%d/%m/%Y %H:%M} with {learned.requests} requests.",
        f"# News list: {len(news.article_urls)} article links on its first page; pages: {news.paging or 'a single page'}.",
        "# Articles are extracted by the generic rules; add an [article] table of selectors to override them.",
        f"name = {toml_string(name or profile_name(news.url))}",
        f"label = {toml_string(f'{host} – tin tức (learned)')}",
        f"province = {toml_string(province)}",
        f"platform = {toml_string(learned.platform)}",
        f"base_url = {toml_string(base_url)}",
        f"domains = [{toml_string(host)}]",
        f"start_paths = [{toml_string(start_path)}]",
    ]
    feeds = [f for f in learned.feeds if urlsplit(f).netloc == parts.netloc]
    if feeds:
        lines.append("# Advertised on the start page (<link rel=\"alternate\">): read each run, conditionally.")
        lines.append(f"feeds = [{toml_string(feeds[0])}]")
    for sitemap in learned.sitemaps:
        lines.append(f"# robots.txt names a sitemap; uncomment if it lists news only: sitemaps = [{toml_string(sitemap)}]")
    lines += ["", "[list]", f"article_links = {toml_string(news.article_links)}"]
    if news.next_page:
        lines.append(f"next_page = {toml_string(news.next_page)}  # {news.paging}")
    else:
        lines.append('next_page = ""  # no pagination found')
    return "\n".join(lines) + "\n"


def learn_profile(start_url: str, province: str, data_dir: Path, budget: int = LEARN_BUDGET,
                  output: Path | None = None) -> tuple[PortalProfile | None, Learned]:
    """Learn a portal and save its profile (in the data directory's ``portals/``, or ``output``); the profile is
    None when no news list was found."""
    learned = learn(start_url, budget)
    if learned.news is None:
        return None, learned
    text = profile_text(learned, province)
    path = output or learned_dir(data_dir) / f"{profile_name(learned.news.url)}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_profile(path), learned


def profile_for_start(start_url: str, province: str, data_dir: Path) -> tuple[PortalProfile, str]:
    """The profile a ``--start`` crawl runs with, and a line saying where it came from: the shipped or learned
    profile of that portal, else one learned now (and saved), else budgeted discovery from ``start_url``."""
    discovery = discovery_profile(start_url, province)  # checks the URL and the province
    port = urlsplit(start_url).port
    known = next((p for p in load_profiles(data_dir).values() if p.owns(start_url) and urlsplit(p.base_url).port == port), None)
    if known is not None:
        return known, f"{known.name}: crawled with its profile {known.source}"
    try:
        profile, learned = learn_profile(start_url, province, data_dir)
    except LearnError as error:
        return discovery, f"{discovery.name}: {error}; budgeted discovery instead"
    if profile is None:
        return discovery, f"{discovery.name}: no news list found ({learned.requests} requests); budgeted discovery instead"
    return profile, f"{profile.name}: learned with {learned.requests} requests, saved to {profile.source}"
