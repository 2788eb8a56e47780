"""The real spiders crawl both fixture portals over loopback into a real index: every article comes out clean."""

import pytest
from conftest import load_truth, truth_articles
from whoosh import index as whoosh_index

from crawler.boilerplate import LEAK_PHRASES
from crawler.profiles import load_profiles
from indexer.vietnamese.text import fold_space

pytestmark = pytest.mark.e2e  # crawls, kills or servers: the end-to-end tier

PROFILES = load_profiles()


def expected_url(portal, article):
    return PROFILES[portal].base_url.rstrip("/") + article["path"]


@pytest.fixture(scope="module")
def indexed(data_dir):
    ix = whoosh_index.open_dir(str(data_dir / "index"))
    with ix.searcher() as searcher:
        return {doc["url"]: doc for doc in searcher.all_stored_fields()}


def test_every_fixture_portal_has_a_profile_and_truth():
    assert set(load_truth()) <= set(PROFILES)
    assert len(load_truth()) >= 2


@pytest.mark.parametrize("portal,article", truth_articles(), ids=lambda v: v if isinstance(v, str) else v["path"][-40:])
def test_article_indexed_as_written(indexed, portal, article):
    url = expected_url(portal, article)
    if not article["about_cooperatives"]:
        assert url not in indexed, "articles not about cooperatives are skipped by default"
        return
    doc = indexed[url]
    assert doc["title"] == article["title"]
    assert doc["published"].isoformat() == article["published"]
    assert doc["lead"] == article["lead"]
    assert fold_space(doc["body"]) == fold_space(" ".join(article["body"]))
    assert doc["province_name"] == PROFILES[portal].province


def test_nothing_but_articles_indexed(indexed):
    expected = {expected_url(p, a) for p, a in truth_articles() if a["about_cooperatives"]}
    assert set(indexed) == expected


def test_no_boilerplate_in_the_index(indexed):
    for doc in indexed.values():
        text = " ".join((doc["title"], doc["lead"], doc["body"]))
        leaked = [phrase for phrase in LEAK_PHRASES if phrase.lower() in text.lower()]
        assert not leaked, f"{doc['url']} leaks {leaked}"
        assert doc["title"] not in ("null", "Xuất bản thông tin") and "\nnull" not in doc["body"]


def test_crawl_summary(demo_run):
    _, result = demo_run
    truth = load_truth()
    for portal, portal_truth in truth.items():
        line = next(row for row in result.stdout.splitlines() if row.strip().startswith(portal + ":"))
        relevant = sum(a["about_cooperatives"] for a in portal_truth["articles"])
        skipped = len(portal_truth["articles"]) - relevant
        assert f"indexed {relevant} new" in line
        assert f"skipped {skipped} not about cooperatives" in line
        assert "failed 0" in line


def test_items_stored_for_reindex(data_dir):
    stored = list((data_dir / "items").glob("*.jsonl"))
    assert {p.name.split("-")[0] for p in stored} == set(load_truth())
