"""Feeds and sitemaps named in a profile: parsed as RSS, Atom or sitemap (index), followed on the portal only, a
broken one counted as failed while the crawl goes on; bad `feeds`/`sitemaps` values are one-line profile errors."""

import gzip
import shutil

import pytest
from conftest import FIXTURES, ROOT, load_truth, run_htx
from whoosh import index as whoosh_index

from crawler.feeds import feed_links
from crawler.fixture_server import resolve_file, serve_fixtures
from crawler.profiles import load_profiles

pytestmark = pytest.mark.e2e  # crawls, kills or servers: the end-to-end tier

PROFILES = load_profiles()
BASE = "https://portal.example.vn/tin-tuc/feed"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Tin t\xe1\xbb\xa9c</title>
<link>https://portal.example.vn/tin-tuc</link><atom:link rel="self" href="https://portal.example.vn/rss"/>
<item><title>A</title><link>https://portal.example.vn/a.html</link><pubDate>Wed, 18 Jun 2025 08:00:00 +0700</pubDate></item>
<item><title>B</title><link> /b.html </link></item>
<item><title>No link</title><description>x</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title><link rel="self" href="https://portal.example.vn/atom"/>
<entry><title>A</title><link rel="edit" href="/edit/1"/><link rel="alternate" type="text/html" href="https://portal.example.vn/a.html"/></entry>
<entry><title>B</title><link href="b.html"/><link rel="enclosure" href="/b.jpg"/></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://portal.example.vn/"><link>https://portal.example.vn/</link></channel>
<item rdf:about="https://portal.example.vn/a.html"><title>A</title><link>https://portal.example.vn/a.html</link></item>
</rdf:RDF>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://portal.example.vn/a.html</loc><lastmod>2025-06-18T08:00:00+07:00</lastmod>
<image:image><image:loc>https://portal.example.vn/a.jpg</image:loc></image:image></url>
<!-- <url><loc>https://portal.example.vn/commented-out.html</loc></url> -->
<url><loc>https://portal.example.vn/b.html</loc></url></urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://portal.example.vn/sitemap-2025.xml</loc><lastmod>2025-06-18</lastmod></sitemap>
<sitemap><loc>/sitemap-2024.xml.gz</loc></sitemap></sitemapindex>"""

A, B = "https://portal.example.vn/a.html", "https://portal.example.vn/b.html"


@pytest.mark.parametrize("body,articles,sitemaps", [
    (RSS, [A, B], []),
    (ATOM, [A, "https://portal.example.vn/tin-tuc/b.html"], []),
    (RDF, [A], []),
    (URLSET, [A, B], []),
    (gzip.compress(URLSET), [A, B], []),
    (INDEX, [], ["https://portal.example.vn/sitemap-2025.xml", "https://portal.example.vn/sitemap-2024.xml.gz"]),
], ids=["rss2", "atom", "rss1", "sitemap", "sitemap.gz", "sitemap-index"])
def test_feed_and_sitemap_links(body, articles, sitemaps):
    links = feed_links(body, BASE)
    assert (links.articles, links.sitemaps, links.problem) == (articles, sitemaps, "")


def test_malformed_feed_keeps_what_it_can_read():
    broken = RSS.replace(b"<title>B</title>", b"<title>B & C</title>").split(b"<item><title>No link")[0]  # stray &, cut off
    links = feed_links(broken, BASE)
    assert links.articles == [A, B] and links.problem == "malformed feed" and links.detail.startswith("line ")


@pytest.mark.parametrize("body", [b"<!DOCTYPE html><html><body><h1>B\xe1\xba\xa3o tr\xc3\xac</h1></body></html>", b"\x00\x01 binary", b"{}"])
def test_not_a_feed(body):
    links = feed_links(body, BASE)
    assert (links.articles, links.sitemaps, links.problem) == ([], [], "not a feed or sitemap")


def test_entities_are_not_expanded():
    """An XML bomb or an external entity yields nothing: entities are neither expanded nor fetched."""
    body = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset><url><loc>https://portal.example.vn/&x;</loc></url></urlset>"""
    assert "root:" not in "".join(feed_links(body, BASE).articles)


# ------------------------------------------------------------------------------------------ profile values

PROFILE_ERRORS = [
    ('feeds = "/rss"', "'feeds' must be a list of paths or URLs (strings)"),
    ("sitemaps = [1]", "'sitemaps' must be a list of paths or URLs (strings)"),
    ('sitemaps = ["https://example.com/sitemap.xml"]', "feed or sitemap https://example.com/sitemap.xml is not on the portal's domains soctrang.gov.vn"),
]


@pytest.mark.parametrize("line,message", PROFILE_ERRORS, ids=["string", "number", "offsite"])
def test_bad_feeds_value_is_a_one_line_profile_error(tmp_path, line, message):
    profile = (ROOT / "crawler" / "portals" / "soctrang.toml").read_text(encoding="utf-8")
    profile = "\n".join(line if row.startswith("sitemaps =") else row for row in profile.splitlines())
    (tmp_path / "soctrang.toml").write_text(profile, encoding="utf-8")
    result = run_htx("portals", check=False, env={"HTX_PORTALS": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"htx: error: bad portal profile: {tmp_path / 'soctrang.toml'}: {message}"]


# ------------------------------------------------------------------------------------------ crawls

def copy_of_sites(tmp_path):
    """A fixtures folder with a copy of every fixture site, to break or change before serving it."""
    shutil.copytree(FIXTURES / "sites", tmp_path / "fixtures" / "sites")
    return tmp_path / "fixtures"


def crawl_copy(fixtures, data_dir):
    """Crawl every fixture portal with a profile from ``fixtures``; the stdout summary line of each portal."""
    with serve_fixtures(fixtures) as served:
        portals = [p for p in served if p in PROFILES]  # the replicas without a profile are tests/test_learn.py's
        result = run_htx("crawl", *portals, *[a for p in portals for a in ("--base-url", f"{p}={served[p][0]}")], data_dir=data_dir)
    return {p: next(row for row in result.stdout.splitlines() if row.strip().startswith(p + ":")) for p in portals}


def indexed_urls(data_dir):
    with whoosh_index.open_dir(str(data_dir / "index")).searcher() as searcher:
        return {doc["url"] for doc in searcher.all_stored_fields()}


def listed_in_feeds(site, portal):
    """The truth articles whose address appears in one of the site's feed or sitemap files (read as text)."""
    xml = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file() and p.read_bytes().startswith(b"<?xml"))
    return [a for a in load_truth()[portal]["articles"] if PROFILES[portal].base_url + a["path"] in xml]


def test_list_pages_unreachable_feeds_and_sitemaps_still_lead_to_articles(tmp_path):
    fixtures = copy_of_sites(tmp_path)
    expected = set()
    for portal in load_truth():
        site = fixtures / "sites" / portal
        resolve_file(site, PROFILES[portal].start_paths[0])[0].unlink()  # the first list page answers 404
        listed = listed_in_feeds(site, portal)
        assert len(listed) >= 10
        expected |= {PROFILES[portal].base_url + a["path"] for a in listed if a["about_cooperatives"]}
    lines = crawl_copy(fixtures, tmp_path / "data")
    assert indexed_urls(tmp_path / "data") == expected
    for portal, line in lines.items():
        assert "failed 1 (HTTP 404: 1)" in line, line  # the list page; the feed's link to vca.org.vn is not followed


def test_broken_feed_and_sitemap_are_counted_and_the_crawl_goes_on(tmp_path):
    fixtures = copy_of_sites(tmp_path)
    feed = resolve_file(fixtures / "sites" / "dongthap", PROFILES["dongthap"].feeds[0])[0]
    text = feed.read_bytes()
    cut = text.index(b"<description>", text.index(b"<item>", len(text) // 2)) + 20  # in an item's description
    feed.write_bytes(text[:cut].replace(b"</title>", b" & co</title>", 1))  # a stray &, and cut off
    sitemap = fixtures / "sites" / "soctrang" / "sitemap.xml"
    sitemap.write_text("<!DOCTYPE html><html><body><h1>Hệ thống đang bảo trì</h1></body></html>", encoding="utf-8")
    lines = crawl_copy(fixtures, tmp_path / "data")
    assert "failed 1 (malformed feed: 1)" in lines["dongthap"], lines
    assert "failed 1 (not a feed or sitemap: 1)" in lines["soctrang"], lines
    relevant = {PROFILES[p].base_url + a["path"] for p, t in load_truth().items() for a in t["articles"] if a["about_cooperatives"]}
    assert indexed_urls(tmp_path / "data") == relevant, "the list pages still lead to every article"
