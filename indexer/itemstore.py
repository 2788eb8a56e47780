"""Every extracted article, kept on disk as JSON Lines (one file per crawl run), so the index can be rebuilt."""

import json
from collections.abc import Iterator
from pathlib import Path

from indexer.article import Article
from indexer.vietnamese.dates import now_vn


class ItemStore:
    """Append-only JSON Lines files under ``DATA_DIR/items``."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "items"

    def open_run(self, name: str) -> "RunWriter":
        """A writer for one run's file, ``items/NAME-YYYYmmddTHHMMSS.jsonl``."""
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = now_vn().strftime("%Y%m%dT%H%M%S")
        return RunWriter(self.root / f"{name}-{stamp}.jsonl")

    def urls(self) -> set[str]:
        """The URL of every stored article (lines cut short by a kill are skipped)."""
        found = set()
        for path in self.root.glob("*.jsonl"):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        found.add(json.loads(line)["url"])
                    except (ValueError, KeyError, TypeError):
                        continue
        return found

    def latest(self) -> Iterator[Article]:
        """The newest stored version of every article (by URL); lines cut short by a kill are skipped."""
        newest: dict[str, Article] = {}
        for path in sorted(self.root.glob("*.jsonl"), key=lambda p: (p.stat().st_mtime, p.name)):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        article = Article.from_dict(json.loads(line))
                    except ValueError:  # json.JSONDecodeError is a ValueError too
                        continue
                    newest[article.url] = article
        return iter(newest.values())


class RunWriter:
    """Appends articles to one run file, flushing each line so a killed crawl loses nothing stored."""

    def __init__(self, path: Path):
        self.path = path
        self._handle = path.open("a", encoding="utf-8")

    def write(self, article: Article) -> None:
        self._handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()
