"""Article extraction from a portal page: the profile's selectors first, generic rules where they are silent."""

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.boilerplate import is_boilerplate, is_related_heading
from crawler.profiles import ArticleSelectors, PortalProfile, css_selector
from indexer.article import Article
from indexer.vietnamese.dates import has_date, now_vn, parse_published
from indexer.vietnamese.relevance import is_about_cooperatives
from indexer.vietnamese.text import clean_text, name_key

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
_BLOCKS_BUT_P = tuple(BLOCK_TAGS - {"p"})
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
_BYLINE_PART = re.compile(
    r"^(by|published|updated|posted|publicado|đăng (bởi|lúc|ngày)|ngày đăng|người đăng|cập nhật|tác giả)\b", re.I)
_LINE_PARTS = re.compile(r"\s+[-|–—•·]\s+|\s*\|\s*")
BYLINE_DATE_CHARS = 120  # a byline and date line of a CMS ("By Staff | November 18, 2019 - Updated …") is no longer
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
    r"widget(?![a-z-])|cookie|consent|gdpr|banner|newsletter|subscribe|popup|modal|disclaimer|tags|tool",  # not "widget-container"
    re.I,
)
_BOX_NAME = re.compile(  # a whole word of a name, also in camelCase ("relatedNews", "PromoSmall")
    r"(?-i:(?<![a-z]))(related|trending|popular|most-?read|recommend\w*|outbrain|taboola|newsletter|share|sharing|"
    r"comments?|advert\w*|ads?|promo|sponsor\w*|rail|sidebar|next-prev|prev-next|pagination|cta|"
    r"read(ing)?-?time)(?-i:(?![a-z]))",
    re.I,
)
_WIDGET_NAME = re.compile(r"(?<![a-z])widget(?![a-z-])", re.I)  # "widget", not a "widget-container" inside one
_CREDIT_NAME = re.compile(r"credit|copyright|copywrite|attribution", re.I)
_IMAGE_NAME = re.compile(r"image|photo|picture|media|caption|gallery|slide", re.I)
_MORE = re.compile(r"\W*(\bmore|\bxem thêm|…|\.\.\.)\W*$", re.I)  # the end of a caption cut short: "… more"
_BARE_URL = re.compile(r"^https?://\S+$")
_DATE_LABEL = re.compile(r"ngày đăng|đăng ngày|cập nhật|gửi lúc|ngày xuất bản", re.I)
# Tags whose strings are not the page's text (BeautifulSoup's string containers): get_text and _walk leave them out
_STRING_CONTAINERS = ("script", "style", "template", "rt", "rp")
_MAIN_STRINGS = etree.XPath(
    "descendant::text()[not(ancestor::*[self::script or self::style or self::template or self::rt or self::rp])]",
    smart_strings=False,
)
_CONTAINER_STRINGS = etree.XPath(
    "descendant::text()[name(ancestor::*[self::script or self::style or self::template or self::rt or self::rp][1]) = $tag]",
    smart_strings=False,
)
_DROPPED = "htx: dropped by the profile"  # the comment left where a profile's drop selector removed an element
_Element = etree._Element


class _String(NamedTuple):
    """A string of the page: an element's text, a tail, or a comment's text, and where it stands."""

    text: str
    parent: _Element
    position: int
    comment: bool


class _Page:
    """A parsed page in document order: every element's start and end position and every string (an element's text,
    each tail and each comment stand apart) with its position, so that "the strings after the headline" or "the links
    before the text" are slices of one pass, not new walks of the tree."""

    def __init__(self, root: _Element):
        self.root = root
        self.elements: list[_Element] = []  # in document order
        self.number: dict[_Element, int] = {}  # an element's index in self.elements
        self.last: dict[_Element, int] = {}  # the index of its last descendant (itself when it has none)
        self.start: dict[_Element, int] = {}  # the position of its start among elements and strings
        self.end: dict[_Element, int] = {}  # the position of the last thing inside it
        self.strings: list[_String] = []
        elements, number, last, start, end = self.elements, self.number, self.last, self.start, self.end
        add, make = self.strings.append, tuple.__new__  # a _String made as a plain tuple is made twice as fast
        open_elements: list[_Element] = []
        position = 0
        for event, element in etree.iterwalk(root, events=("start", "end", "comment")):
            if event == "start":
                number[element] = len(elements)
                elements.append(element)
                start[element] = position
                position += 1
                open_elements.append(element)
                if element.text:
                    add(make(_String, (element.text, element, position, False)))
                    position += 1
                continue
            if event == "end":
                open_elements.pop()
                last[element] = len(elements) - 1
                end[element] = position - 1
            elif element.text != _DROPPED:
                add(make(_String, (element.text or "", open_elements[-1], position, True)))
                position += 1
            if element.tail and open_elements:
                add(make(_String, (element.tail, open_elements[-1], position, False)))
                position += 1
        self.string_positions = [string.position for string in self.strings]

    def position(self, node: "_Element | _String") -> int:
        return node.position if isinstance(node, _String) else self.start[node]

    def inside(self, node: "_Element | _String", element: _Element) -> bool:
        """True when ``node`` is a descendant of ``element``."""
        return self.start[element] < self.position(node) <= self.end[element]

    def elements_after(self, element: _Element):
        """The elements after the start of ``element`` in document order (its descendants first)."""
        return islice(self.elements, self.number[element] + 1, None)

    def descendants(self, element: _Element) -> list[_Element]:
        return self.elements[self.number[element] + 1 : self.last[element] + 1]

    def strings_after(self, node: "_Element | _String", limit: int) -> list[_String]:
        start = bisect_right(self.string_positions, self.position(node))
        return self.strings[start : start + limit]

    def strings_before(self, node: "_Element | _String", limit: int) -> list[_String]:
        """The ``limit`` strings nearest before ``node``, nearest first."""
        stop = bisect_left(self.string_positions, self.position(node))
        return self.strings[max(0, stop - limit) : stop][::-1]

    def strings_in(self, element: _Element, limit: int | None = None) -> list[_String]:
        start = bisect_right(self.string_positions, self.start[element])
        stop = bisect_right(self.string_positions, self.end[element])
        return self.strings[start : stop if limit is None else min(stop, start + limit)]


def _strings(element: _Element) -> list[str]:
    """The strings of an element's text: no comments, nothing inside a script, style, template or ruby annotation
    (inside such an element, only its own strings), as BeautifulSoup's get_text gave them."""
    if element.tag in _STRING_CONTAINERS:
        return _CONTAINER_STRINGS(element, tag=element.tag)
    if next(element.iterdescendants(*_STRING_CONTAINERS), None) is None and next(element.iterancestors(*_STRING_CONTAINERS), None) is None:
        return list(element.itertext())
    return _MAIN_STRINGS(element)


def get_text(element: _Element, separator: str = "", strip: bool = False) -> str:
    """The element's text: its strings joined by ``separator``, each stripped and empties left out with ``strip``."""
    if strip:
        return separator.join(stripped for stripped in (string.strip() for string in _strings(element)) if stripped)
    return separator.join(_strings(element))


def _class_and_id(element: _Element) -> str:
    """The element's class names and id, space-separated (what Readability's name hints are matched against)."""
    return " ".join(element.get("class", "").split()) + " " + (element.get("id") or "")


def _classes(element: _Element) -> set[str]:
    return set(element.get("class", "").split())


def _children(element: _Element) -> list[_Element]:
    """The element's child elements (no comments)."""
    return list(element.iterchildren(etree.Element))


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
    longest_link: int = 0  # characters of its longest link: a headline's length, or a bar of short links


def _walk(node: _Element, paragraphs: list[_Paragraph], captions: set[str], in_link: bool = False, plain: bool = True) -> None:
    """Add the strings under ``node`` to ``paragraphs``, a new paragraph at each block and <br>; ``captions`` holds the
    captions read so far; ``plain`` is False inside a ruby annotation, whose strings are not the text."""

    def add(text: str | None) -> None:
        if text and plain:
            paragraphs[-1].parts.append(text)
            if in_link:
                paragraphs[-1].link_chars += len(text.strip())

    add(node.text)
    for child in node:
        tag = child.tag
        if isinstance(tag, str) and not (tag in SKIP_TAGS or _is_box(child) or _repeated_caption(child, captions)):
            if tag == "br":
                paragraphs.append(_Paragraph())
            elif tag in BLOCK_TAGS:
                paragraphs.append(_Paragraph())
                _walk(child, paragraphs, captions, in_link, plain)
                paragraphs.append(_Paragraph())
            else:
                if tag == "a" and not in_link:
                    paragraphs[-1].longest_link = max(paragraphs[-1].longest_link, len(clean_text(get_text(child))))
                _walk(child, paragraphs, captions, in_link or tag == "a", plain and tag not in ("rt", "rp"))
            if _is_caption(child):  # remembered once read: a caption's own parts are new
                captions.add(clean_text(get_text(child, " ")))
        add(child.tail)  # after a comment, or a tag that is not text, too


def _is_box(element: _Element) -> bool:
    """A box inside the article that is not its text: related or trending links, sharing, comments, adverts, a widget
    not named as the article's own ("article-widget", "widget-text" hold its text, an embedded post or a quote)."""
    names = _class_and_id(element)
    return bool(_BOX_NAME.search(names) or (_WIDGET_NAME.search(names) and not _POSITIVE_NAME.search(names))
                or (_CREDIT_NAME.search(names) and _in_image(element)))


def _in_image(element: _Element) -> bool:
    """The element is, or stands within three levels of, a figure or an element named as an image or its caption:
    a photo credit there is a name, not the caption's sentence."""
    for node in (element, *islice(element.iterancestors(), 3)):
        if node.tag in ("figure", "figcaption") or _IMAGE_NAME.search(_class_and_id(node)):
            return True
    return False


def _is_caption(element: _Element) -> bool:
    return element.tag == "figcaption" or "caption" in _class_and_id(element).lower()


def _repeated_caption(element: _Element, captions: set[str]) -> bool:
    """A caption said before in the text, whole or cut short ("… more"): a gallery showing it again."""
    if not _is_caption(element):
        return False
    start = _MORE.sub("", clean_text(get_text(element, " ")))
    return any(seen.startswith(start) for seen in captions)


def text_blocks(node: _Element) -> list[tuple[str, float, int]]:
    """The paragraphs of an element in reading order, with the share of each that is link text and the length of
    its longest link."""
    paragraphs = [_Paragraph()]
    plain = node.tag not in _STRING_CONTAINERS and next(node.iterancestors(*_STRING_CONTAINERS), None) is None
    _walk(node, paragraphs, set(), plain=plain)
    blocks = []
    for paragraph in paragraphs:
        text = clean_text("".join(paragraph.parts))
        if text:
            blocks.append((text, paragraph.link_chars / len(text), paragraph.longest_link))
    return blocks
def looks_like_tcvn3(text: str) -> bool:
    """True when many words mix letters with the Latin-1 symbols that TCVN3 (ABC) fonts use for Vietnamese
    letters ("v¨n", "B¶o Th¾ng", "Hîp t¸c x·"); such text must not be indexed as words."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    garbled = sum(1 for w in words if _TCVN3.search(w))
    return garbled >= 5 and garbled >= 0.1 * len(words)


def is_date_line(text: str) -> bool:
    """A short line that only gives a date (and perhaps a time or a view count), an English CMS's
    "Published 11:11 PM EST Nov 19, 2019", or a byline with a date."""
    if len(text) < DATE_ONLY_CHARS and has_date(text) and len(_NOT_WORDS.sub(" ", text).split()) <= 2:
        return True  # "NOVEMBER 20, 2019 10:43", "Thứ Sáu, 30/08/2024": a date with at most a month or day name
    if len(text) < 90 and (bool(_DATE_LINE.match(text)) or (bool(_PUBLISHED_LINE.match(text)) and has_date(text))):
        return True
    return len(text) < BYLINE_DATE_CHARS and _byline_with_date(text)


def _byline_with_date(text: str) -> bool:
    """A line of parts split by " | " or " - ", one a byline or publication label ("By Staff", "Updated …",
    "Publicado por: …", "Đăng bởi …"), with a date: "By Staff | November 18, 2019 at 2:26 PM - Updated November 18"."""
    parts = _LINE_PARTS.split(text)
    return len(parts) >= 2 and any(_BYLINE_PART.match(part) for part in parts) and has_date(text)


def same_text_key(text: str) -> str:
    """The text without its spaces: a lead read as one element ("said , that") is the body's paragraph ("said, that")."""
    return "".join(text.split())


def clean_paragraphs(node: _Element, skip: set[str]) -> tuple[list[str], int]:
    """Article paragraphs of a body container, and how many headline links it dropped outside related boxes.

    Boilerplate, link lists, date lines, repeats and the headline and lead (``skip``: their same_text_key, and the lead's paragraphs') are dropped, and so is a related-news heading with the list
    under it, up to a long paragraph without links (the text going on after a list inside it). Many dropped
    headline links beside few paragraphs mark a list page, not an article; links in a box of three or more in a
    row after some article text ("More:", "You may also like") do not count.
    """
    kept, headline_links, run, has_text, in_related = [], 0, 0, False, False
    blocks = text_blocks(node)
    for index, (text, link_share, longest_link) in enumerate(blocks):
        if is_related_heading(text):
            in_related = _heads_links(blocks[index + 1 :])
            continue  # a label over a paragraph ("Related", "More:") is dropped, a list under it skipped
        if in_related:
            if len(text) < RESUME_CHARS or link_share > 0:
                continue
            in_related = False  # the article's text goes on after a related list inside it
        if link_share > MAX_LINK_SHARE and not _BARE_URL.match(text):  # a link written out is a reference
            if longest_link >= HEADLINE_LINK_CHARS:  # not a bar of short links (breadcrumb, sharing, tags)
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


def _heads_links(following: list[tuple[str, float, int]]) -> bool:
    """True when headline links (or nothing) follow before the next paragraph of text: a related-news list."""
    for text, link_share, _ in following:
        if link_share > MAX_LINK_SHARE and len(text) >= HEADLINE_LINK_CHARS:
            return True
        if len(text) > BOX_LINE_CHARS:
            return False
    return True


def _repeat(text: str, kept: list[str]) -> bool:
    """A caption-length line that was just said (a gallery's caption shown twice); table cells, a menu's lines
    repeated further apart and a lead paragraph that the text repeats are kept."""
    return REPEAT_CHARS[0] <= len(text) <= REPEAT_CHARS[1] and text in kept[-REPEAT_WINDOW:]


def _credit_after(body: _Element) -> str:
    """A byline or source credit ("Theo Báo Trà Vinh", "Nguồn: …") standing just after the body container."""
    sibling = next(body.itersiblings(etree.Element), None)
    if sibling is None or sibling.tag in SKIP_TAGS:
        return ""
    text = clean_text(get_text(sibling, " "))
    if not text or len(text) > CREDIT_CHARS or is_boilerplate(text) or is_date_line(text) or next(sibling.iterdescendants("a"), None) is not None:
        return ""
    return text if _CREDIT_CLASS.search(_class_and_id(sibling)) or _CREDIT_TEXT.match(text) else ""


def _first_match(page: _Page, selector: str) -> tuple[str, _Element | None]:
    for element in css_selector(selector)(page.root) if selector else ():
        text = clean_text(get_text(element, " "))
        if text and not is_boilerplate(text):
            return text, element
    return "", None


def _metadata(page: _Page) -> dict[str, str]:
    """The page's <meta> values by property, name and itemprop (the first of each), read in one pass."""
    values: dict[str, str] = {}
    for tag in page.root.iter("meta"):
        content = tag.get("content")
        if content:
            for attribute in ("property", "name", "itemprop"):
                if tag.get(attribute):
                    values.setdefault(f"{attribute}:{tag.get(attribute)}", content)
    return values


def _meta(meta: dict[str, str], *names: str) -> str:
    """The first of ``names`` the page's metadata gives (a property, else a name, else an itemprop)."""
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            content = meta.get(f"{attribute}:{name}")
            if content:
                return clean_text(content)
    return ""


def _own_blocks(page: _Page):
    """(block element, its own text, its own link text) for every block: text in nested blocks not counted."""
    owner: dict[_Element, tuple[_Element | None, bool]] = {}  # the block a string in the element belongs to, in a link
    for element in page.elements:  # a parent before its children
        block, in_link = owner.get(element.getparent(), (None, False))
        if element.tag in SKIP_TAGS:
            owner[element] = (None, False)
        elif element.tag in BLOCK_TAGS:
            owner[element] = (element, False)
        else:
            owner[element] = (block, in_link or element.tag == "a")
    owned: dict[_Element, list] = {}
    for string in page.strings:
        if string.comment or not string.text.strip():
            continue
        block, in_link = owner[string.parent]
        if block is not None:
            entry = owned.setdefault(block, [block, [], 0])
            entry[1].append(string.text)
            entry[2] += len(string.text.strip()) if in_link else 0
    for block, parts, link_chars in owned.values():
        yield block, clean_text("".join(parts)), link_chars


def _block_weight(own: str, link_chars: int) -> float:
    """What a block of text adds to its containers: grows with the square root of its length and with its commas,
    so several paragraphs outweigh one long comment, footer or cookie notice; link text counts against it."""
    return (math.sqrt(len(own)) + own.count(",")) * (1 - link_chars / len(own))


def _class_factor(element: _Element) -> float:
    """Readability's hint from class and id names: content-like names count more, comment, footer, sidebar,
    share or cookie names much less."""
    names = _class_and_id(element)
    factor = 1.0
    if _NEGATIVE_NAME.search(names):
        factor *= 0.2
    if _POSITIVE_NAME.search(names):
        factor *= 1.25
    return factor


def _body_containers(page: _Page) -> tuple[_Element | None, list[_Element]]:
    """The element holding most paragraph text (Readability's scoring, simplified: a paragraph counts for its
    container, not for itself, and for the two containers above it at half and a third), and the parts of the
    article: it and the siblings before and after it (or the wrappers around it alone) that continue the text:
    paragraphs, containers scoring at least a fifth as much or of the same class; (None, []) if there is no text."""
    scores: dict[_Element, float] = {}
    for block, own, link_chars in _own_blocks(page):
        if len(own) < 25 or block.tag in ("li", "a", "h1", "h2", "h3", "h4", "nav", "footer", "header") or is_boilerplate(own):
            continue
        if _in_listed_post(block):
            continue
        weight = _block_weight(own, link_chars)
        for depth, ancestor in enumerate(block.iterancestors() if block.tag == "p" else (block, *block.iterancestors())):
            if depth > 2 or ancestor.tag in ("body", "html", "form"):
                break
            scores[ancestor] = scores.get(ancestor, 0) + weight / (depth + 1)
    if not scores:
        return None, []
    for element in scores:
        scores[element] *= _class_factor(element)
    top = max(scores, key=scores.get)
    if top.getparent() is None:
        return top, [top]
    floor = max(SIBLING_SHARE * scores[top], MIN_SIBLING_SCORE)
    anchor = top  # the outermost wrapper holding nothing but the body container
    while anchor.getparent() is not None and anchor.getparent().tag != "body" and len(_children(anchor.getparent())) == 1:
        anchor = anchor.getparent()
    classes = _classes(anchor)

    def continues(sibling: _Element) -> bool:
        return (scores.get(sibling, 0) >= floor or _is_paragraph(sibling)
                or bool(classes and classes == _classes(sibling) and _is_text(sibling)))

    before = []
    for sibling in anchor.itersiblings(etree.Element, preceding=True):  # back to the headline: the text stands after it
        if _holds_headline(sibling):
            break
        if continues(sibling):
            before.insert(0, sibling)
    after = [s for s in anchor.itersiblings(etree.Element) if continues(s)]
    return top, [*_chunks(anchor, before=True), *before, top, *after, *_chunks(anchor, before=False)]


def _in_listed_post(block: _Element) -> bool:
    """The block stands in an <article> that is one of several inside another <article>: a list of other posts
    ("You may like"), whose teasers must not add up to outweigh the article's own text."""
    post = block if block.tag == "article" else next(block.iterancestors("article"), None)
    return (post is not None and next(post.iterancestors("article"), None) is not None
            and (next(post.itersiblings("article"), None) is not None
                 or next(post.itersiblings("article", preceding=True), None) is not None))


def _chunks(anchor: _Element, before: bool) -> list[_Element]:
    """The article's text in chunks, each in a wrapper of its own (split at an advert): in the wrappers beside the
    body container's, children of its tag and classes holding text and all the wrapper's text; back to the headline
    before it."""
    wrapper, classes = anchor.getparent(), _classes(anchor)
    if not classes or wrapper is None or wrapper.tag == "body":
        return []
    chunks = []
    for sibling in wrapper.itersiblings(etree.Element, preceding=before):
        if before and _holds_headline(sibling):
            break
        found = [c for c in sibling.iterchildren(anchor.tag) if _classes(c) == classes and _is_text(c)]
        if sum(len(get_text(c, strip=True)) for c in found) < len(get_text(sibling, strip=True)):
            continue  # the wrapper holds other text too: a list item's headline, a teaser
        chunks = [*found, *chunks] if before else [*chunks, *found]
    return chunks


def _holds_headline(element: _Element) -> bool:
    """An h1, or a block or inline element whose class or id names a title, is or stands in the element."""
    return any(e.tag == "h1" or (e.tag in _TITLE_TAGS and _heading_like(e)) for e in element.iter(etree.Element))


def _is_paragraph(element: _Element) -> bool:
    """A block of plain text (no blocks inside) of a paragraph's length and words with little link text."""
    return element.tag in ("p", "div") and next(element.iterdescendants(*BLOCK_TAGS), None) is None and _is_text(element)


def _is_text(element: _Element) -> bool:
    """Text of a paragraph's length and words (not an address or a file name) with little link text."""
    text = clean_text(get_text(element, " "))
    links = sum(len(clean_text(get_text(a))) for a in element.iterdescendants("a"))
    return (len(text) >= PARAGRAPH_CHARS and len(text.split()) >= PARAGRAPH_WORDS and links < 0.25 * len(text)
            and not is_boilerplate(text))


def _is_headline_link(a: _Element, url: str) -> bool:
    """A link with a headline's length of text that leads to another page."""
    return bool(a.get("href")) and len(clean_text(get_text(a))) >= HEADLINE_LINK_CHARS and _points_elsewhere(a.get("href"), url)


def _links_before(page: _Page, node: _Element, stop: "_Element | _String") -> list[_Element]:
    """The links inside ``node`` that come before ``stop`` in reading order."""
    descendants = page.descendants(node)
    if page.inside(stop, node):
        end = page.position(stop)
        descendants = [element for element in descendants if page.start[element] < end]
    return [element for element in descendants if element.tag == "a"]


def _heading_like(element: _Element) -> bool:
    """An h1-h4, or a block or inline element whose class or id names a title ("title", "tieu-de", "headline")."""
    return element.tag in ("h1", "h2", "h3", "h4") or (element.tag in _TITLE_TAGS and bool(_TITLE_CLASS.search(_class_and_id(element))))


def _in_list_item(page: _Page, body: _Element, url: str) -> bool:
    """True when the body is the summary of a teaser or of one item of a list: it or a near ancestor of list-item
    size has a headline link to another page before the text, and that link is a heading, or it stands outside the
    body and the ancestor is one of two or more like siblings (same tag, a class in common or none) that each hold
    a headline link."""
    start = _first_paragraph(page, body)
    for node in (body, *body.iterancestors()):
        if len(get_text(node, strip=True)) > LIST_ITEM_CHARS:
            return False
        headline_links = [a for a in _links_before(page, node, start) if _is_headline_link(a, url)]
        if any(_heading_like(parent) for a in headline_links for parent in (a, *a.iterancestors()) if parent is not node):
            return True
        if not any(not page.inside(a, body) for a in headline_links):
            continue  # like siblings count only beside a headline link outside the text's container
        parent = node.getparent()
        if parent is None:  # the <html> element has no like siblings
            continue
        classes = _classes(node)
        like = [s for s in parent.iterchildren(node.tag) if _like(classes, _classes(s))]
        if sum(any(_is_headline_link(a, url) for a in s.iterdescendants("a") if a.get("href") is not None) for s in like) >= 2:
            return True
    return False


def _like(classes: set[str], other: set[str]) -> bool:
    return bool(classes & other) if classes else not other


def _generic_lead(page: _Page, headline: _Element | None, body: _Element) -> tuple[str, _Element | None]:
    """A sapo between the headline and the body container: the first block of 60–600 characters there, and
    its element; a headline inside the body container has its sapo inside it too."""
    if headline is None:
        return "", None
    in_body = page.inside(headline, body)
    for element in page.elements_after(headline):
        if in_body and not page.inside(element, body):
            return "", None
        if element is body or page.inside(body, element):
            if element is body:
                return "", None
            continue
        if element.tag not in ("div", "p", "h2", "strong", "span") or next(element.iterdescendants(*_BLOCKS_BUT_P), None) is not None:
            continue
        if page.inside(element, headline):  # the headline's own <span>, not a sapo
            continue
        text = clean_text(get_text(element, " "))
        links = sum(len(get_text(a, strip=True)) for a in element.iterdescendants("a"))
        if 60 <= len(text) <= 600 and links < len(text) * 0.2 and not (is_boilerplate(text) or is_date_line(text)) and not _hidden(element):
            return text, element
    return "", None


def _hidden(element: _Element) -> bool:
    for node in (element, *element.iterancestors()):
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or node.get("hidden") is not None or _HIDDEN_CLASSES & _classes(node):
            return True
    return False


def _first_paragraph(page: _Page, body: _Element) -> "_Element | _String":
    """Where the article text starts: the body's first paragraph of some length, or its first long run of text
    when the text stands straight in the container (headlines stand before it)."""
    paragraph = next((p for p in body.iterdescendants("p", "div", "td") if len(get_text(p, strip=True)) >= 80
                      and next(p.iterdescendants("p", "div", "td"), None) is None), None)
    if paragraph is None:  # text straight in the container: where its first long run of text stands
        paragraph = next((s for s in page.strings_in(body) if len(s.text.strip()) >= 80 and not s.comment), body)
    return paragraph


def _points_elsewhere(href: str, url: str) -> bool:
    """A link to another page: not to this page, nor a script or in-page anchor ("javascript:;", "#")."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return False
    return urlsplit(urljoin(url, href)).path.rstrip("/") != urlsplit(url).path.rstrip("/")


def _links_elsewhere(element: _Element, text: str, url: str) -> bool:
    """A heading that is mostly a link to another page (a list item), not one linking to the page itself."""
    link = element if element.tag == "a" else next((a for a in element.iterdescendants("a") if a.get("href") is not None), None)
    if link is None or not link.get("href") or len(clean_text(get_text(link))) < len(text) * 0.8:
        return False
    return _points_elsewhere(link.get("href"), url)


def _headings_before(page: _Page, body: _Element, url: str) -> list[tuple[str, _Element]]:
    """Headline candidates before the article text, in page order, except headings that link to another page and
    those that head a list: followed by three or more headline links before the text."""
    stop, candidates, links_after = _first_paragraph(page, body), [], []
    end = page.position(stop)
    for element in page.elements:
        if page.start[element] >= end:
            break
        if element.tag == "a":
            if not page.inside(element, body) and _is_headline_link(element, url):
                links_after = [count + 1 for count in links_after]
            continue
        if _heading_like(element):
            text = clean_text(get_text(element, " "))
            if len(text) < 10 or is_boilerplate(text) or _hidden(element):
                continue
            if not _links_elsewhere(element, text, url):
                candidates.append((text, element))
                links_after.append(0)
    return [candidate for candidate, links in zip(candidates, links_after) if links < HEADED_LIST_LINKS]


def _generic_title(page: _Page, meta: dict[str, str], body: _Element, url: str) -> tuple[str, _Element | None]:
    """The headline: of the headings before the article text, the one nearest to it that looks like a headline,
    cross-checked with og:title and <title>; never a site name, portlet title, breadcrumb or "null"."""
    og_title = name_key(_meta(meta, "og:title", "twitter:title"))
    title = next(page.root.iter("title"), None)
    page_title = clean_text(get_text(title)) if title is not None else ""
    title_parts = {name_key(part) for part in re.split(r"\s+[-|–—:]\s+", page_title) if len(part) > 15}
    candidates = _headings_before(page, body, url)

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
    return _visible_page_title(page, meta, page_title), None


def _visible_page_title(page: _Page, meta: dict[str, str], page_title: str) -> str:
    """Without a headline before the text: the longest of og:title, <title> and their parts (split at " - ",
    " | " …) that is not the site's name and that the page shows, as a heading or, on a page whose metadata says
    it is an article (og:type, a publication date), anywhere; "" otherwise."""
    titles = [_meta(meta, "og:title"), page_title]
    parts = {name_key(part): part for title in titles if title for part in (title, *re.split(r"\s+[-|–—:]\s+|:\s+", title))
             if len(part) >= 10 and not _site_name(part)}
    headings = {name_key(get_text(h, " ")) for h in page.root.iter("h1", "h2", "h3")}
    shown = [part for key, part in parts.items() if key in headings]
    if not shown and (_meta(meta, "og:type") == "article" or _meta_published(meta)):
        body = next(page.root.iter("body"), None)
        page_text = name_key(get_text(body, " ")) if body is not None else ""
        shown = [part for key, part in parts.items() if key in page_text]
    return max(shown, key=len, default="")


def _site_name(text: str) -> bool:
    return text.isupper() or bool(_SITE_NAME.match(name_key(text).replace("-", " ")))


def _meta_published(meta: dict[str, str]) -> str:
    return _meta(meta, "article:published_time", "datePublished", "pubdate", "dc.date.issued")


def _generic_published(page: _Page, meta: dict[str, str], headline: _Element | None, body: _Element) -> str:
    """The publication date text: metadata first, then a short dated line between the headline and the article
    text, just above the headline, or after it; dates in the text and in related lists come later."""
    published = _meta_published(meta)
    if published:
        return published
    time_tag = next((tag for tag in page.root.iter("time") if tag.get("datetime") is not None), None)
    if time_tag is not None:
        return time_tag.get("datetime")
    stop = _first_paragraph(page, body)
    if headline is not None:
        between = []
        for string in page.strings_after(headline, 60):
            if string.position == page.position(stop) or (not isinstance(stop, _String) and page.inside(string, stop)):
                break
            between.append(string)
        places = [between, page.strings_before(headline, 12), page.strings_after(headline, 60)]
    else:
        places = [page.strings_before(stop, 30), page.strings_in(body, 60)]
    for strings in places:
        for string in strings:
            text = clean_text(string.text)
            if text and len(text) < 160 and not string.comment and has_date(text):
                return text
    return ""


def _drop(element: _Element) -> None:
    """Remove an element (a profile's ``drop``) but not the text after it, which stays a string of its own."""
    parent = element.getparent()
    if parent is None:
        return
    marker = etree.Comment(_DROPPED)
    marker.tail = element.tail
    parent.replace(element, marker)


def _parse(html: str) -> _Element:
    """The page's tree from lxml's HTML parser; an empty page gives an empty <html>. Parsed as UTF-8 bytes, so that
    an XML declaration's encoding is no error; huge_tree lifts libxml2's 256-level depth limit (crawler.guard
    bounds depth and time)."""
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True)
    root = etree.fromstring(html.encode("utf-8"), parser) if html.strip() else None
    return root if root is not None else etree.Element("html")


def extract_article(html: str, url: str, profile: PortalProfile | None = None) -> Extraction:
    """Extract headline, date, lead and body paragraphs from an NFC page.

    With a profile its selectors are used and its ``drop`` list removed first; any part the profile does
    not give is found by the generic rules, and the result's ``path`` says which was used.
    """
    root = _parse(html)
    selectors = profile.article if profile else ArticleSelectors()
    for selector in selectors.drop:
        for element in css_selector(selector)(root):
            _drop(element)
    page = _Page(root)
    meta = _metadata(page)
    warnings: list[str] = []
    body = next(iter(css_selector(selectors.body)(root)), None) if selectors.body else None
    path = "profile" if body is not None else "generic"
    if profile and body is None:
        warnings.append(f"profile body selector '{selectors.body}' matched nothing; used the generic rules")
    body, parts = (body, [body]) if body is not None else _body_containers(page)
    if body is None:
        return Extraction(None, path, warnings, "no article body found (not an article page?)")
    if path == "generic" and _in_list_item(page, body, url):
        return Extraction(None, path, warnings, "a list of linked headlines with summaries: a home, list or search page, not an article")
    title, headline = _first_match(page, selectors.title)
    if not title:
        title, headline = _generic_title(page, meta, body, url)
    if not title:
        return Extraction(None, path, warnings, "no headline found")
    lead, lead_element = _first_match(page, selectors.lead) if selectors.lead else _generic_lead(page, headline, body)
    date_text = _first_match(page, selectors.published)[0] or _generic_published(page, meta, headline, body)
    published = parse_published(date_text) if date_text else None
    if published is None:
        warnings.append(f"no publication date found (date text: {date_text!r})")
    paragraphs, headline_links, seen = [], 0, {same_text_key(title), same_text_key(lead)}
    if lead_element is not None:  # a lead of two paragraphs: neither is said again in the body
        seen |= {same_text_key(text) for text, *_ in text_blocks(lead_element)}
    for part in parts:
        part_paragraphs, part_links = clean_paragraphs(part, seen)
        paragraphs += part_paragraphs
        headline_links += part_links
    if not paragraphs and lead_element is not None and page.inside(lead_element, body):
        paragraphs, lead = [lead], ""  # the body's only paragraph, after a headline inside it, is its text, not a sapo
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
