"""Item pipelines: keep every extracted article on disk, then index the ones about cooperatives."""

import asyncio
import logging

from scrapy.utils.asyncio import run_in_thread

from crawler.store import data_dir_of
from indexer.engine.index import IndexBusy, IndexDamaged, IndexOutdated, write_articles
from indexer.itemstore import ItemStore

progress = logging.getLogger("htx.progress")
log = logging.getLogger("htx.crawl")

# Why a batch could not be committed (counted under htx/failed/<reason>, one per article); its articles stay
# pending in the crawl database and the next crawl indexes them from items/ before it starts.
UNCOMMITTED = {IndexBusy: "index busy, kept in items/", IndexDamaged: "index damaged, kept in items/",
               IndexOutdated: "index outdated, kept in items/", OSError: "index not writable, kept in items/"}


class ItemStorePipeline:
    """Appends each article to this run's JSON Lines file in ``DATA_DIR/items`` and notes it in the crawl database
    as pending until the index has it."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.store = ItemStore(data_dir_of(crawler.settings))
        self.run = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.run = self.store.open_run(self.crawler.spider.name)

    def close_spider(self):
        self.run.close()

    def process_item(self, item):
        self.run.write(item)
        self.crawler.spider.state.stored(item.url, self.crawler.spider.name, self.run.path)
        return item


class IndexPipeline:
    """Writes articles to the index in batches, in a thread (a batch waiting for another writer's lock does not
    stall the crawl); articles not about cooperatives are counted and skipped."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.data_dir = data_dir_of(crawler.settings)
        self.batch_size = crawler.settings.getint("HTX_BATCH_SIZE")
        self.keep_all = crawler.settings.getbool("HTX_KEEP_ALL")
        self.pending = []
        self.committing = asyncio.Lock()  # one batch at a time, in crawl order

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, item):
        portal = self.crawler.spider.name
        if not item.about_cooperatives and not self.keep_all:
            self.crawler.stats.inc_value("htx/skipped_not_cooperative")
            progress.info("[%s] skipped (not about cooperatives): %s", portal, item.title, extra={"portal": portal, "event": "skipped"})
            self.crawler.spider.state.settled([item.url])
            return item
        self.pending.append(item)
        progress.info("[%s] %s", portal, item.title, extra={"portal": portal, "event": "extracted"})
        if len(self.pending) >= self.batch_size:
            await self.flush()
        return item

    async def close_spider(self):
        await self.flush()

    async def flush(self):
        """Commit the pending articles in one index transaction. A batch the index cannot take (busy past
        $HTX_WRITE_TIMEOUT, damaged, not writable) is logged in one line and counted as failed; its articles stay
        pending for the next crawl."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        portal = self.crawler.spider.name
        async with self.committing:
            try:
                counts = await run_in_thread(write_articles, self.data_dir, batch)
            except tuple(UNCOMMITTED) as error:
                reason = next(r for kind, r in UNCOMMITTED.items() if isinstance(error, kind))
                log.warning("[%s] %d articles not indexed: %s; they are kept in items/ and the next crawl indexes "
                            "them", portal, len(batch), error)
                self.crawler.stats.inc_value(f"htx/failed/{reason}", len(batch))
                return
        self.crawler.spider.state.settled(a.url for a in batch)
        for outcome, count in counts.items():
            self.crawler.stats.inc_value(f"htx/{outcome}", count)
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        progress.info("[%s] committed %d articles (%s)", portal, len(batch), summary,
                      extra={"portal": portal, "event": "committed", "count": len(batch)})
