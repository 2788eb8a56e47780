"""Opening the Whoosh index and writing articles into it, keyed by canonical URL."""

import errno
import fcntl
import os
import pickle
import shutil
import struct
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from whoosh.columns import EmptyColumnReader
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, EmptyIndexError, FileIndex, LockError
from whoosh.query import Or, Term
from whoosh.reading import EmptyReader

from indexer.article import KEPT_STORED, Article, best_copies, cut_short
from indexer.engine.codec import PostingsCodec
from indexer.engine.schema import build_schema
from indexer.reports.figures import extract_figures
from indexer.reports.stories import band_keys, same_story, shingles, signature
from indexer.vietnamese.provinces import UnknownProvince, provinces_named, resolve

TITLE_COPIES = 3
COMMON_GRAM = 50  # a 3-gram held by more of a batch's documents than this is no evidence of a copy
MIN_SHARED_GRAMS = 10  # earlier documents of a batch sharing this many 3-grams are compared exactly
WRITE_TIMEOUT = 120  # seconds to wait for another process's writer (a crawl commits in batches); $HTX_WRITE_TIMEOUT
WRITE_LOCK = "write.lock"  # in the data directory: index, crawl batches and reindex take it to write
STAGING = "reindex-tmp"  # where htx reindex builds the new index, in the data directory
SNAPSHOT_TRIES = 20  # a reader retries this often (50 ms apart) when a commit or merge removes files under it


class IndexMissing(RuntimeError):
    """No index at the given location yet."""


class IndexOutdated(IndexMissing):
    """An index written by an older htx: its analyzer no longer exists, or its postings lie as Whoosh lays them."""


class IndexBusy(RuntimeError):
    """Another process held the index's write lock for too long."""


class IndexDamaged(RuntimeError):
    """Index files are missing, cut short or unreadable; the stored items are intact and rebuild it."""

    def __init__(self, data_dir: Path, what: str):
        super().__init__(
            f"the index in {data_dir} is damaged: {what}; the stored articles in {Path(data_dir) / 'items'} are "
            f"intact: run 'htx --index {data_dir} reindex' to rebuild it"
        )


def default_data_dir() -> Path:
    """``$HTX_INDEX``, else ``$XDG_DATA_HOME/htx`` (``~/.local/share/htx``)."""
    if os.environ.get("HTX_INDEX"):
        return Path(os.environ["HTX_INDEX"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "htx"


def index_dir(data_dir: Path) -> Path:
    """Where the Whoosh files live inside a data directory (items/ and crawls/ sit beside it)."""
    return Path(data_dir) / "index"


def index_storage(path: Path) -> FileStorage:
    """Whoosh's file storage without mmap: with mmap, Whoosh copies every segment file into memory each
    time a searcher opens (hundreds of MB on a large index); plain reads go through the OS page cache."""
    return FileStorage(str(path), supports_mmap=False)


def _segment_problem(storage: FileStorage, segment) -> str | None:
    """What is wrong with one segment's files, None when they are whole: a compound segment file must exist and
    end where its own directory says (the directory's offset and length head the file; its entries lie before it)."""
    prefix = f"{segment.indexname}_{segment.segid}."
    name = prefix + "seg"
    if not segment.is_compound():  # its files are not listed anywhere: one of them at least must be there
        return None if any(f.startswith(prefix) for f in storage.list()) else f"segment {prefix}* is missing"
    try:
        size = storage.file_length(name)
        with storage.open_file(name) as handle:
            header = handle.read(12)
            offset, length = struct.unpack(">qi", header) if len(header) == 12 else (-1, -1)
            if offset <= 0 or length <= 0 or offset + length != size:
                return f"segment {name} is cut short or overwritten ({size} bytes)"
            handle.seek(offset)
            entries = pickle.loads(handle.read(length))
    except FileNotFoundError:
        raise
    except OSError as error:
        return f"segment {name} is unreadable ({error.strerror or error})"
    except Exception:  # any garbage in the directory is damage
        return f"segment {name} has an unreadable directory"
    if not isinstance(entries, dict) or any(e["offset"] + e["length"] > offset for e in entries.values()):
        return f"segment {name} has a directory pointing past its data"
    return None


def _read_toc(storage: FileStorage, data_dir: Path) -> TOC | None:
    """The newest table of contents, None when there is no index; IndexOutdated for an older htx's index
    (its pickled schema names analysis code that is gone), IndexDamaged when it is unreadable or missing
    beside segment files."""
    try:
        return TOC.read(storage, "MAIN")
    except EmptyIndexError:
        if not os.path.isdir(storage.folder) and (Path(data_dir) / STAGING / "index").is_dir():
            raise FileNotFoundError(errno.ENOENT, "swapped by htx reindex", storage.folder) from None  # read again
        if any(name.endswith(".seg") for name in storage.list()):
            raise IndexDamaged(data_dir, "its table of contents (_MAIN_*.toc) is missing") from None
        return None
    except (AttributeError, ImportError, pickle.UnpicklingError):
        raise _outdated(data_dir) from None
    except FileNotFoundError:
        raise
    except Exception:  # an emptied or garbage table of contents
        raise IndexDamaged(data_dir, "its table of contents (_MAIN_*.toc) is unreadable") from None


def _outdated(data_dir: Path) -> IndexOutdated:
    return IndexOutdated(
        f"the index in {data_dir} was built by an older htx: run 'htx reindex' to rebuild it from the stored items"
    )


def _checked_toc(storage: FileStorage, data_dir: Path) -> TOC | None:
    """The newest table of contents once its segments are checked whole (IndexDamaged otherwise). A file that
    vanishes meanwhile (a commit or merge removed it) means a newer table of contents: read again."""
    for _ in range(SNAPSHOT_TRIES):
        try:
            toc = _read_toc(storage, data_dir)
            problem = next(filter(None, (_segment_problem(storage, s) for s in toc.segments)), None) if toc else None
        except FileNotFoundError as error:
            problem = f"file {Path(error.filename or '?').name} is missing"
            time.sleep(0.05)
            continue
        if problem:
            raise IndexDamaged(data_dir, problem)
        if toc and (not all(PostingsCodec.wrote(segment) for segment in toc.segments)
                    or set(build_schema().names()) - set(toc.schema.names())):
            raise _outdated(data_dir)
        return toc
    raise IndexDamaged(data_dir, problem)


class _EmptyArchiveReader(EmptyReader):
    """The reader of an index without segments (created, nothing committed yet): no documents, empty columns."""

    def column_reader(self, fieldname, column=None, reverse=False, translate=False):
        return EmptyColumnReader(None, 0)


class CheckedIndex(FileIndex):
    """htx's index: every reader opens a consistent snapshot whose files were checked whole."""

    def __init__(self, storage: FileStorage, data_dir: Path):
        super().__init__(storage, indexname="MAIN")
        self.data_dir = data_dir

    def reader(self, reuse=None):
        for _ in range(SNAPSHOT_TRIES):
            toc = _checked_toc(self.storage, self.data_dir)
            if toc is None:
                raise IndexDamaged(self.data_dir, "its table of contents (_MAIN_*.toc) was removed")
            if not toc.segments:
                return _EmptyArchiveReader(toc.schema)
            try:
                return self._reader(self.storage, toc.schema, toc.segments, toc.generation, reuse=reuse)
            except FileNotFoundError:  # a merge removed a segment between the check and the open
                time.sleep(0.05)
        raise IndexDamaged(self.data_dir, "its segment files keep disappearing")


def _existing(storage: FileStorage, data_dir: Path) -> CheckedIndex | None:
    """The index in ``storage`` (checked whole), None when there is none."""
    if _checked_toc(storage, data_dir) is None:
        return None
    return CheckedIndex(storage, data_dir)


def index_writer(ix: FileIndex, **options):
    """A writer of htx's index (postings laid out by indexer.engine.codec); ``options`` go to Whoosh's writer."""
    return ix.writer(codec=PostingsCodec(), **options)


def open_index(data_dir: Path) -> CheckedIndex:
    """Open an existing index for reading; IndexMissing says how to create one, IndexDamaged how to rebuild it."""
    ix = _existing(index_storage(index_dir(data_dir)), data_dir)
    if ix is None:
        raise IndexMissing(
            f"no index in {data_dir}: run 'htx demo' (fixture portals), 'htx crawl' or 'htx index FILE.jsonl' first, "
            "or point --index / HTX_INDEX at an existing one"
        )
    return ix


def create_or_open(data_dir: Path) -> CheckedIndex:
    """Open the index, creating an empty one on first use (never over a damaged one: IndexDamaged)."""
    storage = index_storage(index_dir(data_dir))
    ix = _existing(storage, data_dir)
    if ix is not None:
        return ix
    storage.create()
    TOC.create(storage, build_schema(), "MAIN")
    return CheckedIndex(storage, data_dir)


def check_index(data_dir: Path) -> int:
    """Verify the index of ``data_dir``: table of contents, every segment whole, and every stored document, term,
    posting list and column readable; returns its number of documents. IndexMissing, IndexOutdated or
    IndexDamaged otherwise."""
    ix = open_index(data_dir)
    try:
        with ix.reader() as reader:
            documents = sum(1 for _ in reader.all_stored_fields())
            for fieldname, text in reader.all_terms():
                reader.postings(fieldname, text).all_ids()
            for fieldname in ix.schema.names():
                if reader.has_column(fieldname):
                    list(reader.column_reader(fieldname, translate=False))
            return documents
    except IndexDamaged:
        raise
    except Exception as error:  # whatever a segment whose bytes were overwritten throws
        raise IndexDamaged(data_dir, f"a segment cannot be read ({type(error).__name__}: {error})") from None


def prepare_data_dir(data_dir: Path) -> None:
    """Create the data directory and its writer lock file: OSError before any work when it cannot be written."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    (Path(data_dir) / WRITE_LOCK).touch()


@contextmanager
def writing(data_dir: Path) -> Iterator[None]:
    """Hold the data directory's writer lock (``htx index``, a crawl's batch, all of ``htx reindex``); waits up
    to $HTX_WRITE_TIMEOUT (else WRITE_TIMEOUT) seconds for another writer, then IndexBusy. The OS releases the
    lock when its process dies."""
    timeout = float(os.environ.get("HTX_WRITE_TIMEOUT") or WRITE_TIMEOUT)
    prepare_data_dir(data_dir)
    with open(Path(data_dir) / WRITE_LOCK, "a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"the index in {data_dir} stayed locked by another writer (htx crawl, index or reindex) for "
                        f"{timeout:.0f}s; nothing indexed was lost: run the command again when it has finished"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def indexed_urls(data_dir: Path) -> set[str]:
    """Every article URL in the index (empty when there is no index yet)."""
    ix = _existing(index_storage(index_dir(data_dir)), data_dir)
    if ix is None:
        return set()
    with ix.reader() as reader:
        return {url.decode("utf-8") if isinstance(url, bytes) else url for url in reader.lexicon("url")}


def searchable_text(title: str, lead: str, body: str) -> str:
    """What the "text" field indexes: the headline TITLE_COPIES times (so that a word in it weighs more
    without a second posting list to search), then lead and body, one clause per line."""
    return "\n".join([title] * TITLE_COPIES + [lead, body])


def to_document(article: Article) -> dict:
    """The index fields of an article; raises ValueError for an unknown province."""
    try:
        province = resolve(article.province)[0] if article.province else None
    except UnknownProvince as error:
        raise ValueError(str(error)) from None
    is_national = bool(province and province.national)
    figures = extract_figures("\n".join((article.title, article.lead, article.body)), national=is_national)
    lead = article.lead or next(iter(article.paragraphs()), "")
    mentions = provinces_named(f"{article.title}\n{lead}") if is_national else []
    document = {
        "url": article.url,
        "portal": article.portal,
        "province": province.key if province else "",
        "province_name": province.name if province else "",
        "unit_2025": province.unit_2025 if province else "",
        "mentions": " ".join(p.key for p in mentions),
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "text": searchable_text(article.title, article.lead, article.body),
        "about_cooperatives": article.about_cooperatives,
        "content_hash": article.content_hash,
        "extractor": article.extractor,
        "metrics": " ".join(sorted({f.metric for f in figures})),
        "figures": [asdict(f) for f in figures],
    }
    for key in ("published", "crawled"):
        if getattr(article, key):
            document[key] = getattr(article, key)
    return document


def _grams(document: dict) -> set[str]:
    return shingles(document["lead"] + " " + document["body"])


def assign_stories(searcher, documents: list[dict]) -> None:
    """Give each document the story id of an indexed (or earlier in the batch) copy of the same story (see
    indexer.reports.stories), else its own URL."""
    batch: list[tuple[dict, set[str]]] = []
    holding: dict[str, list[int]] = {}  # 3-gram -> the batch documents holding it
    for document in documents:
        grams = _grams(document)
        keys = band_keys(signature(grams))
        query = Or([Term("simbands", key) for key in keys])
        shared = Counter(n for gram in grams if len(holding.get(gram, ())) <= COMMON_GRAM for n in holding.get(gram, ()))
        earlier = [batch[n] for n, count in shared.items() if count >= MIN_SHARED_GRAMS]
        candidates = [(hit.fields(), None) for hit in searcher.search(query, limit=20)] + earlier
        twin = next((c for c, c_grams in candidates
                     if c["url"] != document["url"] and same_story(grams, c_grams or _grams(c))), None)
        document.update(story=twin["story"] if twin else document["url"], simbands=" ".join(keys))
        for gram in grams:
            holding.setdefault(gram, []).append(len(batch))
        batch.append((document, grams))


def write_articles(data_dir: Path, articles: Iterable[Article], progress: Callable[[int, int], None] | None = None) -> Counter:
    """Add or update articles in one commit; counts 'new', 'updated', 'unchanged' and KEPT_STORED. Several
    copies of one URL give one document (best_copies); ``progress(done, total)`` is told of each article handled.

    Holds the data directory's writer lock (see ``writing``) from reading
    what is stored to the commit; a crash before the commit leaves the index as it was at its last commit.
    """
    documents = [to_document(a) for a in best_copies(articles)]
    counts = Counter()
    with writing(data_dir):
        ix = create_or_open(data_dir)
        with ix.searcher() as searcher:
            stored = {d["url"]: searcher.document(url=d["url"]) or {} for d in documents}
            known = {url: doc.get("content_hash") for url, doc in stored.items()}
            assign_stories(searcher, [d for d in documents if known[d["url"]] != d["content_hash"]])
        try:
            writer = index_writer(ix, timeout=WRITE_TIMEOUT)
        except LockError:  # only an older htx writes without the data directory's lock
            raise IndexBusy(f"the index in {data_dir} stayed locked by an older htx's writer") from None
        try:
            for done, document in enumerate(documents, start=1):
                if progress:
                    progress(done, len(documents))
                previous = known[document["url"]]
                if previous == document["content_hash"]:
                    counts["unchanged"] += 1
                elif cut_short(document["body"], stored[document["url"]].get("body", "")):
                    counts[KEPT_STORED] += 1  # a page cut short in transit must not replace the whole article
                else:
                    writer.update_document(**document)
                    counts["updated" if previous else "new"] += 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    return counts


def rebuild_index(data_dir: Path, articles: Iterable[Article], progress: Callable[[int, int], None] | None = None) -> Counter:
    """Replace the index of ``data_dir`` by one built from ``articles`` (oldest copies first), holding the writer
    lock for the whole run, so that nothing another writer commits meanwhile is lost. The new index is built
    beside the old one and swapped in: a failure leaves the old one."""
    root = Path(data_dir)
    staging, old = root / STAGING, root / "index-old"
    with writing(root):
        shutil.rmtree(staging, ignore_errors=True)
        counts = write_articles(staging, articles, progress)
        shutil.rmtree(old, ignore_errors=True)
        if index_dir(root).exists():
            index_dir(root).rename(old)
        index_dir(staging).rename(index_dir(root))
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    return counts
