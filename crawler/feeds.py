"""Links from the documents a profile's ``feeds`` and ``sitemaps`` name: RSS 2.0 (and 1.0), Atom, sitemaps and
sitemap indexes, told apart by their root element."""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.gz import gunzip

MAX_SIZE = 50 * 1024 * 1024  # the sitemap protocol's limit for one (unzipped) file
ENTRIES = {  # root element -> (entry element, element holding the entry's address)
    "rss": ("item", "link"),
    "RDF": ("item", "link"),
    "feed": ("entry", "link"),
    "urlset": ("url", "loc"),
    "sitemapindex": ("sitemap", "loc"),
}


@dataclass
class FeedLinks:
    """What one document leads to. ``problem`` names what is wrong with it (``detail`` says where); the
    entries of a malformed document that the parser could still read are kept."""

    articles: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    problem: str = ""
    detail: str = ""


def local_name(element) -> str:
    """A tag without its namespace ("" for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def entry_address(entry, name: str) -> str:
    """The first ``name`` child's address: Atom's ``href`` (alternate links only), else the element's text."""
    for child in entry:
        if local_name(child) == name and child.get("rel", "alternate") == "alternate":
            return (child.get("href") or child.text or "").strip()
    return ""


def parse_xml(body: bytes) -> tuple[etree._Element | None, str]:
    """The document's root (None when there is none) and the first error the recovering parser met ("" if none).

    No entities are expanded and nothing is fetched; junk such as a stray ``&`` or a cut-off end is skipped.
    """
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        return None, str(error)
    errors = [f"line {e.line}: {e.message}" for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    return root, errors[0] if errors else ""


def feed_links(body: bytes, url: str) -> FeedLinks:
    """The article and child-sitemap addresses in a feed or sitemap (gzipped or not), absolute against ``url``."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_size=MAX_SIZE)
    root, error = parse_xml(body)
    kind = local_name(root) if root is not None else ""
    if kind not in ENTRIES:
        return FeedLinks(problem="not a feed or sitemap", detail=error or f"root element <{kind}>")
    entry, name = ENTRIES[kind]
    addresses = [urljoin(url, a) for a in (entry_address(e, name) for e in root.iter() if local_name(e) == entry) if a]
    links = FeedLinks(sitemaps=addresses) if kind == "sitemapindex" else FeedLinks(articles=addresses)
    if error:
        links.problem, links.detail = "malformed feed", error
    return links
