"""Opening the Whoosh index and writing articles into it, keyed by canonical URL."""

import os
import pickle
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, Index, LockError
from whoosh.query import Or, Term

from indexer.article import Article
from indexer.engine.codec import PostingsCodec
from indexer.engine.schema import build_schema
from indexer.reports.figures import extract_figures
from indexer.reports.stories import band_keys, same_story, shingles, signature
from indexer.vietnamese.provinces import UnknownProvince, provinces_named, resolve

TRUNCATED_SHARE = 0.5  # an update whose body is under half the stored one is taken for a truncated page
KEPT_STORED = "failed/shorter than the stored copy (truncated page?)"
TITLE_COPIES = 3
WRITE_TIMEOUT = 120  # seconds to wait for another process's writer (a crawl commits in batches)


class IndexMissing(RuntimeError):
    """No index at the given location yet."""


class IndexOutdated(IndexMissing):
    """An index written by an older htx: its analyzer no longer exists, or its postings lie as Whoosh lays them."""


class IndexBusy(RuntimeError):
    """Another process held the index's write lock for too long."""


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


def _existing(storage: FileStorage, data_dir: Path) -> Index | None:
    """The index in ``storage``, None when there is none; IndexOutdated when its pickled schema names analysis
    code that is gone or a segment was not written with htx's postings codec and its current block layout."""
    outdated = IndexOutdated(
        f"the index in {data_dir} was built by an older htx: run 'htx reindex' to rebuild it from the stored items"
    )
    try:
        ix = storage.open_index()
    except EmptyIndexError:
        return None
    except (AttributeError, ImportError, pickle.UnpicklingError):
        raise outdated from None
    if not all(PostingsCodec.wrote(segment) for segment in ix._segments()) or set(build_schema().names()) - set(ix.schema.names()):
        raise outdated
    return ix


def index_writer(ix: Index, **options):
    """A writer of htx's index (postings laid out by indexer.engine.codec); ``options`` go to Whoosh's writer."""
    return ix.writer(codec=PostingsCodec(), **options)


def open_index(data_dir: Path) -> Index:
    """Open an existing index for reading; IndexMissing says how to create one."""
    ix = _existing(index_storage(index_dir(data_dir)), data_dir)
    if ix is None:
        raise IndexMissing(
            f"no index in {data_dir}: run 'htx demo' (fixture portals), 'htx crawl' or 'htx index FILE.jsonl' first, "
            "or point --index / HTX_INDEX at an existing one"
        )
    return ix


def create_or_open(data_dir: Path) -> Index:
    """Open the index, creating an empty one on first use."""
    storage = index_storage(index_dir(data_dir))
    ix = _existing(storage, data_dir)
    if ix is not None:
        return ix
    storage.create()
    return storage.create_index(build_schema())


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
    for document in documents:
        grams = _grams(document)
        keys = band_keys(signature(grams))
        query = Or([Term("simbands", key) for key in keys])
        candidates = [(hit.fields(), None) for hit in searcher.search(query, limit=20)] + batch
        twin = next((c for c, c_grams in candidates
                     if c["url"] != document["url"] and same_story(grams, c_grams or _grams(c))), None)
        document.update(story=twin["story"] if twin else document["url"], simbands=" ".join(keys))
        batch.append((document, grams))


def write_articles(data_dir: Path, articles: Iterable[Article], progress: Callable[[int, int], None] | None = None) -> Counter:
    """Add or update articles in one commit; counts 'new', 'updated', 'unchanged' and KEPT_STORED;
    ``progress(done, total)`` is told of each article handled.

    Waits up to WRITE_TIMEOUT seconds for another writer; a crash before the commit leaves the index
    as it was at its last commit.
    """
    ix = create_or_open(data_dir)
    documents = [to_document(a) for a in articles]
    counts = Counter()
    with ix.searcher() as searcher:
        stored = {d["url"]: searcher.document(url=d["url"]) or {} for d in documents}
        known = {url: doc.get("content_hash") for url, doc in stored.items()}
        assign_stories(searcher, [d for d in documents if known[d["url"]] != d["content_hash"]])
    try:
        writer = index_writer(ix, timeout=WRITE_TIMEOUT)
    except LockError:
        raise IndexBusy(f"the index in {data_dir} stayed locked by another writer for {WRITE_TIMEOUT}s") from None
    try:
        for done, document in enumerate(documents, start=1):
            if progress:
                progress(done, len(documents))
            previous = known[document["url"]]
            if previous == document["content_hash"]:
                counts["unchanged"] += 1
                continue
            if len(document["body"]) < TRUNCATED_SHARE * len(stored[document["url"]].get("body", "")):
                counts[KEPT_STORED] += 1  # a page cut short in transit must not replace the whole article
                continue
            writer.update_document(**document)
            counts["updated" if previous else "new"] += 1
            known[document["url"]] = document["content_hash"]
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return counts
