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

    def urls(self) -> set[str]:
        """The URL of every stored article (lines cut short by a kill are skipped)."""
        return {record["url"] for record in self._records() if isinstance(record.get("url"), str)}

    def best_copies(self) -> list[Article]:
        """The copy of every stored article to index: the newest, unless it is cut short against an older
        one (indexer.article.best_copies, the rule a crawl applies); lines cut short by a kill are skipped."""
        return best_copies(_articles(self._records()))

    def _records(self) -> Iterator[dict]:
        """Every readable stored line as a dict, oldest run first."""
        for path in sorted(self.root.glob("*.jsonl"), key=lambda p: (p.stat().st_mtime, p.name)):
            with path.open(encoding="utf-8", errors="replace") as handle:  # a kill can cut a character in two
                for line in handle:
                    try:
                        record = json.loads(line)
                    except ValueError:  # json.JSONDecodeError is a ValueError too
                        continue
                    if isinstance(record, dict):
                        yield record


def _articles(records: Iterable[dict]) -> Iterator[Article]:
    for record in records:
        try:
            yield Article.from_dict(record)
        except ValueError:
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
