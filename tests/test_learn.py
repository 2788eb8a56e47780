"""Portals without a profile (four replica families): the first ``htx crawl --start`` learns a profile and fetches
every article within 1.5 x (articles + list pages) requests, the repeat crawl makes at most 3 requests, and new
articles are fetched exactly. Counted by the fixture server itself; truth in fixtures/truth/learned/."""

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, run_htx
from whoosh import index as whoosh_index

from crawler.fixture_server import resolve_file, serve_fixtures
from crawler.learn import learn
from crawler.profiles import load_profile, load_profiles

TRUTH = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "truth" / "learned").glob("*.json"))}
NEW_HEADLINES = ["Thêm một hợp tác xã nông nghiệp được thành lập với 32 thành viên",
                 "Liên minh Hợp tác xã tỉnh sơ kết 6 tháng hoạt động hỗ trợ hợp tác xã"]


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def article_requests(requests, truth) -> dict:
    """The requests for article pages (truth articles, new articles, dead article links)."""
    paths = {a["path"] for a in truth["articles"]} | set(truth["new_paths"]) | set(truth["dead_article_links"])
    return {path: count for path, count in requests.items() if path in paths}


def publish(site, truth, profile) -> None:
    """Publish two articles as the CMS would: pages copied from the newest article with new headlines, entries on
    top of the first list page copied from the newest one's, items in the site's feed."""
    newest = truth["articles"][0]
    template = resolve_file(site, newest["path"])[0].read_text(encoding="utf-8")
    for path, headline in zip(truth["new_paths"], NEW_HEADLINES):
        target = site / (path.lstrip("/").replace("?", "@") + ("index.html" if path.endswith("/") else ""))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.replace(newest["title"], headline), encoding="utf-8")
    list_file = resolve_file(site, truth["news_list"])[0]
    soup = BeautifulSoup(list_file.read_text(encoding="utf-8"), "html.parser")
    link = soup.select(profile.article_links)[0]
    entry = link
    while all(a["href"] == link["href"] for a in entry.parent.find_all("a", href=True)):
        entry = entry.parent
    for path, headline in zip(truth["new_paths"], NEW_HEADLINES):
        copy = str(entry).replace(link["href"], path).replace(newest["title"], headline)
        entry.insert_before(BeautifulSoup(copy, "html.parser"))
    list_file.write_text(str(soup), encoding="utf-8")
    for feed in (p for p in site.rglob("*") if p.is_file() and p.read_bytes().startswith(b"<?xml")):
        text = feed.read_text(encoding="utf-8")
        item = re.search(r"<item>(?:(?!</item>).)*?" + re.escape(newest["path"]) + r"<.*?</item>", text, re.S)
        if item:
            new = "".join(item.group(0).replace(newest["path"], p).replace(newest["title"], h) for p, h in zip(truth["new_paths"], NEW_HEADLINES))
            feed.write_text(text.replace(item.group(0), new + item.group(0)), encoding="utf-8")


def indexed(data_dir) -> dict:
    with whoosh_index.open_dir(str(data_dir / "index")).searcher() as searcher:
        return {path_of(doc["url"]): doc for doc in searcher.all_stored_fields()}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_learned_crawl_first_repeat_and_new(tmp_path, name):
    truth = TRUTH[name]
    shutil.copytree(FIXTURES / "sites" / name, tmp_path / "fixtures" / "sites" / name)
    site, data_dir = tmp_path / "fixtures" / "sites" / name, tmp_path / "data"
    articles = [a["path"] for a in truth["articles"]]
    with serve_fixtures(tmp_path / "fixtures") as served:
        base_url, server = served[name]
        crawl = ["crawl", "--start", base_url + truth["start"], "--province", truth["province"]]

        first = run_htx(*crawl, data_dir=data_dir)
        requests = dict(server.requests)
        assert {path: requests.get(path, 0) for path in articles} == {path: 1 for path in articles}, requests
        assert sum(requests.values()) <= 1.5 * (len(articles) + truth["list_pages"]), requests
        assert not set(requests) - {*articles, *truth["not_articles"], *truth["dead_article_links"], "/robots.txt"} - {
            p for p in requests if p.startswith("POST ") or "/feed/" in p or "/rss/" in p}, "no menu link, no other list"
        profiles = load_profiles(data_dir)
        assert len(profiles) == 3 and "learned with" in first.stdout, first.stdout
        profile = next(p for p in profiles.values() if p.base_url == base_url)
        assert profile.start_paths == (truth["news_list"],) and profile.province == truth["province"]
        advertises = truth["family"] in ("wordpress", "nukeviet")  # a feed in <link rel=alternate>, a robots.txt sitemap
        text = Path(profile.source).read_text(encoding="utf-8")
        assert bool(profile.feeds) == advertises and ("# robots.txt names a sitemap" in text) == advertises
        assert not profile.sitemaps, "whole-site sitemaps are only suggested"

        server.requests.clear()
        second = run_htx(*crawl, data_dir=data_dir)
        assert sum(server.requests.values()) <= 3 and not article_requests(server.requests, truth), dict(server.requests)
        assert "crawled with its profile" in second.stdout and "failed 0" in second.stdout

        publish(site, truth, profile)
        server.requests.clear()
        third = run_htx(*crawl, data_dir=data_dir)
        assert article_requests(server.requests, truth) == {path: 1 for path in truth["new_paths"]}, dict(server.requests)
        assert "indexed 2 new" in third.stdout, third.stdout

    stored = indexed(data_dir)
    for article in truth["articles"]:
        if article["about_cooperatives"] and not article["short"]:
            doc = stored[article["path"]]
            assert (doc["title"], doc["published"].isoformat(), doc["province_name"]) == (
                article["title"], article["published"], truth["province"])
        elif not article["about_cooperatives"]:
            assert article["path"] not in stored
    assert {path for path in truth["new_paths"]} <= set(stored)


def test_short_news_items_are_indexed(tmp_path):
    truth = TRUTH["wp_bentre"]
    with serve_fixtures() as served:
        run_htx("crawl", "--start", served["wp_bentre"][0] + "/", "--province", truth["province"], data_dir=tmp_path)
    stored = indexed(tmp_path)
    assert all(a["path"] in stored for a in truth["articles"] if a["short"])


def test_portal_learn_writes_a_readable_profile_that_check_accepts(tmp_path):
    truth = TRUTH["asp_longan"]
    folder = tmp_path / "portals-to-commit"
    output = folder / "longan.toml"
    with serve_fixtures() as served:
        base_url = served["asp_longan"][0]
        learned = run_htx("portal", "learn", base_url + "/", "--province", truth["province"], "--output", output, data_dir=tmp_path)
        assert "4 article links" in learned.stdout and "ASP.NET __doPostBack" in learned.stdout, learned.stdout
        text = output.read_text(encoding="utf-8")
        assert text.startswith("# Learned by 'htx portal learn") and "__doPostBack" in text
        profile = load_profile(output)
        assert profile.start_paths == (truth["news_list"],) and profile.platform == "aspnet"
        check = run_htx("portal", "check", profile.name, "-n", "1", data_dir=tmp_path, env={"HTX_PORTALS": str(folder)})
    assert "list page" in check.stdout and "4 article links" in check.stdout and check.stdout.rstrip().endswith("OK")


@pytest.mark.parametrize("name,news_list", [("soctrang", "/portal/Pages/Kinh-te-tap-the.aspx"), ("dongthap", "/web/lmhtx/tin-tuc")])
def test_learning_the_profiled_portals_finds_their_news_lists(name, news_list):
    """The two hand-written profiles' portals, learned from their home pages, give the same news list."""
    with serve_fixtures() as served:
        learned = learn(served[name][0] + "/")
    assert learned.news is not None and path_of(learned.news.url) == news_list
    assert learned.news.next_page and learned.requests <= 5


def test_portal_learn_mistakes_are_one_line(tmp_path):
    bad_province = run_htx("portal", "learn", "http://127.0.0.1:9/", "--province", "Atlantis", data_dir=tmp_path, check=False)
    assert bad_province.returncode == 2 and "unknown province" in bad_province.stderr and "Traceback" not in bad_province.stderr
    unreachable = run_htx("portal", "learn", "http://127.0.0.1:9/", "--province", "Long An", data_dir=tmp_path, check=False)
    assert unreachable.returncode == 1 and "cannot fetch the start page" in unreachable.stderr
    assert len(unreachable.stderr.strip().splitlines()) == 1
