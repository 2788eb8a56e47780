"""Crawl state in SQLite (WAL) in the data directory: what the crawler knows of every URL, and each portal's runs.

A repeat crawl asks this database, one URL at a time, whether a link is worth a request; it never re-reads the
JSON Lines items (they stay the export and rebuild source, read once to fill a new database).
"""

import fcntl
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from indexer.vietnamese.dates import now_vn

STATE_FILE = "crawl.sqlite"
BACKOFF_FIRST = timedelta(days=1)  # a failed URL waits 1, 2, 4 … days before it is asked for again
BACKOFF_MAX = timedelta(days=30)

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,            -- the canonical address (the real portal's, also when a replica was crawled)
    portal TEXT NOT NULL,
    kind TEXT NOT NULL,              -- list, article, feed, not-article
    status INTEGER,                  -- last HTTP status, NULL when no response came
    reason TEXT NOT NULL DEFAULT '', -- why the last fetch gave nothing ('' when it worked)
    failures INTEGER NOT NULL DEFAULT 0,  -- failed fetches in a row
    retry_after TEXT,                -- a failed URL is not asked for again before this time
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    item_file TEXT,                  -- the items/ file holding the article's newest stored version
    pending INTEGER NOT NULL DEFAULT 0,   -- 1: stored in items/, not yet committed to the index (or skipped)
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS urls_pending ON urls(pending) WHERE pending = 1;
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    portal TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,                   -- NULL: still running, or killed
    outcome TEXT NOT NULL DEFAULT 'running',
    requests INTEGER                 -- requests sent over the network (cache hits not counted)
);
CREATE INDEX IF NOT EXISTS runs_portal ON runs(portal, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_FILE


def backoff(failures: int) -> timedelta:
    """How long a URL that failed ``failures`` times in a row rests before the next try."""
    return min(BACKOFF_FIRST * 2 ** max(0, failures - 1), BACKOFF_MAX)


class CrawlState:
    """One connection to the data directory's crawl database; creates (and fills) it on first use."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = state_path(self.data_dir)
        with open(path.with_name(STATE_FILE + ".lock"), "a") as lock:
            # Two crawls starting at once: SQLite answers "database is locked" at once (no busy wait) to a
            # second connection switching a new file to WAL, and both would migrate; one at a time sets up.
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            if self.db.execute("SELECT value FROM meta WHERE key = 'migrated'").fetchone() is None:
                self.migrate()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self):
        """Statements that commit together (the connection otherwise commits each one)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -------------------------------------------------------------------------------------------- migration

    def migrate(self) -> None:
        """Fill a new database from what the data directory already holds: every stored article (items/, read
        this once), every indexed one, and the last state of each portal's list walk (crawls/PORTAL.state)."""
        from indexer.engine.index import indexed_urls
        from indexer.itemstore import ItemStore

        now = now_vn().isoformat()
        indexed = indexed_urls(self.data_dir)
        rows = {url: (url, "", "", 0, now, now) for url in indexed}
        for path, url in ItemStore(self.data_dir).stored_urls():
            portal = path.stem.rsplit("-", 1)[0]
            rows[url] = (url, portal, str(path), int(url not in indexed), now, now)
        with self.transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO urls (url, portal, kind, status, item_file, pending, first_seen, last_seen) "
                "VALUES (?, ?, 'article', 200, NULLIF(?, ''), ?, ?, ?)",
                rows.values(),
            )
            for state_file in (self.data_dir / "crawls").glob("*.state"):
                if state_file.read_text(encoding="utf-8").strip() == "running":
                    self.db.execute("INSERT INTO runs (portal, started) VALUES (?, ?)", (state_file.stem, now))
            self.db.execute("INSERT INTO meta VALUES ('migrated', ?)", (now,))

    # -------------------------------------------------------------------------------------------- URLs

    def should_fetch(self, url: str, now: datetime | None = None) -> bool:
        """True for a link worth a request: never seen, or failed (or not an article) and its rest is over.
        Stored articles are not asked for again; list pages and feeds are asked for by the caller anyway."""
        row = self.db.execute("SELECT kind, reason, retry_after FROM urls WHERE url = ?", (url,)).fetchone()
        if row is None:
            return True
        kind, reason, retry_after = row
        if kind == "article" and not reason:
            return False
        return retry_after is None or retry_after <= (now or now_vn()).isoformat()

    def is_stored_article(self, url: str) -> bool:
        row = self.db.execute("SELECT 1 FROM urls WHERE url = ? AND kind = 'article' AND reason = ''", (url,)).fetchone()
        return row is not None

    def fetched(self, url: str, portal: str, kind: str, status: int, etag: str = "", last_modified: str = "",
                content_hash: str = "") -> None:
        """A response that gave what its kind promises (a list, feed or article page)."""
        now = now_vn().isoformat()
        self.db.execute(
            "INSERT INTO urls (url, portal, kind, status, etag, last_modified, content_hash, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, status = excluded.status, reason = '', failures = 0, "
            "retry_after = NULL, etag = excluded.etag, last_modified = excluded.last_modified, "
            "content_hash = COALESCE(excluded.content_hash, content_hash), last_seen = excluded.last_seen",
            (url, portal, kind, status, etag, last_modified, content_hash, now, now),
        )

    def failed(self, url: str, portal: str, kind: str, reason: str, status: int | None = None,
               now: datetime | None = None) -> None:
        """A URL that gave nothing usable: it rests on the backoff schedule before the next try. A stored article
        that fails on a --refresh keeps its stored state."""
        now = now or now_vn()
        row = self.db.execute("SELECT kind, reason, failures FROM urls WHERE url = ?", (url,)).fetchone()
        if row is not None and row[0] == "article" and not row[1]:
            return
        failures = (row[2] if row else 0) + 1
        self.db.execute(
            "INSERT INTO urls (url, portal, kind, status, reason, failures, retry_after, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, status = excluded.status, reason = excluded.reason, "
            "failures = excluded.failures, retry_after = excluded.retry_after, last_seen = excluded.last_seen",
            (url, portal, kind, status, reason, failures, (now + backoff(failures)).isoformat(), now.isoformat(), now.isoformat()),
        )

    def stored(self, url: str, portal: str, item_file: Path) -> None:
        """An article written to ``item_file``; pending until the index commits (or skips) it."""
        now = now_vn().isoformat()
        self.db.execute(
            "INSERT INTO urls (url, portal, kind, status, item_file, pending, first_seen, last_seen) "
            "VALUES (?, ?, 'article', 200, ?, 1, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET kind = 'article', reason = '', failures = 0, retry_after = NULL, "
            "item_file = excluded.item_file, pending = 1, last_seen = excluded.last_seen",
            (url, portal, str(item_file), now, now),
        )

    def settled(self, urls: Iterable[str]) -> None:
        """Articles committed to the index, or skipped as not about cooperatives: nothing left to recover."""
        with self.transaction():
            self.db.executemany("UPDATE urls SET pending = 0 WHERE url = ?", ((u,) for u in urls))

    def pending(self) -> dict[str, list[str]]:
        """Stored articles a killed crawl did not commit, by the items file that holds them."""
        files: dict[str, list[str]] = {}
        for url, item_file in self.db.execute("SELECT url, item_file FROM urls WHERE pending = 1"):
            files.setdefault(item_file, []).append(url)
        return files

    # -------------------------------------------------------------------------------------------- runs

    def start_run(self, portal: str) -> int:
        """Note a crawl of ``portal`` starting; its id."""
        return self.db.execute("INSERT INTO runs (portal, started) VALUES (?, ?)", (portal, now_vn().isoformat())).lastrowid

    def finish_run(self, run_id: int, outcome: str, requests: int) -> None:
        self.db.execute("UPDATE runs SET finished = ?, outcome = ?, requests = ? WHERE id = ?",
                        (now_vn().isoformat(), outcome, requests, run_id))

    def last_run_completed(self, portal: str, before: int | None = None) -> bool:
        """False when the portal's previous crawl was interrupted (it never finished its list walk)."""
        row = self.db.execute(
            "SELECT outcome FROM runs WHERE portal = ? AND id < ? ORDER BY id DESC LIMIT 1", (portal, before or 2**62)
        ).fetchone()
        return row is None or row[0] == "finished"
