"""Scrapy's filesystem HTTP cache, safe when two crawls of one portal run at once (a scheduled run overlapping a
manual one): an entry appears whole or not at all, and one replaced while it is read is a miss, not an error."""

import shutil
import tempfile
from pathlib import Path

from scrapy.extensions.httpcache import FilesystemCacheStorage


class SharedFilesystemCacheStorage(FilesystemCacheStorage):
    """FilesystemCacheStorage whose entries are written in a temporary folder beside their place and renamed into
    it; Scrapy's own writes an entry's files one by one, so the other crawl could read half of one."""

    _staging: Path | None = None  # the folder an entry is being written to

    def store_response(self, spider, request, response) -> None:
        final = Path(super()._get_request_path(spider, request))
        final.parent.mkdir(parents=True, exist_ok=True)
        self._staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
        try:
            super().store_response(spider, request, response)
            replaced = final.with_name(self._staging.name + ".old")
            try:
                final.rename(replaced)  # the page's older entry
            except FileNotFoundError:
                replaced = None
            try:
                self._staging.rename(final)
            except OSError:  # the other crawl stored the page in between: its entry is as good
                shutil.rmtree(self._staging, ignore_errors=True)
            if replaced is not None:
                shutil.rmtree(replaced, ignore_errors=True)
        finally:
            self._staging = None

    def _get_request_path(self, spider, request) -> str:
        return str(self._staging) if self._staging is not None else super()._get_request_path(spider, request)

    def retrieve_response(self, spider, request):
        try:
            return super().retrieve_response(spider, request)
        except FileNotFoundError:  # the entry was being replaced by the other crawl
            return None
