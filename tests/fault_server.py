"""A loopback portal that fails on purpose: the Sóc Trăng replica's pages, with a fault chosen per path.

``with serve_faults({path: Fault(kind, times)}) as server`` serves on 127.0.0.1 (a free port) until the block
ends; ``server.requests`` counts requests per path and ``server.arrivals`` keeps their arrival times.
"""

import socket
import struct
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from socketserver import ThreadingMixIn

from crawler.fixture_server import CONTENT_TYPES, DEFAULT_FIXTURES, FixtureSite, resolve_file

SOCTRANG = DEFAULT_FIXTURES / "sites" / "soctrang"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Fault:
    """What a path does instead of serving its page, for its first ``times`` requests (None: for all of them).

    ``kind`` is an HTTP status ("500", "503", "404", with ``arg`` as Retry-After seconds) or one of
    "timeout" (``arg``: seconds of silence, then a closed connection), "reset" (TCP RST), "redirect"
    (``arg``: the Location), "oversize" (``arg``: bytes streamed, no Content-Length), "short" (Content-Length
    larger than the body), "cut" (the page cut mid-tag just after the text ``arg``), "charset" (the UTF-8
    page declared ISO-8859-1), "empty" (200 with no body), "replace" (``arg``: (old, new) bytes in the page).
    """

    kind: str
    times: int | None = None
    arg: object = None


class FaultHandler(BaseHTTPRequestHandler):
    server: "FaultServer"

    def do_GET(self):
        fault = self.server.record(self.path)
        found, path = resolve_file(self.server.site.root, self.path)
        page = found.read_bytes() if found and not found.name.startswith("_") else None
        content_type = self.server.site.headers.get(path, {}).get("Content-Type") or CONTENT_TYPES.get(Path(path).suffix, HTML)
        if fault is not None and fault.kind.isdigit():
            self.reply(int(fault.kind), b"", headers={"Retry-After": fault.arg} if fault.arg is not None else {})
        elif fault is not None:
            getattr(self, "fault_" + fault.kind)(fault, page, content_type)
        elif page is None:
            self.reply(404, b"")
        else:
            self.reply(200, page, content_type)

    def reply(self, status, body, content_type=HTML, length=None, headers=()):
        self.send_response(status)
        for name, value in {"Content-Type": content_type, **dict(headers)}.items():
            self.send_header(name, str(value))
        if length is not False:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        try:
            self.wfile.write(body)
        except ConnectionError:  # the client gave up (e.g. over its size limit)
            pass

    def fault_timeout(self, fault, page, content_type):
        self.server.stopping.wait(fault.arg)

    def fault_reset(self, fault, page, content_type):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def fault_redirect(self, fault, page, content_type):
        self.reply(302, b"", headers={"Location": fault.arg})

    def fault_oversize(self, fault, page, content_type):
        self.reply(200, page + b" " * (fault.arg - len(page)), content_type, length=False)

    def fault_short(self, fault, page, content_type):
        self.reply(200, page, content_type, length=len(page) + 1000)

    def fault_cut(self, fault, page, content_type):
        self.reply(200, page[: page.index(b"<", page.index(fault.arg.encode())) + 2], content_type)

    def fault_charset(self, fault, page, content_type):
        self.reply(200, page, "text/html; charset=iso-8859-1")

    def fault_empty(self, fault, page, content_type):
        self.reply(200, b"", content_type)

    def fault_replace(self, fault, page, content_type):
        self.reply(200, page.replace(*fault.arg), content_type)

    def log_message(self, *args):
        pass


class FaultServer(ThreadingMixIn, HTTPServer):
    """The replica on 127.0.0.1, answering from a bounded pool of threads."""

    def __init__(self, faults: dict[str, Fault], workers: int = 16):
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.site = FixtureSite(SOCTRANG)
        self.faults = faults
        self.requests: Counter = self.site.requests
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.pool = ThreadPoolExecutor(workers)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def process_request(self, request, client_address):
        self.pool.submit(self.process_request_thread, request, client_address)

    def record(self, path: str) -> Fault | None:
        """Count a request; the fault it meets, if any."""
        with self.lock:
            self.requests[path] += 1
            self.arrivals[path].append(time.monotonic())
            count = self.requests[path]
        fault = self.faults.get(path)
        return fault if fault and (fault.times is None or count <= fault.times) else None


@contextmanager
def serve_faults(faults: dict[str, Fault]):
    """Run a :class:`FaultServer` for the duration of the block; sleeping handlers are woken at the end."""
    server = FaultServer(faults)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.pool.shutdown(cancel_futures=True)
        server.server_close()
