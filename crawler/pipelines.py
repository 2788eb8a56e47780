"""Item pipelines: keep every extracted article on disk, then index the ones about cooperatives."""

import logging

from crawler.store import data_dir_of
from indexer.index import write_articles
from indexer.itemstore import ItemStore

progress = logging.getLogger("htx.progress")


class ItemStorePipeline:
    """Appends each article to this run's JSON Lines file in ``DATA_DIR/items``."""

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.store = ItemStore(data_dir_of(crawler.settings))
        return pipeline

    def open_spider(self, spider):
        self.run = self.store.open_run(spider.name)

    def close_spider(self, spider):
        self.run.close()

    def process_item(self, item, spider):
        self.run.write(item)
        return item


class IndexPipeline:
    """Writes articles to the index in batches; articles not about cooperatives are counted and skipped."""

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.data_dir = data_dir_of(crawler.settings)
        pipeline.batch_size = crawler.settings.getint("HTX_BATCH_SIZE")
        pipeline.keep_all = crawler.settings.getbool("HTX_KEEP_ALL")
        pipeline.stats = crawler.stats
        pipeline.pending = []
        return pipeline

    def process_item(self, item, spider):
        if not item.about_cooperatives and not self.keep_all:
            self.stats.inc_value("htx/skipped_not_cooperative")
            progress.info("[%s] skipped (not about cooperatives): %s", spider.name, item.title)
            return item
        self.pending.append(item)
        progress.info("[%s] %s", spider.name, item.title)
        if len(self.pending) >= self.batch_size:
            self.flush(spider)
        return item

    def close_spider(self, spider):
        self.flush(spider)

    def flush(self, spider):
        if not self.pending:
            return
        counts = write_articles(self.data_dir, self.pending)
        for outcome, count in counts.items():
            self.stats.inc_value(f"htx/{outcome}", count)
        progress.info("[%s] committed %d articles (%s)", spider.name, len(self.pending), ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        self.pending = []
