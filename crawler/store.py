"""Where a crawl keeps its results, and what it already has."""

from pathlib import Path

from indexer.engine.index import default_data_dir, indexed_urls, write_articles
from indexer.itemstore import ItemStore


def data_dir_of(settings) -> Path:
    """The data directory a crawl writes to: the HTX_DATA_DIR setting, else $HTX_INDEX or the default."""
    return Path(settings.get("HTX_DATA_DIR") or default_data_dir())


def known_article_urls(data_dir: Path) -> set[str]:
    """Article URLs already stored or indexed: a repeat crawl does not fetch them again."""
    return ItemStore(data_dir).urls() | indexed_urls(data_dir)


def index_stored_but_missing(data_dir: Path, keep_all: bool = False) -> int:
    """Index the stored articles a killed crawl did not get to commit; returns how many."""
    indexed = indexed_urls(data_dir)
    missing = [a for a in ItemStore(data_dir).best_copies() if a.url not in indexed and (keep_all or a.about_cooperatives)]
    if missing:
        write_articles(data_dir, missing)
    return len(missing)


def _state_file(data_dir: Path, portal: str) -> Path:
    return Path(data_dir) / "crawls" / f"{portal}.state"


def last_crawl_finished(data_dir: Path, portal: str) -> bool:
    """False when the portal's previous crawl was interrupted (its list pages were not all walked)."""
    path = _state_file(data_dir, portal)
    return not path.exists() or path.read_text(encoding="utf-8").strip() == "finished"


def record_crawl_state(data_dir: Path, portal: str, state: str) -> None:
    """Note "running" when a crawl starts and "finished" when it ends normally; a killed crawl stays "running"."""
    path = _state_file(data_dir, portal)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(state, encoding="utf-8")
