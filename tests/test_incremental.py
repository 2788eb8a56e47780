"""A repeat crawl fetches only what is new: counted by the fixture server itself."""

import json
import shutil
from copy import deepcopy

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, load_truth, run_htx
from lxml import etree

from crawler.fixture_server import resolve_file, serve_fixtures
from crawler.profiles import load_profiles

pytestmark = pytest.mark.e2e  # crawls, kills or servers: the end-to-end tier

PROFILES = load_profiles()
NEW_HEADLINES = [
    "Hợp tác xã Nông nghiệp Phú Thành ký hợp đồng tiêu thụ 500 tấn xoài cát Hòa Lộc",
    "Liên minh Hợp tác xã tỉnh mở phiên chợ nông sản OCOP cuối tuần cho thành viên",
    "Quỹ tín dụng nhân dân giải ngân vốn ưu đãi cho tổ hợp tác trồng sen Tháp Mười",
]


def crawl_args(served, portals=None):
    portals = portals or sorted(load_truth())
    return ["crawl", *portals, *[arg for p in portals for arg in ("--base-url", f"{p}={served[p][0]}")]]


def followed_documents(portal, requested):
    """What a repeat crawl may ask for besides new articles: robots.txt, list pages, feeds and sitemaps."""
    profile = PROFILES[portal]
    sitemaps = {path for path in requested if path.endswith(".xml")}  # children of a sitemap index
    return {"/robots.txt", *load_truth()[portal]["not_articles"], *profile.feeds, *profile.sitemaps, *sitemaps}


def test_repeat_crawl_fetches_one_list_page_per_list(tmp_path):
    with serve_fixtures() as served:
        first = run_htx(*crawl_args(served), data_dir=tmp_path)
        profiled = {p: site for p, (_, site) in served.items() if p in PROFILES}
        fetched_first = {p: sum(site.requests.values()) for p, site in profiled.items()}
        for site in profiled.values():
            site.requests.clear()
        second = run_htx(*crawl_args(served), data_dir=tmp_path)
        for portal, site in profiled.items():
            profile = PROFILES[portal]
            expected = {profile.start_paths[0], *profile.feeds, *profile.sitemaps}
            assert expected <= set(site.requests) <= followed_documents(portal, site.requests), site.requests
            assert set(site.requests.values()) == {1} and sum(site.requests.values()) < fetched_first[portal] / 2
            assert sum(site.not_modified.values()) >= len(expected), "list pages and feeds asked for with If-None-Match"
    assert "indexed 0 new, 0 updated" in second.stdout
    assert "already stored" in second.stdout and "failed 0" in first.stdout


def test_refresh_fetches_again_without_duplicates(tmp_path):
    with serve_fixtures() as served:
        run_htx(*crawl_args(served), data_dir=tmp_path)
        total = run_htx("stats", "--json", data_dir=tmp_path).stdout
        refreshed = run_htx(*crawl_args(served), "--refresh", data_dir=tmp_path)
    assert "indexed 0 new, 0 updated" in refreshed.stdout and "unchanged" in refreshed.stdout
    assert run_htx("stats", "--json", data_dir=tmp_path).stdout == total


# ------------------------------------------------------------------------------------------ new articles

def new_article_page(template: str, portal: str, headline: str) -> str:
    """An article page like ``template`` with another headline, lead and body (selectors from the profile)."""
    selectors = PROFILES[portal].article
    soup = BeautifulSoup(template, "html.parser")
    soup.select_one(selectors.title).string = headline
    lead = soup.select_one(selectors.lead)
    if lead is not None:
        lead.string = f"{headline}: thông tin từ Liên minh Hợp tác xã tỉnh."
    body = soup.select_one(selectors.body)
    body.clear()
    for n in range(1, 4):
        paragraph = soup.new_tag("p")
        paragraph.string = f"Đoạn {n} của tin «{headline}»: hợp tác xã và thành viên bàn kế hoạch sản xuất vụ tới."
        body.append(paragraph)
    return str(soup)


def add_to_list_page(page: str, portal: str, old_path: str, entries: list[tuple[str, str]]) -> str:
    """The list page with new entries (path, headline) on top, each a copy of the newest article's entry: the
    largest element around its title link that links to nothing else."""
    soup = BeautifulSoup(page, "html.parser")
    link = soup.select(PROFILES[portal].article_links)[0]
    assert link["href"] == old_path
    entry = link
    while all(a["href"] == old_path for a in entry.parent.find_all("a", href=True)):
        entry = entry.parent
    for path, headline in entries:
        copy = str(entry).replace(old_path, path).replace(link.get_text(), headline)
        entry.insert_before(BeautifulSoup(copy, "html.parser"))
    return str(soup)


def add_to_feed(document: bytes, old: tuple[str, str], entries: list[tuple[str, str]]) -> bytes:
    """A feed or sitemap with new entries before the one whose address is ``old[0]``, copied from it with
    address and title (``old[1]``) replaced; other documents unchanged."""
    root = etree.fromstring(document)
    entry = next((e.getparent() for e in root.iter() if old[0] in (e.text, e.get("href"))), None)
    if entry is None:
        return document
    for address, title in entries:
        copy = deepcopy(entry)
        for element in copy.iter():
            element.text = {old[0]: address, old[1]: title}.get(element.text, element.text)
        entry.addprevious(copy)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def publish(site, portal: str, headlines: list[str]) -> list[str]:
    """Publish new articles on a copied fixture site as its CMS would: pages made from the newest article, linked
    on top of the first list page and in every feed or sitemap that lists the newest article. Their paths."""
    profile, newest = PROFILES[portal], load_truth()[portal]["articles"][0]
    folder, name = newest["path"].rsplit("/", 1)
    suffix = name[name.rfind("."):] if "." in name else ""
    paths = [f"{folder}/tin-moi-{n}{suffix}" for n in range(1, len(headlines) + 1)]
    template = resolve_file(site, newest["path"])[0].read_text(encoding="utf-8")
    for path, headline in zip(paths, headlines):
        (site / path.lstrip("/")).write_text(new_article_page(template, portal, headline), encoding="utf-8")
    list_page = resolve_file(site, profile.start_paths[0])[0]
    list_page.write_text(add_to_list_page(list_page.read_text(encoding="utf-8"), portal, newest["path"], list(zip(paths, headlines))), encoding="utf-8")
    real = [(profile.base_url + path, headline) for path, headline in zip(paths, headlines)]
    for document in (p for p in site.rglob("*") if p.is_file() and p.read_bytes().startswith(b"<?xml")):
        document.write_bytes(add_to_feed(document.read_bytes(), (profile.base_url + newest["path"], newest["title"]), real))
    return paths


def indexed_total(data_dir):
    return json.loads(run_htx("stats", "--json", data_dir=data_dir).stdout)["total"]


@pytest.mark.parametrize("portal", ["dongthap", "soctrang"], ids=["rss-feed", "sitemap-index"])
def test_three_new_articles_fetched_and_nothing_stored(tmp_path, portal):
    """Three articles appear on a crawled portal (list page and feed or sitemap): the next crawl fetches those
    three, the list pages and feeds once each, and no stored article."""
    shutil.copytree(FIXTURES / "sites", tmp_path / "fixtures" / "sites")
    site, data_dir = tmp_path / "fixtures" / "sites" / portal, tmp_path / "data"
    with serve_fixtures(tmp_path / "fixtures") as served:
        run_htx(*crawl_args(served, [portal]), data_dir=data_dir)
        before = indexed_total(data_dir)
        new_paths = publish(site, portal, NEW_HEADLINES)
        requests = served[portal][1].requests
        requests.clear()
        second = run_htx(*crawl_args(served, [portal]), data_dir=data_dir)
    fetched = dict(requests)
    assert {path: fetched.pop(path, 0) for path in new_paths} == {path: 1 for path in new_paths}
    assert set(fetched) <= followed_documents(portal, fetched) and set(fetched.values()) == {1}, fetched
    assert len(set(fetched) & set(load_truth()[portal]["not_articles"])) <= 2, "the first list page, then one all stored"
    assert "indexed 3 new, 0 updated" in second.stdout and "failed 0" in second.stdout, second.stdout
    assert indexed_total(data_dir) == before + 3
    for path, headline in zip(new_paths, NEW_HEADLINES):
        hit = json.loads(run_htx("search", headline, "--json", data_dir=data_dir).stdout)["hits"][0]
        assert (hit["url"], hit["title"]) == (PROFILES[portal].base_url + path, headline)
