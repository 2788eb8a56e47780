"""The crawl database (SQLite, WAL) in the data directory: what every URL gave, backoff for failures, runs, and a
start-up that reads neither the stored items nor the index."""

import multiprocessing
import shutil
import sqlite3
from datetime import timedelta

from conftest import FIXTURES, load_truth, run_htx

from crawler.fixture_server import serve_fixtures
from crawler.state import CrawlState, backoff, state_path
from indexer.article import Article
from indexer.itemstore import ItemStore
from indexer.vietnamese.dates import now_vn

REAL = "https://www.soctrang.gov.vn"
LIST = "/portal/Pages/Kinh-te-tap-the.aspx"


def crawl(served, data_dir, *args):
    return run_htx("crawl", "soctrang", "--base-url", f"soctrang={served['soctrang'][0]}", *args, data_dir=data_dir)


def rows(data_dir, sql, *params):
    with sqlite3.connect(state_path(data_dir)) as db:
        return db.execute(sql, params).fetchall()


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).days for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_failed_url_rests_then_is_tried_again(tmp_path):
    state = CrawlState(tmp_path)
    url, now = "https://example.gov.vn/a.html", now_vn()
    state.failed(url, "p", "article", "HTTP 500", 500, now=now)
    assert not state.should_fetch(url, now + timedelta(hours=23))
    assert state.should_fetch(url, now + timedelta(days=1, minutes=1))
    state.failed(url, "p", "article", "HTTP 500", 500, now=now + timedelta(days=1, minutes=1))
    assert not state.should_fetch(url, now + timedelta(days=2, minutes=2))
    assert state.should_fetch(url, now + timedelta(days=3, minutes=2))
    state.fetched(url, "p", "article", 200)
    state.stored(url, "p", tmp_path / "items" / "p.jsonl")
    assert state.is_stored_article(url) and not state.should_fetch(url)
    state.failed(url, "p", "article", "HTTP 404", 404)  # a --refresh that fails keeps the stored article
    assert state.is_stored_article(url)
    assert rows(tmp_path, "PRAGMA journal_mode") == [("wal",)]


def test_new_database_is_filled_once_from_stored_items(tmp_path):
    run = ItemStore(tmp_path).open_run("soctrang")
    run.write(Article(url=REAL + "/a.aspx", title="Hợp tác xã", body="Hợp tác xã làm ăn có lãi."))
    run.close()
    state = CrawlState(tmp_path)
    assert state.is_stored_article(REAL + "/a.aspx")
    assert state.pending() == {str(run.path): [REAL + "/a.aspx"]}, "stored, never indexed: indexed by the next crawl"
    state.close()
    run.path.write_text("", encoding="utf-8")
    assert CrawlState(tmp_path).is_stored_article(REAL + "/a.aspx"), "items/ is read only when the database is new"


def test_repeat_crawl_reads_neither_items_nor_a_dead_link_again(tmp_path):
    """A dead article link is asked for once and then rests; emptied item files do not make stored articles
    look new (the database answers); every URL and run is in the database."""
    shutil.copytree(FIXTURES / "sites", tmp_path / "fixtures" / "sites")
    site, data_dir = tmp_path / "fixtures" / "sites" / "soctrang", tmp_path / "data"
    dead = load_truth()["soctrang"]["articles"][0]["path"]
    (site / dead.lstrip("/")).unlink()
    with serve_fixtures(tmp_path / "fixtures") as served:
        first = crawl(served, data_dir)
        for path in (data_dir / "items").glob("*.jsonl"):
            path.write_text("", encoding="utf-8")
        requests = served["soctrang"][1].requests
        requests.clear()
        second = crawl(served, data_dir)
    assert "HTTP 404: 1" in first.stdout and "failed 0" in second.stdout and "1 resting (failed or not articles before)" in second.stdout
    assert dead not in requests and set(requests) <= {"/robots.txt", LIST, "/sitemap.xml", *(p for p in requests if p.endswith(".xml"))}
    assert rows(data_dir, "SELECT kind, status, reason, failures FROM urls WHERE url = ?", REAL + dead) == [("article", 404, "HTTP 404", 1)]
    kinds = dict(rows(data_dir, "SELECT kind, COUNT(*) FROM urls GROUP BY kind"))
    stored = len(load_truth()["soctrang"]["articles"]) - 1
    assert kinds["article"] == stored + 1 and kinds["list"] == 3 and kinds["feed"] >= 2
    assert rows(data_dir, "SELECT COUNT(*) FROM urls WHERE kind = 'list' AND etag IS NOT NULL AND content_hash IS NOT NULL") == [(3,)]
    runs = rows(data_dir, "SELECT outcome, requests FROM runs WHERE portal = 'soctrang' ORDER BY id")
    assert [outcome for outcome, _ in runs] == ["finished", "finished"] and runs[1][1] < runs[0][1]
    assert f"soctrang: {runs[1][1]} requests" in second.stdout


def _open_and_write(data_dir, barrier, results):
    barrier.wait()
    try:
        state = CrawlState(data_dir)
        state.fetched(f"https://example.gov.vn/{id(state)}.html", "p", "article", 200)
        state.close()
        results.put("ok")
    except Exception as error:  # reported to the test, which runs in another process
        results.put(f"{type(error).__name__}: {error}")


def test_two_crawls_starting_at_once_share_a_new_database(tmp_path):
    """The second of two processes opening a new database at once neither reads "database is locked" (SQLite does
    not wait while another connection switches the file to WAL) nor migrates a second time."""
    context = multiprocessing.get_context("fork")
    for round_ in range(10):
        barrier, results = context.Barrier(2), context.Queue()
        processes = [context.Process(target=_open_and_write, args=(tmp_path / str(round_), barrier, results))
                     for _ in range(2)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(60)
        assert [results.get(timeout=5) for _ in processes] == ["ok", "ok"]
        assert rows(tmp_path / str(round_), "SELECT count(*) FROM meta WHERE key = 'migrated'") == [(1,)]
