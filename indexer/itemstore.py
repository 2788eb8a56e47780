"""Every extracted article, kept on disk as JSON Lines (one file per crawl run), so the index can be rebuilt."""

import codecs
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.article import Article, best_copies
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
            with path.open(encoding="utf-8", errors="replace") as handle:  # a kill can cut a character in two
                for line in handle:
                    try:
                        yield path, json.loads(line)
                    except ValueError:  # json.JSONDecodeError is a ValueError too
                        continue

    def best_copies(self) -> list[Article]:
        """The copy of every stored article to index: the newest, unless it is cut short against an older
        one (indexer.article.best_copies, the rule a crawl applies); lines cut short by a kill are skipped."""
        return best_copies(_articles(data for _, data in self._records(self._files())))


def _articles(records: Iterable[object]) -> Iterator[Article]:
    for record in records:
        try:
            yield Article.from_dict(record)
        except (ValueError, TypeError, AttributeError):
            continue


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


def read_jsonl(path: Path) -> tuple[list[Article], list[str]]:
    """The valid articles of a JSON Lines file and one message per bad line ("FILE:N: reason"). UTF-8 with or
    without a BOM; a file mostly not UTF-8 gets one message naming the encoding it seems to be in instead."""
    articles, errors, foreign, lines = [], [], [], 0
    with Path(path).open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    return [], [f"{path}: the file is UTF-16, not UTF-8: convert it (iconv -f UTF-16 -t UTF-8)"]
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            lines += 1
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                foreign.append(raw)
                errors.append(f"{path}:{number}: not UTF-8 text (byte {error.start + 1} of the line)")
                continue
            try:
                articles.append(Article.from_dict(json.loads(line)))
            except ValueError as error:  # json.JSONDecodeError is a ValueError too
                errors.append(f"{path}:{number}: {error}")
    if 2 * len(foreign) > lines:  # mostly not UTF-8: the whole file is in another encoding
        encoding = _seeming_encoding(b"".join(foreign))
        return [], [f"{path}: the file is not UTF-8 but seems to be {encoding}: convert it (iconv -f {encoding} -t UTF-8)"]
    return articles, errors


def _seeming_encoding(data: bytes) -> str:
    """The encoding non-UTF-8 bytes seem to be in: UTF-16 (NUL bytes), windows-1258 (Vietnamese letters), else
    windows-1252."""
    if b"\x00" in data:
        return "UTF-16"
    vietnamese = sum(data.count(byte) for byte in b"\xe3\xf0\xf5\xfd\xc3\xd0\xd5\xdd\xcc\xd2\xde\xec\xf2")
    return "windows-1258" if vietnamese * 20 >= sum(b >= 0x80 for b in data) else "windows-1252"
