"""A loopback HTTP server for the fixture portals in ``fixtures/sites`` (used by ``htx demo`` and the tests).

The URL-to-file rules are in ``fixtures/README.md``. Each site gets its own port; requests are counted. Pages carry an ETag and Last-Modified, and a request
with a matching If-None-Match gets 304 Not Modified, as on portals that support conditional requests. ``{{origin}}``
in a file stands for the replica's own ``http://127.0.0.1:PORT`` (absolute links of a site to itself). An ASP.NET
postback (a form POST with ``__EVENTTARGET`` and ``__VIEWSTATE``) is answered from
``PATH@postback=TARGET&state=VIEWSTATE``; a postback with a view state the site never issued gets a 500.
"""

import hashlib
import json
import threading
from collections import Counter
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

CONTENT_TYPES = {".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".rss": "application/rss+xml"}
DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def resolve_file(root: Path, target: str) -> tuple[Path | None, str]:
    """The file that answers a request target (``/path?query``), and the path key used for headers."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    local = (root / path.lstrip("/")).resolve()
    if root.resolve() not in (local, *local.parents):
        return None, path
    candidates = []
    if parts.query:
        candidates.append(local.parent / f"{local.name}@{unquote(parts.query)}")
    candidates += [local / "index.html", local, local.with_name(local.name + ".html")]
    found = next((c for c in candidates if c.is_file()), None)
    return found, path


class FixtureSite:
    """One portal replica: its document root, per-path header overrides and a request counter."""

    def __init__(self, root: Path):
        self.root = root
        headers_file = root / "_headers.json"
        self.headers = json.loads(headers_file.read_text(encoding="utf-8")) if headers_file.exists() else {}
        self.requests: Counter = Counter()
        self.not_modified: Counter = Counter()

    def handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests[self.path] += 1
                self.answer(*resolve_file(site.root, self.path))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True).items()}
                if "__VIEWSTATE" not in form:
                    self.send_error(400, "Bad Request")
                    return
                target = f"{urlsplit(self.path).path}?postback={form.get('__EVENTTARGET', '')}&state={form['__VIEWSTATE']}"
                site.requests[f"POST {target}"] += 1
                found, path = resolve_file(site.root, target)
                if found is None:
                    self.send_error(500, "Invalid postback or callback argument")
                    return
                self.answer(found, path)

            def answer(self, found, path):
                if found is None or found.name.startswith("_"):
                    self.send_error(404, "Not Found")
                    return
                origin = "http://{}:{}".format(*self.server.server_address[:2])
                body = found.read_bytes().replace(b"{{origin}}", origin.encode())
                etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
                if self.headers.get("If-None-Match") == etag:
                    site.not_modified[self.path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                headers = {"Content-Type": CONTENT_TYPES.get(found.suffix, "text/html; charset=utf-8"), "ETag": etag,
                           "Last-Modified": formatdate(found.stat().st_mtime, usegmt=True)}
                headers.update(site.headers.get(path, {}))
                self.send_response(200)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


@contextmanager
def serve_fixtures(fixtures: Path = DEFAULT_FIXTURES):
    """Serve every site under ``fixtures/sites`` on 127.0.0.1; yields ``{portal: (base_url, FixtureSite)}``."""
    servers, served = [], {}
    try:
        for root in sorted(p for p in (Path(fixtures) / "sites").iterdir() if p.is_dir()):
            site = FixtureSite(root)
            server = ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            served[root.name] = (f"http://127.0.0.1:{server.server_address[1]}", site)
        yield served
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
