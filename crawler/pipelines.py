"""Item pipelines: keep every extracted article on disk, then index the ones about cooperatives."""

import logging

from crawler.store import data_dir_of
from indexer.engine.index import write_articles
from indexer.itemstore import ItemStore

progress = logging.getLogger("htx.progress")


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
    """Writes articles to the index in batches; articles not about cooperatives are counted and skipped."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.data_dir = data_dir_of(crawler.settings)
        self.batch_size = crawler.settings.getint("HTX_BATCH_SIZE")
        self.keep_all = crawler.settings.getbool("HTX_KEEP_ALL")
        self.pending = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        portal = self.crawler.spider.name
        if not item.about_cooperatives and not self.keep_all:
            self.crawler.stats.inc_value("htx/skipped_not_cooperative")
            progress.info("[%s] skipped (not about cooperatives): %s", portal, item.title, extra={"portal": portal, "event": "skipped"})
            self.crawler.spider.state.settled([item.url])
            return item
        self.pending.append(item)
        progress.info("[%s] %s", portal, item.title, extra={"portal": portal, "event": "extracted"})
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self):
        self.flush()

    def flush(self):
        """Commit the pending articles in one index transaction."""
        if not self.pending:
            return
        counts = write_articles(self.data_dir, self.pending)
        self.crawler.spider.state.settled(a.url for a in self.pending)
        for outcome, count in counts.items():
            self.crawler.stats.inc_value(f"htx/{outcome}", count)
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        progress.info("[%s] committed %d articles (%s)", self.crawler.spider.name, len(self.pending), summary,
                      extra={"portal": self.crawler.spider.name, "event": "committed", "count": len(self.pending)})
        self.pending = []
