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

    def stored_urls(self) -> Iterator[tuple[Path, str]]:
        """(file, URL) of every stored article, oldest file first (lines cut short by a kill are skipped)."""
        for path, data in self._records(self._files()):
            if isinstance(data, dict) and isinstance(data.get("url"), str):
                yield path, data["url"]

    def read(self, files: dict[str, list[str]]) -> Iterator[Article]:
        """The newest version, in the given files only, of the articles named per file (``{file: [url, …]}``)."""
        wanted = {Path(f): set(urls) for f, urls in files.items()}
        newest: dict[str, Article] = {}
        for path, data in self._records(p for p in wanted if p.exists()):
            if isinstance(data, dict) and data.get("url") in wanted[path]:
                try:
                    newest[data["url"]] = Article.from_dict(data)
                except ValueError:
                    continue
        return iter(newest.values())

    def _files(self) -> list[Path]:
        return sorted(self.root.glob("*.jsonl"), key=lambda p: (p.stat().st_mtime, p.name))

    @staticmethod
    def _records(paths) -> Iterator[tuple[Path, object]]:
        """(file, parsed line) for every readable line of the files."""
        for path in paths:
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        yield path, json.loads(line)
                    except ValueError:  # json.JSONDecodeError is a ValueError too
                        continue

    def latest(self) -> Iterator[Article]:
        """The newest stored version of every article (by URL); lines cut short by a kill are skipped."""
        newest: dict[str, Article] = {}
        for _, data in self._records(self._files()):
            try:
                article = Article.from_dict(data)
            except ValueError:
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
