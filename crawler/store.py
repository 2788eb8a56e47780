"""Where a crawl keeps its results, and finishing what a killed crawl left half done."""

from pathlib import Path

from crawler.state import CrawlState
from indexer.engine.index import default_data_dir, write_articles
from indexer.itemstore import ItemStore


def data_dir_of(settings) -> Path:
    """The data directory a crawl writes to: the HTX_DATA_DIR setting, else $HTX_INDEX or the default."""
    return Path(settings.get("HTX_DATA_DIR") or default_data_dir())


def index_pending(data_dir: Path, keep_all: bool = False) -> int:
    """Index the stored articles a killed crawl did not get to commit (the crawl database names them and their
    items files: nothing else is read); returns how many were indexed."""
    state = CrawlState(data_dir)
    try:
        pending = state.pending()
        if not pending:
            return 0
        articles = [a for a in ItemStore(data_dir).read(pending) if keep_all or a.about_cooperatives]
        if articles:
            write_articles(data_dir, articles)
        state.settled(url for urls in pending.values() for url in urls)
        return len(articles)
    finally:
        state.close()
