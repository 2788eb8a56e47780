"""Extraction as `htx extract` and `htx portal check` show it: profile and generic paths, non-articles, encodings."""

import json

import pytest
from conftest import FIXTURES, load_truth, run_htx

from crawler.fixture_server import resolve_file, serve_fixtures
from indexer.vietnamese.text import fold_space


def extract_json(*args):
    return [json.loads(line) for line in run_htx("extract", *args, "--jsonl").stdout.splitlines()]


def page_file(portal, path):
    found, _ = resolve_file(FIXTURES / "sites" / portal, path)
    return found


@pytest.mark.parametrize("portal", sorted(load_truth()))
@pytest.mark.parametrize("with_profile", [True, False], ids=["profile", "generic"])
def test_every_article_page(portal, with_profile):
    truth = load_truth()[portal]["articles"]
    files = [page_file(portal, a["path"]) for a in truth]
    records = extract_json(*files, *(["--portal", portal] if with_profile else []))
    for article, record in zip(truth, records):
        assert record["path"] == ("profile" if with_profile else "generic")
        assert record["title"] == article["title"], record["source"]
        assert record["published"] == article["published"], record["source"]
        expected = fold_space(" ".join([article["lead"], *article["body"]]))
        assert fold_space(f"{record['lead']} {record['body']}") == expected, record["source"]


@pytest.mark.parametrize("portal", sorted(load_truth()))
def test_home_and_list_pages_are_not_articles(portal):
    files = [page_file(portal, path) for path in load_truth()[portal]["not_articles"]]
    records = extract_json(*files)
    assert all(r["problem"] and not r.get("title") for r in records), [(r["source"], r.get("title")) for r in records]


# How common words look when a page was typed with a TCVN3 (ABC) font and is shown as Unicode.
TCVN3 = {"hợp tác xã": "hîp t¸c x·", "Hợp tác xã": "Hîp t¸c x·", "thành viên": "thµnh viªn", "tỉnh": "tØnh",
         "của": "cña", "phát triển": "ph¸t triÓn", "nông nghiệp": "n«ng nghiÖp", "các": "c¸c", "được": "®­îc",
         "và": "vµ", "sản phẩm": "s¶n phÈm", "trên": "trªn", "đã": "®·", "với": "víi", "năm": "n¨m"}


def test_tcvn3_mojibake_is_reported_not_indexed(tmp_path):
    html = page_file("soctrang", load_truth()["soctrang"]["articles"][0]["path"]).read_text(encoding="utf-8")
    for word, garbled in TCVN3.items():
        html = html.replace(word, garbled)
    page = tmp_path / "tcvn3.html"
    page.write_text(html, encoding="utf-8")
    record = extract_json(page)[0]
    assert "TCVN3" in (record["problem"] or "") and not record.get("body")


def test_portal_check_on_both_replicas():
    with serve_fixtures() as served:
        for portal in load_truth():
            result = run_htx("portal", "check", portal, "--base-url", served[portal][0], "-n", "3")
            assert result.stdout.rstrip().endswith("OK") and "[profile]" in result.stdout
    unknown = run_htx("portal", "check", "nowhere", check=False)
    assert unknown.returncode == 2 and "configured portals" in unknown.stderr


def test_crawl_a_portal_without_profile(tmp_path):
    """`htx crawl --start URL --province NAME`: same-domain links, articles found by the generic rules."""
    truth = load_truth()["soctrang"]["articles"]
    with serve_fixtures() as served:
        result = run_htx("crawl", "--start", served["soctrang"][0] + "/", "--province", "soc trang", data_dir=tmp_path)
    relevant = {a["title"] for a in truth if a["about_cooperatives"]}
    stats = json.loads(run_htx("search", "hợp tác xã OR tổ hợp tác OR quỹ", "-n", "100", "--json", data_dir=tmp_path).stdout)
    assert {hit["title"] for hit in stats["hits"]} == relevant
    assert f"indexed {len(relevant)} new" in result.stdout
    bad = run_htx("crawl", "--start", "ftp://example", "--province", "Sóc Trăng", data_dir=tmp_path, check=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
