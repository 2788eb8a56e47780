"""The crawl's HTTP cache when two crawls of one portal overlap (crawler/httpcache.py)."""

from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.httpcache import SharedFilesystemCacheStorage

URL = "http://127.0.0.1:8000/portal/Pages/bai-viet.aspx"


def storage(kind, folder: Path):
    crawler = get_crawler(Spider, {"HTTPCACHE_DIR": str(folder)})
    spider = Spider.from_crawler(crawler, name="soctrang")
    store = kind(crawler.settings)
    store.open_spider(spider)
    return store, spider


def page(body: bytes) -> Response:
    return Response(URL, body=body, status=200, headers={"ETag": '"v1"'})


def test_an_entry_is_replaced_whole_and_leaves_no_temporary_folder(tmp_path):
    store, spider = storage(SharedFilesystemCacheStorage, tmp_path)
    assert store.retrieve_response(spider, Request(URL)) is None
    for body in (b"<p>first</p>", b"<p>second</p>"):
        store.store_response(spider, Request(URL), page(body))
        assert store.retrieve_response(spider, Request(URL)).body == body
    entries = [p for p in (tmp_path / "soctrang").rglob("*") if p.is_dir() and p.parent.parent.name == "soctrang"]
    assert len(entries) == 1 and not entries[0].name.startswith(".")


def test_an_entry_gone_while_read_is_a_miss(tmp_path):
    """The other crawl renames an entry away between our reading its metadata and its body: Scrapy's storage
    raises (the crawl logs a traceback); ours answers a cache miss."""
    for kind in (FilesystemCacheStorage, SharedFilesystemCacheStorage):
        store, spider = storage(kind, tmp_path / kind.__name__)
        store.store_response(spider, Request(URL), page(b"<p>first</p>"))
        body = Path(store._get_request_path(spider, Request(URL))) / "response_body"
        body.unlink()
        if kind is FilesystemCacheStorage:
            with pytest.raises(FileNotFoundError):
                store.retrieve_response(spider, Request(URL))
        else:
            assert store.retrieve_response(spider, Request(URL)) is None
