"""Article extraction from a portal page: the profile's selectors first, generic rules where they are silent."""

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from crawler.boilerplate import is_boilerplate, is_related_heading
from crawler.profiles import ArticleSelectors, PortalProfile
from indexer.article import Article
from indexer.vietnamese.dates import has_date, now_vn, parse_published
from indexer.vietnamese.relevance import is_about_cooperatives
from indexer.vietnamese.text import clean_text, name_key

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg", "button", "input", "select", "textarea", "template", "object", "head"}
LIST_ITEM_CHARS = 800  # a headline with its summary and date; an article's container holds more
HEADLINE_LINK_CHARS = 25  # a link with this much text is a headline leading to another page
HEADED_LIST_LINKS = 3  # a heading followed by this many headline links before the text heads that list
RELATED_BOX_LINKS = 3  # this many headline links in a row after some article text are a related-news box
SIBLING_SHARE = 0.2  # a sibling of the body container scoring this share of its score continues the article
MIN_SIBLING_SCORE = 10  # and at least this much (a paragraph of 100 characters scores about 10)
PARAGRAPH_CHARS = 80  # a sibling paragraph of the body container at least this long belongs to the article
PARAGRAPH_WORDS = 10  # and words (not an address or a file name)
RESUME_CHARS = 150  # after a related list, a paragraph this long without links is the article's text again
REPEAT_CHARS = (40, 200)  # a caption-length line said again within the last REPEAT_WINDOW paragraphs is a repeat
REPEAT_WINDOW = 3
BOX_LINE_CHARS = 50  # a date or byline between a box's links is no longer than this
MAX_LINK_SHARE = 0.6  # a paragraph that is mostly link text is navigation or a related-news item
_DATE_LINE = re.compile(
    r"^\W*(thứ\s+\w+,?\s*)?(ngày\s+đăng(\s+tin)?|đăng\s+ngày|ngày|cập\s+nhật(\s+ngày)?|gửi\s+lúc|lượt\s+xem:\s*\d+\s*\|?\s*gửi\s+lúc)?"
    r"\s*:?\s*\(?(\d{1,2}:\d{2}\s*\|\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}.{0,40}$",
    re.I,
)
_NOT_WORDS = re.compile(r"[\d\W_]+")
DATE_ONLY_CHARS = 32  # a line this short that has a date and at most two words besides is only a date
_PUBLISHED_LINE = re.compile(r"^(published|updated|posted|last updated)\b", re.I)
_TITLE_TAGS = {"div", "span", "p", "strong", "b", "td", "font"}
_HIDDEN_CLASSES = {"hidden", "hide", "sr-only", "visually-hidden", "d-none", "invisible"}
_TITLE_CLASS = re.compile(r"title|titul|titre|tieu-?de|headline|heading", re.I)
_TCVN3 = re.compile(r"[¨©ª«¬®µ¶·¸¹º»¼½¾ÆÇËÎÏÑ×ØÛÜÞßæçëîïñ÷øûüþ]")
_SITE_NAME = re.compile(r"(cong|trang) thong tin|website|portal|lien minh hop tac xa (tinh|thanh pho) [a-z -]+$")
_CREDIT_CLASS = re.compile(r"author|byline|source|credit|tac-?gia|nguon", re.I)
_CREDIT_TEXT = re.compile(r"^(theo|nguồn|source|tác giả)\b", re.I)
CREDIT_CHARS = 100  # a byline or source credit is one short line
_POSITIVE_NAME = re.compile(r"article|body|content|entry|main|post|text|blog|story|noi-?dung|chi-?tiet|detail", re.I)
_NEGATIVE_NAME = re.compile(
    r"comment|footer|foot\b|footnote|masthead|meta|outbrain|promo|related|share|shoutbox|sidebar|sponsor|shopping|"
    r"widget|cookie|consent|gdpr|banner|newsletter|subscribe|popup|modal|disclaimer|tags|tool",
    re.I,
)
_BOX_NAME = re.compile(
    r"(?<![a-z])(related|trending|popular|most-?read|recommend\w*|outbrain|taboola|newsletter|share|sharing|"
    r"comments?|advert\w*|ads?|promo|sponsor\w*|rail|sidebar)(?![a-z])",
    re.I,
)
_BARE_URL = re.compile(r"^https?://\S+$")
_DATE_LABEL = re.compile(r"ngày đăng|đăng ngày|cập nhật|gửi lúc|ngày xuất bản", re.I)


@dataclass
class Extraction:
    """What the extractor got from one page, and by which path ("profile" or "generic")."""

    article: Article | None
    path: str
    warnings: list[str] = field(default_factory=list)
    problem: str = ""


@dataclass
class _Paragraph:
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0


def _walk(node: Tag, paragraphs: list[_Paragraph], in_link: bool = False) -> None:
    for child in node.children:
        if isinstance(child, Comment) or (isinstance(child, NavigableString) and type(child) is not NavigableString):
            continue
        if isinstance(child, NavigableString):
            paragraphs[-1].parts.append(str(child))
            if in_link:
                paragraphs[-1].link_chars += len(str(child).strip())
        elif child.name in SKIP_TAGS or _is_box(child):
            continue
        elif child.name == "br":
            paragraphs.append(_Paragraph())
        elif child.name in BLOCK_TAGS:
            paragraphs.append(_Paragraph())
            _walk(child, paragraphs, in_link)
            paragraphs.append(_Paragraph())
        else:
            _walk(child, paragraphs, in_link or child.name == "a")


def _is_box(element: Tag) -> bool:
    """A box inside the article that is not its text: related or trending links, sharing, comments, adverts."""
    names = " ".join(element.get("class", [])) + " " + (element.get("id") or "")
    return bool(_BOX_NAME.search(names))


def text_blocks(node: Tag) -> list[tuple[str, float]]:
    """The paragraphs of an element in reading order, with the share of each that is link text."""
    paragraphs = [_Paragraph()]
    _walk(node, paragraphs)
    blocks = []
    for paragraph in paragraphs:
        text = clean_text("".join(paragraph.parts))
        if text:
            blocks.append((text, paragraph.link_chars / len(text)))
    return blocks


def looks_like_tcvn3(text: str) -> bool:
    """True when many words mix letters with the Latin-1 symbols that TCVN3 (ABC) fonts use for Vietnamese
    letters ("v¨n", "B¶o Th¾ng", "Hîp t¸c x·"); such text must not be indexed as words."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    garbled = sum(1 for w in words if _TCVN3.search(w))
    return garbled >= 5 and garbled >= 0.1 * len(words)


def is_date_line(text: str) -> bool:
    """A short line that only gives a date (and perhaps a time or a view count), or an English CMS's
    "Published 11:11 PM EST Nov 19, 2019"."""
    if len(text) < DATE_ONLY_CHARS and has_date(text) and len(_NOT_WORDS.sub(" ", text).split()) <= 2:
        return True  # "NOVEMBER 20, 2019 10:43", "Thứ Sáu, 30/08/2024": a date with at most a month or day name
    return len(text) < 90 and (bool(_DATE_LINE.match(text)) or (bool(_PUBLISHED_LINE.match(text)) and has_date(text)))


def same_text_key(text: str) -> str:
    """The text without its spaces: a lead read as one element ("said , that") is the body's paragraph ("said, that")."""
    return "".join(text.split())


def clean_paragraphs(node: Tag, skip: set[str]) -> tuple[list[str], int]:
    """Article paragraphs of a body container, and how many headline links it dropped outside related boxes.

    Boilerplate, link lists, date lines, repeats and the headline and lead (``skip``: their same_text_key, and the lead's paragraphs') are dropped, and so is a related-news heading with the list
    under it, up to a long paragraph without links (the text going on after a list inside it). Many dropped
    headline links beside few paragraphs mark a list page, not an article; links in a box of three or more in a
    row after some article text ("More:", "You may also like") do not count.
    """
    kept, headline_links, run, has_text, in_related = [], 0, 0, False, False
    blocks = text_blocks(node)
    for index, (text, link_share) in enumerate(blocks):
        if is_related_heading(text):
            in_related = _heads_links(blocks[index + 1 :])
            continue  # a label over a paragraph ("Related", "More:") is dropped, a list under it skipped
        if in_related:
            if len(text) < RESUME_CHARS or link_share > 0:
                continue
            in_related = False  # the article's text goes on after a related list inside it
        if link_share > MAX_LINK_SHARE and not _BARE_URL.match(text):  # a link written out is a reference
            if len(text) >= HEADLINE_LINK_CHARS:
                headline_links += 1
                run += 1
                if has_text and run == RELATED_BOX_LINKS:  # a box after the text: uncount its links so far
                    headline_links -= run
                elif has_text and run > RELATED_BOX_LINKS:  # and those that follow in it
                    headline_links -= 1
            continue
        if len(text) > BOX_LINE_CHARS:
            run, has_text = 0, True
        if not (is_boilerplate(text) or is_date_line(text) or same_text_key(text) in skip or _repeat(text, kept)):
            kept.append(text)
    return kept, headline_links


def _heads_links(following: list[tuple[str, float]]) -> bool:
    """True when headline links (or nothing) follow before the next paragraph of text: a related-news list."""
    for text, link_share in following:
        if link_share > MAX_LINK_SHARE and len(text) >= HEADLINE_LINK_CHARS:
            return True
        if len(text) > BOX_LINE_CHARS:
            return False
    return True


def _repeat(text: str, kept: list[str]) -> bool:
    """A caption-length line that was just said (a gallery's caption shown twice); table cells, a menu's lines
    repeated further apart and a lead paragraph that the text repeats are kept."""
    return REPEAT_CHARS[0] <= len(text) <= REPEAT_CHARS[1] and text in kept[-REPEAT_WINDOW:]


def _credit_after(body: Tag) -> str:
    """A byline or source credit ("Theo Báo Trà Vinh", "Nguồn: …") standing just after the body container."""
    sibling = body.find_next_sibling()
    if sibling is None or sibling.name in SKIP_TAGS:
        return ""
    text = clean_text(sibling.get_text(" "))
    classes = " ".join(sibling.get("class", [])) + " " + (sibling.get("id") or "")
    if not text or len(text) > CREDIT_CHARS or is_boilerplate(text) or is_date_line(text) or sibling.find("a"):
        return ""
    return text if _CREDIT_CLASS.search(classes) or _CREDIT_TEXT.match(text) else ""


def _first_match(soup: Tag, selector: str) -> tuple[str, Tag | None]:
    for element in soup.select(selector) if selector else ():
        text = clean_text(element.get_text(" "))
        if text and not is_boilerplate(text):
            return text, element
    return "", None


def _metadata(soup: Tag) -> dict[str, str]:
    """The page's <meta> values by property, name and itemprop (the first of each), read in one pass."""
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if content:
            for attribute in ("property", "name", "itemprop"):
                if tag.get(attribute):
                    values.setdefault(f"{attribute}:{tag[attribute]}", content)
    return values


def _meta(meta: dict[str, str], *names: str) -> str:
    """The first of ``names`` the page's metadata gives (a property, else a name, else an itemprop)."""
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            content = meta.get(f"{attribute}:{name}")
            if content:
                return clean_text(content)
    return ""


def _own_blocks(soup: Tag):
    """(block element, its own text, its own link text) for every block: text in nested blocks not counted."""
    owned: dict[int, list] = {}
    for string in soup.find_all(string=True):
        if isinstance(string, Comment) or not string.strip():
            continue
        in_link, block = False, None
        for parent in string.parents:
            in_link = in_link or parent.name == "a"
            if parent.name in SKIP_TAGS:
                break
            if parent.name in BLOCK_TAGS:
                block = parent
                break
        if block is not None:
            entry = owned.setdefault(id(block), [block, [], 0])
            entry[1].append(str(string))
            entry[2] += len(string.strip()) if in_link else 0
    for block, parts, link_chars in owned.values():
        yield block, clean_text("".join(parts)), link_chars


def _block_weight(own: str, link_chars: int) -> float:
    """What a block of text adds to its containers: grows with the square root of its length and with its commas,
    so several paragraphs outweigh one long comment, footer or cookie notice; link text counts against it."""
    return (math.sqrt(len(own)) + own.count(",")) * (1 - link_chars / len(own))


def _class_factor(element: Tag) -> float:
    """Readability's hint from class and id names: content-like names count more, comment, footer, sidebar,
    share or cookie names much less."""
    names = " ".join(element.get("class", [])) + " " + (element.get("id") or "")
    factor = 1.0
    if _NEGATIVE_NAME.search(names):
        factor *= 0.2
    if _POSITIVE_NAME.search(names):
        factor *= 1.25
    return factor


def _body_containers(soup: Tag) -> tuple[Tag | None, list[Tag]]:
    """The element holding most paragraph text (Readability's scoring, simplified: a paragraph counts for its
    container, not for itself, and for the two containers above it at half and a third), and the parts of the
    article: it and the siblings before and after it (or the wrappers around it alone) that continue the text:
    paragraphs, containers scoring at least a fifth as much or of the same class; (None, []) if there is no text."""
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for block, own, link_chars in _own_blocks(soup):
        if len(own) < 25 or is_boilerplate(own) or block.name in ("li", "a", "h1", "h2", "h3", "h4", "nav", "footer", "header"):
            continue
        weight = _block_weight(own, link_chars)
        for depth, ancestor in enumerate(block.parents if block.name == "p" else (block, *block.parents)):
            if depth > 2 or ancestor.name in ("body", "html", "[document]", "form"):
                break
            elements[id(ancestor)] = ancestor
            scores[id(ancestor)] = scores.get(id(ancestor), 0) + weight / (depth + 1)
    if not scores:
        return None, []
    for key, element in elements.items():
        scores[key] *= _class_factor(element)
    top = elements[max(scores, key=scores.get)]
    if top.parent is None:
        return top, [top]
    floor = max(SIBLING_SHARE * scores[id(top)], MIN_SIBLING_SCORE)
    anchor = top  # the outermost wrapper holding nothing but the body container
    while anchor.parent is not None and anchor.parent.name not in ("body", "[document]") and len(anchor.parent.find_all(True, recursive=False)) == 1:
        anchor = anchor.parent
    classes = set(anchor.get("class", []))

    def continues(sibling: Tag) -> bool:
        return (scores.get(id(sibling), 0) >= floor or _is_paragraph(sibling)
                or bool(classes and classes == set(sibling.get("class", [])) and _is_text(sibling)))

    before = []
    for sibling in anchor.find_previous_siblings(True):  # back to the headline: the text stands after it
        if _holds_headline(sibling):
            break
        if continues(sibling):
            before.insert(0, sibling)
    after = [s for s in anchor.find_next_siblings(True) if continues(s)]
    return top, [*before, top, *after]


def _holds_headline(element: Tag) -> bool:
    """An h1, or a block or inline element whose class or id names a title, is or stands in the element."""
    return any(e.name == "h1" or (e.name in _TITLE_TAGS and _heading_like(e)) for e in (element, *element.find_all(True)))


def _is_paragraph(element: Tag) -> bool:
    """A block of plain text (no blocks inside) of a paragraph's length and words with little link text."""
    return element.name in ("p", "div") and element.find(BLOCK_TAGS) is None and _is_text(element)


def _is_text(element: Tag) -> bool:
    """Text of a paragraph's length and words (not an address or a file name) with little link text."""
    text = clean_text(element.get_text(" "))
    links = sum(len(clean_text(a.get_text())) for a in element.find_all("a"))
    return (len(text) >= PARAGRAPH_CHARS and len(text.split()) >= PARAGRAPH_WORDS and links < 0.25 * len(text)
            and not is_boilerplate(text))


def _is_headline_link(a: Tag, url: str) -> bool:
    """A link with a headline's length of text that leads to another page."""
    return bool(a.get("href")) and len(clean_text(a.get_text())) >= HEADLINE_LINK_CHARS and _points_elsewhere(a["href"], url)


def _links_before(node: Tag, stop: PageElement) -> list[Tag]:
    """The links inside ``node`` that come before ``stop`` in reading order."""
    links = []
    for element in node.descendants:
        if element is stop:
            break
        if isinstance(element, Tag) and element.name == "a":
            links.append(element)
    return links


def _heading_like(element: Tag) -> bool:
    """An h1-h4, or a block or inline element whose class or id names a title ("title", "tieu-de", "headline")."""
    classes = " ".join(element.get("class", [])) + " " + (element.get("id") or "")
    return element.name in ("h1", "h2", "h3", "h4") or (element.name in _TITLE_TAGS and bool(_TITLE_CLASS.search(classes)))


def _in_list_item(body: Tag, url: str) -> bool:
    """True when the body is the summary of a teaser or of one item of a list: it or a near ancestor of list-item
    size has a headline link to another page before the text, and that link is a heading, or it stands outside the
    body and the ancestor is one of two or more like siblings (same tag, a class in common or none) that each hold
    a headline link."""
    start = _first_paragraph(body)
    for node in (body, *body.parents):
        if node.parent is None or len(node.get_text(strip=True)) > LIST_ITEM_CHARS:
            return False
        headline_links = [a for a in _links_before(node, start) if _is_headline_link(a, url)]
        if any(_heading_like(parent) for a in headline_links for parent in (a, *a.parents) if parent is not node):
            return True
        if not any(all(parent is not body for parent in a.parents) for a in headline_links):
            continue  # like siblings count only beside a headline link outside the text's container
        classes = set(node.get("class", []))
        like = [s for s in node.parent.find_all(node.name, recursive=False) if _like(classes, set(s.get("class", [])))]
        if sum(any(_is_headline_link(a, url) for a in s.find_all("a", href=True)) for s in like) >= 2:
            return True
    return False


def _like(classes: set[str], other: set[str]) -> bool:
    return bool(classes & other) if classes else not other


def _generic_lead(headline: Tag | None, body: Tag) -> tuple[str, Tag | None]:
    """A sapo between the headline and the body container: the first block of 60–600 characters there, and
    its element."""
    if headline is None:
        return "", None
    for element in headline.find_all_next(True):
        if element is body or any(parent is element for parent in body.parents):
            if element is body:
                return "", None
            continue
        if element.name not in ("div", "p", "h2", "strong", "span") or element.find(BLOCK_TAGS - {"p"}):
            continue
        if any(parent is headline for parent in element.parents):  # the headline's own <span>, not a sapo
            continue
        text = clean_text(element.get_text(" "))
        links = sum(len(a.get_text(strip=True)) for a in element.find_all("a"))
        if 60 <= len(text) <= 600 and links < len(text) * 0.2 and not (is_boilerplate(text) or is_date_line(text)) and not _hidden(element):
            return text, element
    return "", None


def _hidden(element: Tag) -> bool:
    for node in (element, *element.parents):
        if not isinstance(node, Tag):
            continue
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or node.has_attr("hidden") or _HIDDEN_CLASSES & set(node.get("class", [])):
            return True
    return False


def _first_paragraph(body: Tag) -> PageElement:
    """Where the article text starts: the body's first paragraph of some length, or its first long run of text
    when the text stands straight in the container (headlines stand before it)."""
    paragraph = next((p for p in body.find_all(["p", "div", "td"]) if len(p.get_text(strip=True)) >= 80 and not p.find(["p", "div", "td"])), None)
    if paragraph is None:  # text straight in the container: where its first long run of text stands
        paragraph = next((s for s in body.find_all(string=True) if len(s.strip()) >= 80 and not isinstance(s, Comment)), body)
    return paragraph


def _points_elsewhere(href: str, url: str) -> bool:
    """A link to another page: not to this page, nor a script or in-page anchor ("javascript:;", "#")."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return False
    return urlsplit(urljoin(url, href)).path.rstrip("/") != urlsplit(url).path.rstrip("/")


def _links_elsewhere(element: Tag, text: str, url: str) -> bool:
    """A heading that is mostly a link to another page (a list item), not one linking to the page itself."""
    link = element if element.name == "a" else element.find("a", href=True)
    if link is None or not link.get("href") or len(clean_text(link.get_text())) < len(text) * 0.8:
        return False
    return _points_elsewhere(link["href"], url)


def _headings_before(soup: Tag, body: Tag, url: str) -> list[tuple[str, Tag]]:
    """Headline candidates before the article text, in page order, except headings that link to another page and
    those that head a list: followed by three or more headline links before the text."""
    stop, candidates, links_after = _first_paragraph(body), [], []
    for element in soup.descendants:
        if element is stop:
            break
        if not isinstance(element, Tag):
            continue
        if element.name == "a":
            if _is_headline_link(element, url) and not any(p is body for p in element.parents):
                links_after = [count + 1 for count in links_after]
            continue
        if _heading_like(element):
            text = clean_text(element.get_text(" "))
            if len(text) < 10 or is_boilerplate(text) or _hidden(element):
                continue
            if not _links_elsewhere(element, text, url):
                candidates.append((text, element))
                links_after.append(0)
    return [candidate for candidate, links in zip(candidates, links_after) if links < HEADED_LIST_LINKS]


def _generic_title(soup: Tag, meta: dict[str, str], body: Tag, url: str) -> tuple[str, Tag | None]:
    """The headline: of the headings before the article text, the one nearest to it that looks like a headline,
    cross-checked with og:title and <title>; never a site name, portlet title, breadcrumb or "null"."""
    og_title = name_key(_meta(meta, "og:title", "twitter:title"))
    page_title = clean_text(soup.title.get_text()) if soup.title else ""
    title_parts = {name_key(part) for part in re.split(r"\s+[-|–—:]\s+", page_title) if len(part) > 15}
    candidates = _headings_before(soup, body, url)

    def score(item):
        position, (text, _) = item
        key = name_key(text)
        return (
            3 * (position + 1) / len(candidates)
            + (2 if 5 <= len(text.split()) <= 60 else 0)
            + (3 if key == og_title else 2 if key in title_parts else 0)
            - (3 if _site_name(text) else 0)
        )

    if candidates:
        text, element = max(enumerate(candidates), key=score)[1]
        return ("", None) if _site_name(text) else (text, element)
    return _visible_page_title(soup, meta, page_title), None


def _visible_page_title(soup: Tag, meta: dict[str, str], page_title: str) -> str:
    """Without a headline before the text: the longest of og:title, <title> and their parts (split at " - ",
    " | " …) that is not the site's name and that the page shows, as a heading or, on a page whose metadata says
    it is an article (og:type, a publication date), anywhere; "" otherwise."""
    titles = [_meta(meta, "og:title"), page_title]
    parts = {name_key(part): part for title in titles if title for part in (title, *re.split(r"\s+[-|–—:]\s+|:\s+", title))
             if len(part) >= 10 and not _site_name(part)}
    headings = {name_key(h.get_text(" ")) for h in soup.find_all(("h1", "h2", "h3"))}
    shown = [part for key, part in parts.items() if key in headings]
    if not shown and (_meta(meta, "og:type") == "article" or _meta_published(meta)):
        page_text = name_key(soup.body.get_text(" ")) if soup.body else ""
        shown = [part for key, part in parts.items() if key in page_text]
    return max(shown, key=len, default="")


def _site_name(text: str) -> bool:
    return text.isupper() or bool(_SITE_NAME.match(name_key(text).replace("-", " ")))


def _meta_published(meta: dict[str, str]) -> str:
    return _meta(meta, "article:published_time", "datePublished", "pubdate", "dc.date.issued")


def _generic_published(soup: Tag, meta: dict[str, str], headline: Tag | None, body: Tag) -> str:
    """The publication date text: metadata first, then a short dated line between the headline and the article
    text, just above the headline, or after it; dates in the text and in related lists come later."""
    published = _meta_published(meta)
    if published:
        return published
    time_tag = soup.find("time", attrs={"datetime": True})
    if time_tag:
        return time_tag["datetime"]
    stop = _first_paragraph(body)
    if headline is not None:
        between = []
        for string in headline.find_all_next(string=True, limit=60):
            if string is stop or any(parent is stop for parent in string.parents):
                break
            between.append(string)
        places = [between, headline.find_all_previous(string=True, limit=12), headline.find_all_next(string=True, limit=60)]
    else:
        places = [stop.find_all_previous(string=True, limit=30), body.find_all(string=True, limit=60)]
    for strings in places:
        for string in strings:
            text = clean_text(string)
            if text and len(text) < 160 and not isinstance(string, Comment) and has_date(text):
                return text
    return ""


def extract_article(html: str, url: str, profile: PortalProfile | None = None) -> Extraction:
    """Extract headline, date, lead and body paragraphs from an NFC page.

    With a profile its selectors are used and its ``drop`` list removed first; any part the profile does
    not give is found by the generic rules, and the result's ``path`` says which was used.
    """
    soup = BeautifulSoup(html, "lxml")
    meta = _metadata(soup)
    selectors = profile.article if profile else ArticleSelectors()
    for selector in selectors.drop:
        for element in soup.select(selector):
            element.decompose()
    warnings: list[str] = []
    body = soup.select_one(selectors.body) if selectors.body else None
    path = "profile" if body is not None else "generic"
    if profile and body is None:
        warnings.append(f"profile body selector '{selectors.body}' matched nothing; used the generic rules")
    body, parts = (body, [body]) if body is not None else _body_containers(soup)
    if body is None:
        return Extraction(None, path, warnings, "no article body found (not an article page?)")
    if path == "generic" and _in_list_item(body, url):
        return Extraction(None, path, warnings, "a list of linked headlines with summaries: a home, list or search page, not an article")
    title, headline = _first_match(soup, selectors.title)
    if not title:
        title, headline = _generic_title(soup, meta, body, url)
    if not title:
        return Extraction(None, path, warnings, "no headline found")
    lead, lead_element = _first_match(soup, selectors.lead) if selectors.lead else _generic_lead(headline, body)
    date_text = _first_match(soup, selectors.published)[0] or _generic_published(soup, meta, headline, body)
    published = parse_published(date_text) if date_text else None
    if published is None:
        warnings.append(f"no publication date found (date text: {date_text!r})")
    paragraphs, headline_links, seen = [], 0, {same_text_key(title), same_text_key(lead)}
    if lead_element is not None:  # a lead of two paragraphs: neither is said again in the body
        seen |= {same_text_key(text) for text, _ in text_blocks(lead_element)}
    for part in parts:
        part_paragraphs, part_links = clean_paragraphs(part, seen)
        paragraphs += part_paragraphs
        headline_links += part_links
    credit = _credit_after(parts[-1]) if path == "generic" else ""
    if credit and credit not in paragraphs:
        paragraphs.append(credit)
    if headline_links >= 3 and headline_links * 2 >= len(paragraphs):
        return Extraction(None, path, warnings, "a list of linked headlines: a home, list or search page, not an article")
    if lead and paragraphs and paragraphs[0] == lead:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    if looks_like_tcvn3(" ".join((title, lead, text))):
        return Extraction(None, path, warnings, "the text is in the legacy TCVN3 font encoding (mojibake such as 'v¨n'), not Unicode")
    if not text:
        return Extraction(None, path, warnings, "no article text: a home, list or search page?")
    article = Article(
        url=url,
        title=title,
        body=text,
        province=profile.province if profile else "",
        portal=profile.name if profile else "",
        published=published,
        lead=lead,
        crawled=now_vn(),
        about_cooperatives=is_about_cooperatives(title, lead, text),
        extractor=path,
        warnings=warnings,
    )
    return Extraction(article, path, warnings)
