"""A repeat crawl fetches only what is new: counted by the fixture server itself."""

from conftest import load_truth, run_htx
from crawler.fixture_server import serve_fixtures


def crawl_args(served):
    portals = sorted(load_truth())
    return ["crawl", *portals, *[arg for p in portals for arg in ("--base-url", f"{p}={served[p][0]}")]]


def test_repeat_crawl_fetches_one_list_page_per_list(tmp_path):
    with serve_fixtures() as served:
        first = run_htx(*crawl_args(served), data_dir=tmp_path)
        fetched_first = {p: sum(site.requests.values()) for p, (_, site) in served.items()}
        for _, site in served.values():
            site.requests.clear()
        second = run_htx(*crawl_args(served), data_dir=tmp_path)
        for portal, (_, site) in served.items():
            paths = set(site.requests)
            assert paths <= {"/robots.txt", *[p for p in paths if "robots" not in p][:1]}, paths
            assert sum(site.requests.values()) <= 2 < fetched_first[portal]
            assert sum(site.not_modified.values()) >= 1, "the list page was asked for with If-None-Match"
    assert "indexed 0 new, 0 updated" in second.stdout
    assert "already stored" in second.stdout and "failed 0" in first.stdout


def test_refresh_fetches_again_without_duplicates(tmp_path):
    with serve_fixtures() as served:
        run_htx(*crawl_args(served), data_dir=tmp_path)
        total = run_htx("stats", "--json", data_dir=tmp_path).stdout
        refreshed = run_htx(*crawl_args(served), "--refresh", data_dir=tmp_path)
    assert "indexed 0 new, 0 updated" in refreshed.stdout and "unchanged" in refreshed.stdout
    assert run_htx("stats", "--json", data_dir=tmp_path).stdout == total
